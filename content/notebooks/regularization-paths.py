# %% [markdown]
# # Lasso and ridge coefficient paths on the diabetes data
#
# How the ten coefficients of a linear model on scikit-learn's diabetes data change as the L1 (lasso) or L2
# (ridge) penalty grows. The lasso sets coefficients exactly to zero one after another, the ridge shrinks all of
# them smoothly, and an orthogonal design shows why: soft-thresholding versus rescaling.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_diabetes
from sklearn.linear_model import Lasso, LassoCV, LinearRegression, Ridge, RidgeCV, lasso_path
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)

# %% [markdown]
# ## Data and the two objectives
#
# 442 patients, ten baseline measurements (age, sex, body-mass index, blood pressure and six blood serum
# values `s1`-`s6`), target = a measure of disease progression one year later. We standardise the features so
# that one penalty treats them equally (a penalty on raw coefficients would depend on each feature's units)
# and centre $y$ so the intercept plays no role.
#
# scikit-learn scales the two penalties differently, so their $\alpha$ values are not comparable:
#
# $$
# \text{Lasso: } \min_w \frac{1}{2n}\lVert y - Xw\rVert_2^2 + \alpha\lVert w\rVert_1, \qquad
# \text{Ridge: } \min_w \lVert y - Xw\rVert_2^2 + \alpha\lVert w\rVert_2^2 ,
# $$
#
# where $n$ is the number of rows, $\lVert w\rVert_1 = \sum_j |w_j|$ and $\lVert w\rVert_2^2 = \sum_j w_j^2$.

# %%
data = load_diabetes(scaled=False)
names = data.feature_names
X = StandardScaler().fit_transform(data.data)
y = data.target - data.target.mean()
n, p = X.shape
w_ols = LinearRegression().fit(X, y).coef_

corr = np.corrcoef(X, rowvar=False)
print(f"n = {n}, p = {p}")
print("OLS coefficients:", ", ".join(f"{nm} {c:.1f}" for nm, c in zip(names, w_ols, strict=True)))
print(f"correlation of s1 and s2: {corr[4, 5]:.2f}")

# %% [markdown]
# Note `s1` and `s2`: they are correlated at 0.90, and ordinary least squares gives them large coefficients of
# opposite sign that mostly cancel. That is the textbook symptom of collinearity, and the two penalties treat
# it very differently.
#
# ## The lasso path
#
# The lasso solution is exactly zero for every $\alpha \ge \alpha_{\max} = \max_j |x_j^\top y|/n$: the
# optimality condition at $w = 0$ requires the gradient of the squared-error term, $-X^\top y/n$, to lie
# inside $[-\alpha, \alpha]$ in every coordinate. Below $\alpha_{\max}$ features enter the model one at a time.
# `lasso_path` computes the solution on a grid of $\alpha$ values, warm-starting each fit from the previous one.

# %%
alpha_max = np.abs(X.T @ y).max() / n
lasso_alphas = np.logspace(np.log10(alpha_max), np.log10(alpha_max) - 3, 80)
_, lasso_coefs, _ = lasso_path(X, y, alphas=lasso_alphas)  # shape (p, number of alphas)
lasso_cv = LassoCV(alphas=lasso_alphas, cv=10).fit(X, y)

print(f"alpha_max = {alpha_max:.2f}")
# Just above alpha_max everything is zero; just below it exactly one feature is active. (A tight tol matters
# here: with the default, the solver stops at w = 0 because its duality gap is already within tolerance.)
assert np.all(Lasso(alpha=1.001 * alpha_max, tol=1e-12).fit(X, y).coef_ == 0)
assert np.count_nonzero(Lasso(alpha=0.99 * alpha_max, tol=1e-12).fit(X, y).coef_) == 1

entry = {names[j]: lasso_alphas[np.argmax(lasso_coefs[j] != 0)] for j in range(p)}
print("alpha at which each feature first becomes non-zero:")
for name, a in sorted(entry.items(), key=lambda kv: -kv[1]):
    print(f"  {name:4s} {a:8.3f}")
print(f"10-fold CV choice: alpha = {lasso_cv.alpha_:.3f}, non-zero coefficients: {np.count_nonzero(lasso_cv.coef_)}")

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for j in range(p):
    ax.plot(lasso_alphas, lasso_coefs[j], label=names[j])
ax.axvline(lasso_cv.alpha_, color="grey", ls="--", lw=1, label="10-fold CV alpha")
ax.set_xscale("log")
ax.set_xlabel("lasso alpha (log scale)")
ax.set_ylabel("coefficient (standardised features)")
ax.set_title("Lasso path: coefficients hit exactly zero")
ax.legend(fontsize=7, ncol=2)
plt.show()

# %% [markdown]
# Read the plot from right to left. `bmi` and `s5` enter first, and each coefficient stays at exactly zero
# until its feature enters. Between the points where a feature enters or leaves, the lasso path is linear in
# $\alpha$. `s2` enters last (together with `age`): once `s1` is in the model, `s2` adds little. Towards the
# small-$\alpha$ end `s1` and `s2` grow towards their large, opposite OLS values, but even at
# $\alpha = \alpha_{\max}/1000$ they are far from them: the data barely constrain the direction in which `s1`
# and `s2` move together in opposite ways, so even a small penalty moves the solution a long way along it.
#
# The number of non-zero coefficients is not always monotone in $\alpha$. Here `s3` starts negative, returns
# to exactly zero, stays there over a range of $\alpha$ and re-enters with a positive sign.

# %%
nonzero = np.count_nonzero(lasso_coefs, axis=0)
print("non-zero coefficients along the path (large alpha -> small alpha):", nonzero.tolist())
s3 = lasso_coefs[names.index("s3")]
assert nonzero[0] == 0 and nonzero[-1] == p
assert np.any(np.diff(nonzero) < 0)  # somewhere the count drops as alpha decreases
assert np.sign(s3[s3 != 0]).min() < 0 < np.sign(s3[s3 != 0]).max()  # s3 changes sign
assert np.all(s3[np.flatnonzero(np.diff(nonzero) < 0) + 1] == 0)  # and it is s3 that leaves the model
gap_s1 = lasso_coefs[4, -1] - w_ols[4]
print(f"s1 at the smallest alpha ({lasso_alphas[-1]:.3f}): lasso {lasso_coefs[4, -1]:.1f}, OLS {w_ols[4]:.1f}")
print(f"smallest eigenvalue of X^T X / n: {np.linalg.eigvalsh(X.T @ X / n)[0]:.4f} (these eigenvalues average 1)")
assert abs(gap_s1) > 5

# %% [markdown]
# ## The ridge path
#
# Ridge has a closed form. With the thin SVD $X = U\,\mathrm{diag}(s)\,V^\top$,
#
# $$
# w_{\text{ridge}}(\alpha) = V\,\mathrm{diag}\!\left(\frac{s_k}{s_k^2 + \alpha}\right) U^\top y ,
# $$
#
# so every direction $v_k$ of the data is shrunk by the factor $s_k^2/(s_k^2 + \alpha)$, most strongly the
# directions with small singular values $s_k$, which are the ones collinearity creates. One SVD gives the
# whole path.

# %%
U, s, Vt = np.linalg.svd(X, full_matrices=False)
ridge_alphas = np.logspace(-2, 5, 80)
ridge_coefs = np.array([Vt.T @ ((s / (s**2 + a)) * (U.T @ y)) for a in ridge_alphas]).T  # (p, alphas)
ridge_cv = RidgeCV(alphas=ridge_alphas).fit(X, y)  # efficient leave-one-out CV

for a in [0.1, 100.0, 10_000.0]:
    w_closed = Vt.T @ ((s / (s**2 + a)) * (U.T @ y))
    assert np.allclose(w_closed, Ridge(alpha=a).fit(X, y).coef_, atol=1e-8)
print(f"smallest singular value^2 = {s.min() ** 2:.1f}, largest = {s.max() ** 2:.1f}")
print(f"leave-one-out CV choice: alpha = {ridge_cv.alpha_:.2f}")

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for j in range(p):
    ax.plot(ridge_alphas, ridge_coefs[j], label=names[j])
ax.axvline(ridge_cv.alpha_, color="grey", ls="--", lw=1, label="LOO CV alpha")
ax.set_xscale("log")
ax.set_xlabel("ridge alpha (log scale)")
ax.set_ylabel("coefficient (standardised features)")
ax.set_title("Ridge path: coefficients shrink smoothly towards zero")
ax.legend(fontsize=7, ncol=2)
plt.show()

# %% [markdown]
# Notice that the first thing ridge does, already at moderate $\alpha$, is pull `s1` and `s2` in from their
# opposite extremes; only at much larger $\alpha$ does everything approach zero together. A ridge coefficient
# can pass through zero when it changes sign (as `s1` does at large $\alpha$), but ridge never holds a
# coefficient at zero over a range of $\alpha$ the way the lasso does, so it does not select features.

# %%
tol = 1e-6
lasso_zeros = np.sum(np.abs(lasso_coefs) < tol, axis=0)
ridge_zeros = np.sum(np.abs(ridge_coefs) < tol, axis=0)
print(f"grid points with at least one coefficient below {tol}: lasso {np.sum(lasso_zeros > 0)} of "
      f"{lasso_zeros.size}, ridge {np.sum(ridge_zeros > 0)} of {ridge_zeros.size}")
assert np.sum(lasso_zeros > 0) > 40 and np.sum(ridge_zeros > 0) == 0

# %% [markdown]
# ## Why: the orthogonal case
#
# When the columns of $X$ are orthogonal with $X^\top X = nI$, both problems separate into one-dimensional
# problems, and with $\hat w_j$ the OLS coefficient:
#
# $$
# w_j^{\text{lasso}} = \operatorname{sign}(\hat w_j)\,\max(|\hat w_j| - \alpha,\ 0), \qquad
# w_j^{\text{ridge}} = \frac{\hat w_j}{1 + \alpha/n}.
# $$
#
# The lasso subtracts a constant and clips at zero (soft-thresholding); the ridge divides by a constant, which
# can make a coefficient small but never zero. The kink of $|w|$ at zero is what lets the L1 penalty win
# against a small gradient of the loss; the L2 penalty's gradient $2\alpha w$ vanishes at zero, so it cannot.
# We check both formulas on a generated orthogonal design.

# %%
n_o, p_o = 200, 6
Z = rng.normal(size=(n_o, p_o))
Q, _ = np.linalg.qr(Z - Z.mean(axis=0))  # orthonormal columns, still centred
X_o = np.sqrt(n_o) * Q  # so X_o.T @ X_o = n_o * I
y_o = X_o @ np.array([3.0, -2.0, 1.0, 0.5, -0.2, 0.0]) + rng.normal(size=n_o)
y_o -= y_o.mean()
w_hat = X_o.T @ y_o / n_o  # OLS when X^T X = n I

alpha = 0.8
soft = np.sign(w_hat) * np.maximum(np.abs(w_hat) - alpha, 0.0)
lasso_o = Lasso(alpha=alpha, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X_o, y_o).coef_
ridge_o = Ridge(alpha=alpha * n_o, fit_intercept=False).fit(X_o, y_o).coef_  # alpha/n = 0.8 in the formula
print("OLS   ", np.round(w_hat, 3))
print("lasso ", np.round(lasso_o, 3), " soft-threshold formula", np.round(soft, 3))
print("ridge ", np.round(ridge_o, 3), " w_hat / (1 + 0.8)     ", np.round(w_hat / (1 + alpha), 3))
assert np.allclose(lasso_o, soft, atol=1e-6)
assert np.allclose(ridge_o, w_hat / (1 + alpha), atol=1e-10)

# %% [markdown]
# ## Side by side at the cross-validated penalty

# %%
x_pos = np.arange(p)
fig, ax = plt.subplots(figsize=(6, 4))
ax.bar(x_pos - 0.27, w_ols, width=0.27, label="OLS")
ax.bar(x_pos, ridge_cv.coef_, width=0.27, label=f"ridge, alpha = {ridge_cv.alpha_:.2f}")
ax.bar(x_pos + 0.27, lasso_cv.coef_, width=0.27, label=f"lasso, alpha = {lasso_cv.alpha_:.2f}")
ax.axhline(0, color="black", lw=0.8)
ax.set_xticks(x_pos, names)
ax.set_xlabel("feature")
ax.set_ylabel("coefficient (standardised features)")
ax.set_title("Coefficients at the cross-validated penalty")
ax.legend(fontsize=8)
plt.show()

print("lasso sets to zero:", [names[j] for j in range(p) if lasso_cv.coef_[j] == 0])
assert np.count_nonzero(ridge_cv.coef_) == p and np.count_nonzero(lasso_cv.coef_) < p

# %% [markdown]
# Notice that the lasso drops some features outright (including `s2`, the partner of `s1`), while the ridge keeps
# all ten and mainly reins in the `s1`/`s2` pair. Which one is right depends on the goal: the lasso gives a
# smaller model, but among correlated features it picks one somewhat arbitrarily and the choice can flip between
# resamples; the ridge spreads weight across correlated features and is more stable. Elastic net mixes the two.
