# %% [markdown]
# # PCA from scratch with the SVD, checked against scikit-learn
#
# PCA of the wine data computed from the singular value decomposition of the centred data matrix, matched
# against `sklearn.decomposition.PCA` (components up to sign, explained variance ratios), with a scree and
# cumulative-variance plot and 2-D projections. Without standardisation, one feature measured in large units
# (proline) takes 99.8% of the variance and the projection loses most of the class structure.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_wine
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)

# %% [markdown]
# ## Data
#
# 178 wines from three cultivars, 13 chemical measurements each. The features live on very different scales,
# which matters later.

# %%
wine = load_wine()
X_raw, y, names = wine.data, wine.target, np.array(wine.feature_names)
n, d = X_raw.shape
print(f"{n} samples, {d} features")
for name, sd in sorted(zip(names, X_raw.std(axis=0)), key=lambda t: -t[1])[:4]:
    print(f"  std of {name:20s} {sd:9.2f}")
print(f"  smallest std: {X_raw.std(axis=0).min():.2f} ({names[X_raw.std(axis=0).argmin()]})")

# %% [markdown]
# ## PCA is the SVD of the centred data
#
# Let $X \in \mathbb R^{n\times d}$ be the data with each column's mean subtracted. Its thin SVD is
# $X = U S V^\top$ with $r = \min(n, d)$, orthonormal columns in $U$ ($n\times r$) and $V$ ($d \times r$),
# and singular values $s_1 \ge s_2 \ge \dots \ge s_r \ge 0$ on the diagonal of $S$. The sample covariance
# matrix is then
#
# $$
# \Sigma = \frac{1}{n-1}X^\top X = V\,\frac{S^2}{n-1}\,V^\top ,
# $$
#
# so the columns of $V$ are the eigenvectors of $\Sigma$ (the principal directions) and
# $\lambda_j = s_j^2/(n-1)$ are the variances along them. The explained variance ratio of component $j$ is
# $\lambda_j / \sum_i \lambda_i = s_j^2/\sum_i s_i^2$, and the projected data (the scores) are
# $XV = US$. We standardise first, for the reasons shown at the end.


# %%
def pca_svd(X):
    mean = X.mean(axis=0)
    Xc = X - mean
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    explained_variance = s**2 / (X.shape[0] - 1)
    return {
        "mean": mean,
        "components": Vt,  # rows are principal directions
        "explained_variance": explained_variance,
        "explained_variance_ratio": explained_variance / explained_variance.sum(),
        "scores": U * s,  # equal to Xc @ Vt.T
        "singular_values": s,
    }


X = StandardScaler().fit_transform(X_raw)
ours = pca_svd(X)
print("explained variance ratio:", np.round(ours["explained_variance_ratio"], 4))
assert np.allclose(ours["scores"], (X - ours["mean"]) @ ours["components"].T)

# %% [markdown]
# ## Compare with scikit-learn
#
# A singular vector is only defined up to sign: if $v$ is one, so is $-v$ (with the matching column of $U$
# flipped too). scikit-learn fixes the sign with its own convention, so we align each of our components to
# the library's before comparing. We check both the default solver (with more than ten times as many rows as
# columns, as here, `svd_solver="auto"` eigen-decomposes the covariance matrix) and `svd_solver="full"`,
# which uses the SVD like we do.

# %%
for solver in ["auto", "full"]:
    sk = PCA(svd_solver=solver).fit(X)
    signs = np.sign(np.sum(ours["components"] * sk.components_, axis=1))
    comp_diff = np.abs(signs[:, None] * ours["components"] - sk.components_).max()
    score_diff = np.abs(ours["scores"] * signs - sk.transform(X)).max()
    ratio_diff = np.abs(ours["explained_variance_ratio"] - sk.explained_variance_ratio_).max()
    var_diff = np.abs(ours["explained_variance"] - sk.explained_variance_).max()
    print(f"svd_solver={solver!r:7s}: max |component diff| {comp_diff:.1e}, |score diff| {score_diff:.1e}, "
          f"|variance ratio diff| {ratio_diff:.1e}, |variance diff| {var_diff:.1e}")
    assert np.all(np.abs(signs) == 1)
    assert comp_diff < 1e-8 and score_diff < 1e-8 and ratio_diff < 1e-12 and var_diff < 1e-10

# %% [markdown]
# Everything agrees to rounding error once signs are aligned. The sign ambiguity is worth remembering in
# practice: two runs or two libraries can return mirror-image plots, and neither is wrong.
#
# Two more facts we can check numerically. The eigenvalues of the covariance matrix equal
# $s_j^2/(n-1)$; and keeping the first $k$ components gives a reconstruction whose squared error is exactly
# the sum of the discarded $s_j^2$, the smallest possible for any rank-$k$ approximation
# (Eckart–Young theorem).

# %%
eigenvalues = np.linalg.eigvalsh(np.cov(X, rowvar=False))[::-1]
assert np.allclose(eigenvalues, ours["explained_variance"])

Xc = X - ours["mean"]
s = ours["singular_values"]
for k in [1, 2, 5, 10]:
    V_k = ours["components"][:k].T
    error = np.sum((Xc - Xc @ V_k @ V_k.T) ** 2)
    print(f"k = {k:2d}: reconstruction error {error:9.4f}, sum of discarded s_j^2 {np.sum(s[k:] ** 2):9.4f}")
    assert np.isclose(error, np.sum(s[k:] ** 2))

# %% [markdown]
# ## How many components? The scree plot

# %%
ratio = ours["explained_variance_ratio"]
cumulative = np.cumsum(ratio)
k90 = int(np.searchsorted(cumulative, 0.90) + 1)
components = np.arange(1, d + 1)

fig, ax = plt.subplots(figsize=(6, 4))
ax.bar(components, ratio, color="tab:blue", label="per component")
ax.plot(components, cumulative, "o-", color="tab:orange", ms=4, label="cumulative")
ax.axhline(0.90, color="grey", ls=":", lw=1)
ax.axvline(k90, color="grey", ls=":", lw=1)
ax.set_xticks(components)
ax.set_xlabel("principal component")
ax.set_ylabel("explained variance ratio")
ax.set_title(f"Standardised wine data: {k90} components reach 90%")
ax.legend(loc="center right")
plt.show()

print(f"first two components: {cumulative[1]:.3f} of the variance; 90% needs {k90} components")
assert k90 == PCA(n_components=0.90).fit(X).n_components_

# %% [markdown]
# There is no sharp elbow: the first component explains 36% and the next ones fall off gradually. Choosing
# $k$ from a variance threshold (`PCA(n_components=0.90)` does this) or, better, by cross-validating the
# downstream model is more reliable than eyeballing the curve.
#
# ## A 2-D projection

# %%
scores = ours["scores"]
fig, ax = plt.subplots(figsize=(6, 4))
for c in range(3):
    ax.scatter(scores[y == c, 0], scores[y == c, 1], s=15, label=f"cultivar {c}")
ax.set_xlabel(f"PC1 ({ratio[0]:.0%} of variance)")
ax.set_ylabel(f"PC2 ({ratio[1]:.0%} of variance)")
ax.set_title("Wine data, standardised, first two principal components")
ax.legend()
plt.show()

# %% [markdown]
# The three cultivars form three fairly separate groups even though PCA never saw the labels: the
# directions of largest variance happen to be the ones that separate the classes here. That is not
# guaranteed in general; PCA maximises variance, not class separation.
#
# ## What happens without standardising
#
# Proline is measured in values around 750 with a standard deviation of about 314; most other features have
# standard deviations below 3. PCA on the raw data finds the direction of largest variance in those units,
# which is simply "proline".

# %%
raw = pca_svd(X_raw)
pc1 = raw["components"][0]
top = np.argmax(np.abs(pc1))
print(f"raw data: PC1 explains {raw['explained_variance_ratio'][0]:.4f} of the variance")
print(f"raw data: largest |loading| of PC1 is {np.abs(pc1[top]):.4f}, on '{names[top]}'")
assert names[top] == "proline" and np.abs(pc1[top]) > 0.99
top2 = np.argmax(np.abs(raw["components"][1]))
print(f"raw data: PC2 is dominated by '{names[top2]}' (|loading| {np.abs(raw['components'][1][top2]):.4f})")
assert names[top2] == "magnesium"
assert raw["explained_variance_ratio"][0] > 0.99

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for c in range(3):
    ax.scatter(raw["scores"][y == c, 0], raw["scores"][y == c, 1], s=15, label=f"cultivar {c}")
ax.set_xlabel(f"PC1 ({raw['explained_variance_ratio'][0]:.1%} of variance, essentially proline)")
ax.set_ylabel(f"PC2 ({raw['explained_variance_ratio'][1]:.1%} of variance)")
ax.set_title("Wine data, NOT standardised, first two principal components")
ax.legend()
plt.show()

# %% [markdown]
# Cultivars 1 and 2 now overlap almost completely: the projection shows proline (and, on PC2, magnesium, the
# feature with the next-largest units) rather than the chemistry as a whole. To measure the loss, we
# cross-validate a logistic regression on two principal components, fitting the scaler and the PCA inside
# each training fold.

# %%
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
acc_std = cross_val_score(make_pipeline(StandardScaler(), PCA(n_components=2), LogisticRegression()),
                          X_raw, y, cv=cv).mean()
acc_raw = cross_val_score(make_pipeline(PCA(n_components=2), StandardScaler(), LogisticRegression()),
                          X_raw, y, cv=cv).mean()
print(f"2 components after standardising : CV accuracy {acc_std:.3f}")
print(f"2 components of the raw data     : CV accuracy {acc_raw:.3f}")
assert acc_std - acc_raw > 0.2

# %% [markdown]
# Standardise before PCA whenever features are in different units, so that each contributes according to
# its correlations with the others rather than its units. When all features share a unit and their variances
# are meaningful (pixel intensities, for example), PCA on the raw centred data can be the right choice.
