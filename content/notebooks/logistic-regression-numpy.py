# %% [markdown]
# # Logistic regression from scratch in NumPy, checked against scikit-learn
#
# A numerically stable sigmoid and log-loss, the L2-regularised objective that scikit-learn's
# `LogisticRegression` minimises, and plain gradient descent on standardised breast-cancer data. The
# from-scratch coefficients match scikit-learn's to better than 1e-4, and the loss curve shows why
# scikit-learn uses a quasi-Newton solver instead.

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import minimize
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)

# %% [markdown]
# ## Data
#
# 569 tumours, 30 numeric features, label 1 = benign. We hold out 20% as a test set and standardise with the
# mean and standard deviation of the training part only, so no test information leaks into the model.

# %%
X, y = load_breast_cancer(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
n, d = X_train.shape
print(f"train {X_train.shape}, test {X_test.shape}, share of class 1 in train: {y_train.mean():.3f}")

# %% [markdown]
# ## A sigmoid and a log-loss that do not overflow
#
# The model is $p = \sigma(z)$ with $z = w^\top x + b$ and $\sigma(z) = 1/(1+e^{-z})$. Written that way,
# $e^{-z}$ overflows for $z \lesssim -710$ in float64. The fix is to only ever exponentiate a non-positive
# number: for $z \ge 0$ use $1/(1+e^{-z})$, for $z < 0$ use $e^{z}/(1+e^{z})$.
#
# The log-loss of one example with label $y \in \{0, 1\}$ is $-y\log p - (1-y)\log(1-p)$. Computing $p$ first
# and then taking its log fails when $p$ rounds to exactly 0 or 1. Working with the logit directly avoids that:
# since $1 - \sigma(z) = \sigma(-z)$ and $-\log\sigma(z) = \log(1 + e^{-z})$,
#
# $$
# \ell(z, y) = \log\left(1 + e^{-z}\right) \text{ if } y = 1, \qquad \ell(z, y) = \log\left(1 + e^{z}\right)
# \text{ if } y = 0, \qquad \text{i.e. } \ell(z, y) = \log\left(1 + e^{(1-2y)z}\right).
# $$
#
# `np.logaddexp(0, t)` computes $\log(1+e^{t})$ stably for any $t$. (The equivalent form
# $\log(1+e^{z}) - yz$ is also fine for moderate $z$, but for a large positive $z$ with $y=1$ it subtracts two
# nearly equal numbers and loses digits.)

# %%
def sigmoid(z):
    e = np.exp(-np.abs(z))  # always in (0, 1]: no overflow
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def log_loss_from_logits(z, y):
    return np.mean(np.logaddexp(0.0, (1 - 2 * y) * z))


z = np.array([-800.0, -30.0, 0.0, 30.0, 800.0])
with np.errstate(over="ignore", divide="ignore"):
    naive_p = 1.0 / (1.0 + np.exp(-z))
    naive_loss = 0.0 - np.log(naive_p)  # loss of each example if its label is 1 (0.0 - avoids printing -0)
stable_loss = np.logaddexp(0.0, -z)
for zi, a, b in zip(z, naive_loss, stable_loss, strict=True):
    print(f"z = {zi:7.1f}: naive -log(sigmoid(z)) = {a:10.4g}   stable = {b:10.4g}")

assert np.isinf(naive_loss[0]) and np.isfinite(stable_loss).all()
assert abs(stable_loss[3] - np.exp(-30)) < 1e-6 * np.exp(-30)  # log(1 + e^-30) = e^-30 to first order
assert np.allclose(sigmoid(z), [0.0, 1 / (1 + np.exp(30)), 0.5, 1 / (1 + np.exp(-30)), 1.0])

# %% [markdown]
# The naive version returns `inf` for a confidently wrong prediction at $z = -800$, where the stable one returns
# the correct value, 800. At $z = 30$ the naive value is off by about 0.1%: $\sigma(30)$ is rounded to a
# float64 just below 1, where the spacing between numbers ($1.1 \times 10^{-16}$) is about 0.1% of
# $1 - \sigma(30) \approx 9.4 \times 10^{-14}$. At $z = 800$ both give 0, the correctly rounded value of
# $\log(1 + e^{-800}) \approx 10^{-347}$.
#
# ## The objective scikit-learn minimises
#
# With an L2 penalty, `LogisticRegression(C=C)` minimises $C\sum_{i=1}^{n}\ell(z_i, y_i) + \tfrac12\lVert w
# \rVert^2$ and does not penalise the intercept $b$ (with the default `lbfgs` solver). Dividing by $Cn$ gives
# the same minimiser in a form with a mean loss:
#
# $$
# J(w, b) = \frac1n\sum_{i=1}^{n}\ell(z_i, y_i) + \frac{\lambda}{2}\lVert w\rVert^2, \qquad \lambda =
# \frac{1}{Cn}.
# $$
#
# Because $\partial \ell / \partial z = \sigma(z) - y$, the gradient is
#
# $$
# \nabla_w J = \frac1n X^\top(\sigma(Xw + b) - y) + \lambda w, \qquad \frac{\partial J}{\partial b} =
# \frac1n\sum_{i=1}^{n}(\sigma(z_i) - y_i).
# $$
#
# We check the analytic gradient against central finite differences before trusting it.

# %%
C = 0.1
lam = 1.0 / (C * n)


def objective_and_gradient(w, b):
    z = X_train @ w + b
    r = sigmoid(z) - y_train
    value = log_loss_from_logits(z, y_train) + 0.5 * lam * w @ w
    return value, X_train.T @ r / n + lam * w, r.mean()


def objective(w, b):
    return objective_and_gradient(w, b)[0]


w0, b0 = 0.1 * rng.normal(size=d), 0.2
_, gw, gb = objective_and_gradient(w0, b0)
eps = 1e-6
fd_w = np.array([(objective(w0 + eps * e, b0) - objective(w0 - eps * e, b0)) / (2 * eps) for e in np.eye(d)])
fd_b = (objective(w0, b0 + eps) - objective(w0, b0 - eps)) / (2 * eps)
print(f"max |analytic - finite difference| = {max(np.abs(gw - fd_w).max(), abs(gb - fd_b)):.2e}")
assert np.allclose(gw, fd_w, atol=1e-7) and abs(gb - fd_b) < 1e-7

# %% [markdown]
# ## Gradient descent with a safe step size
#
# Since $\sigma'(z) = \sigma(z)(1-\sigma(z)) \le \tfrac14$, the Hessian of $J$ is bounded by
# $\tfrac{1}{4n}\tilde X^\top \tilde X + \lambda I$, where $\tilde X$ is $X$ with a column of ones for the
# intercept. Its largest eigenvalue $\beta$ is a Lipschitz constant of the gradient, and the step
# $\eta = 1/\beta$ decreases $J$ at every iteration. We stop when the gradient norm falls below $10^{-8}$.

# %%
X_tilde = np.column_stack([X_train, np.ones(n)])
beta = np.linalg.eigvalsh(X_tilde.T @ X_tilde / (4 * n)).max() + lam
eta = 1.0 / beta

w, b = np.zeros(d), 0.0
history = []
for it in range(100_000):
    value, gw, gb = objective_and_gradient(w, b)
    history.append(value)
    if np.sqrt(gw @ gw + gb**2) < 1e-8:
        break
    w, b = w - eta * gw, b - eta * gb
history = np.array(history)
print(f"step size 1/beta = {eta:.4f}; stopped after {it} iterations, objective {history[-1]:.6f}")
assert np.all(np.diff(history) <= 1e-15)  # monotone decrease, as the step-size bound promises

# %% [markdown]
# ## The same model in scikit-learn
#
# `C=0.1` with the default L2 penalty is the model above. A tight `tol` makes `lbfgs` converge far enough that
# the comparison tests our implementation, not the solvers' stopping rules.

# %%
clf = LogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X_train, y_train)
w_sk, b_sk = clf.coef_.ravel(), clf.intercept_[0]

coef_diff = max(np.abs(w - w_sk).max(), abs(b - b_sk))
p_ours = sigmoid(X_test @ w + b)
p_sk = clf.predict_proba(X_test)[:, 1]
print(f"lbfgs iterations: {clf.n_iter_[0]}, gradient-descent iterations: {it}")
print(f"max |coefficient difference| = {coef_diff:.2e}")
print(f"max |test probability difference| = {np.abs(p_ours - p_sk).max():.2e}")
print(f"test accuracy: ours {accuracy_score(y_test, p_ours >= 0.5):.4f}, "
      f"scikit-learn {accuracy_score(y_test, clf.predict(X_test)):.4f}")
print(f"test log-loss: ours {log_loss_from_logits(X_test @ w + b, y_test):.5f}, "
      f"sklearn.metrics.log_loss {log_loss(y_test, p_sk):.5f}")

assert coef_diff < 1e-4
assert np.abs(p_ours - p_sk).max() < 1e-4
assert np.array_equal(p_ours >= 0.5, clf.predict(X_test) == 1)
assert abs(log_loss_from_logits(X_test @ w + b, y_test) - log_loss(y_test, p_sk)) < 1e-4

# %% [markdown]
# ## How fast gradient descent gets there
#
# The plot shows the objective gap $J(w_t, b_t) - J^\star$, with $J^\star$ taken from scikit-learn's solution.

# %%
J_star = objective(w_sk, b_sk)
gap = history - J_star
gap = gap[gap > 1e-13]  # below this the gap is rounding noise
fig, ax = plt.subplots(figsize=(6, 4))
ax.semilogy(gap)
ax.set_xlabel("gradient-descent iteration")
ax.set_ylabel("objective gap  J(w_t, b_t) - J*")
ax.set_title(f"Gradient descent on L2 logistic regression (C = {C})")
plt.show()

# %% [markdown]
# Notice the fast initial drop followed by a long straight line on the log scale: linear convergence, at a
# rate set by the ratio of the step-size bound $\beta$ to the smallest curvature near the solution. The cell
# below computes the Hessian at the solution, $\tfrac1n\tilde X^\top S\tilde X + \lambda I_w$ with
# $S = \mathrm{diag}(p_i(1-p_i))$ and $I_w$ the identity on $w$ only (the intercept is not penalised).

# %%
p_train = sigmoid(X_train @ w + b)
hessian = X_tilde.T @ (X_tilde * (p_train * (1 - p_train))[:, None]) / n + lam * np.diag(np.r_[np.ones(d), 0.0])
curv = np.linalg.eigvalsh(hessian)
print(f"lambda = {lam:.4f}; Hessian eigenvalues at the solution: min {curv[0]:.4f}, max {curv[-1]:.4f}")
print(f"global bound beta = {beta:.3f}; predicted error factor per step along the flattest direction "
      f"1 - min/beta = {1 - curv[0] / beta:.4f}")
assert curv[0] < 1.5 * lam and curv[-1] < beta

# %% [markdown]
# Most training points are classified confidently, so $p_i(1-p_i)$ is tiny and the loss is nearly flat in
# many directions: the smallest curvature is close to $\lambda$ itself. The step, however, has to respect the
# worst-case curvature bound $\beta$ (the curvature when every $p_i = \tfrac12$), so each step removes well under
# 1% of the remaining error along the flattest direction. `lbfgs` builds an estimate of the curvature from
# recent gradients and needs only a few dozen iterations for the same problem.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(w_sk, w, s=18)
lim = 1.1 * np.abs(np.concatenate([w, w_sk])).max()
ax.plot([-lim, lim], [-lim, lim], "k--", lw=0.8, label="y = x")
ax.set_xlabel("scikit-learn coefficient")
ax.set_ylabel("from-scratch coefficient")
ax.set_title("30 coefficients: NumPy gradient descent vs LogisticRegression")
ax.legend()
plt.show()

# %% [markdown]
# Every point lies on the diagonal: the two implementations minimise the same function.
#
# ## Which objective does the library use?
#
# Matching to 1e-4 is a sharp test. Two easy mistakes, penalising the intercept as well, or using
# $\lambda = 1/C$ instead of $1/(Cn)$, give visibly different solutions. We minimise each wrong variant with
# SciPy's L-BFGS-B and compare it with scikit-learn.

# %%
def fit_variant(lam_w, lam_b):
    def f(theta):
        z = X_train @ theta[:d] + theta[d]
        return log_loss_from_logits(z, y_train) + 0.5 * lam_w * theta[:d] @ theta[:d] + 0.5 * lam_b * theta[d] ** 2

    res = minimize(f, np.zeros(d + 1), method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 10_000})
    return res.x[:d], res.x[d]


for label, lam_w, lam_b in [("intercept penalised too", lam, lam), ("lambda = 1/C", 1.0 / C, 0.0)]:
    w_v, b_v = fit_variant(lam_w, lam_b)
    diff = max(np.abs(w_v - w_sk).max(), abs(b_v - b_sk))
    print(f"{label:24s}: max |difference from scikit-learn| = {diff:.3f}")
    assert diff > 1e-2
