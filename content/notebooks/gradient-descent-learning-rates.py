# %% [markdown]
# # Gradient descent from scratch: learning rates and divergence
#
# Plain gradient descent on a two-feature least-squares problem, run with five learning rates. Each run
# converges or diverges exactly as the largest eigenvalue of the Hessian predicts: the run is stable only when
# $\eta < 2/\lambda_{\max}$, and the condition number $\lambda_{\max}/\lambda_{\min}$ limits how fast even the
# best fixed step converges.

# %%
import matplotlib.pyplot as plt
import numpy as np

rng = np.random.default_rng(0)

# %% [markdown]
# ## The problem
#
# We generate $n = 200$ points with two correlated features and fit $y \approx Xw$ (the data are centred,
# so no intercept is needed) by minimising the mean squared error with a factor $\tfrac12$:
#
# $$
# L(w) = \frac{1}{2n}\lVert Xw - y\rVert^2, \qquad \nabla L(w) = \frac{1}{n}X^\top (Xw - y), \qquad
# H = \nabla^2 L = \frac{1}{n}X^\top X .
# $$
#
# The Hessian $H$ is the same everywhere because the loss is quadratic. Its eigenvalues
# $\lambda_{\min} \le \lambda_{\max}$ measure the curvature along its eigenvectors, and the condition number
# $\kappa = \lambda_{\max}/\lambda_{\min}$ says how stretched the loss contours are.

# %%
n = 200
Z = rng.normal(size=(n, 2))
X = Z @ np.array([[1.0, 0.0], [0.8, 0.5]])  # second feature is correlated with the first
X -= X.mean(axis=0)
w_true = np.array([2.0, -1.0])
y = X @ w_true + 0.5 * rng.normal(size=n)
y -= y.mean()


def loss(w):
    r = X @ w - y
    return 0.5 * np.mean(r**2)


def grad(w):
    return X.T @ (X @ w - y) / n


H = X.T @ X / n
lam_min, lam_max = np.linalg.eigvalsh(H)  # ascending order
w_star = np.linalg.solve(X.T @ X, X.T @ y)  # the exact minimiser (normal equations)
L_star = loss(w_star)

print(f"lambda_min = {lam_min:.4f}, lambda_max = {lam_max:.4f}, condition number = {lam_max / lam_min:.1f}")
print(f"stability limit 2 / lambda_max = {2 / lam_max:.4f}")
print(f"w* = {np.round(w_star, 4)}")

# Sanity check: the analytic gradient matches central finite differences.
w_test = np.array([0.3, -0.7])
eps = 1e-6
fd = np.array([(loss(w_test + eps * e) - loss(w_test - eps * e)) / (2 * eps) for e in np.eye(2)])
assert np.allclose(fd, grad(w_test), atol=1e-8)

# %% [markdown]
# ## Why $2/\lambda_{\max}$ is the limit
#
# One step is $w_{t+1} = w_t - \eta \nabla L(w_t)$. Since $\nabla L(w^\star) = 0$ and the gradient is linear,
# the error $e_t = w_t - w^\star$ evolves as
#
# $$
# e_{t+1} = (I - \eta H)\, e_t .
# $$
#
# Along the eigenvector with eigenvalue $\lambda_i$ the error is multiplied by $1 - \eta\lambda_i$ at every
# step. It shrinks only when $|1 - \eta\lambda_i| < 1$, that is $0 < \eta < 2/\lambda_i$; the tightest of these
# conditions comes from $\lambda_{\max}$. The excess loss $L(w_t) - L(w^\star) = \tfrac12 e_t^\top H e_t$ is
# multiplied by $(1 - \eta\lambda_i)^2$ per step along each direction.
#
# We try five learning rates, expressed as multiples of $1/\lambda_{\max}$ so the threshold is easy to see.
# The fixed step that minimises the worst contraction factor is $\eta = 2/(\lambda_{\max} + \lambda_{\min})$.

# %%
def run_gd(eta, steps=60, w0=(3.0, 3.0)):
    w = np.array(w0, dtype=float)
    path = [w.copy()]
    for _ in range(steps):
        w = w - eta * grad(w)
        path.append(w.copy())
    path = np.array(path)
    excess = np.array([loss(p) for p in path]) - L_star
    return path, excess


etas = {
    "0.2 / lam_max": 0.2 / lam_max,
    "1 / lam_max": 1.0 / lam_max,
    "2 / (lam_max + lam_min)": 2.0 / (lam_max + lam_min),
    "1.9 / lam_max": 1.9 / lam_max,
    "2.1 / lam_max (diverges)": 2.1 / lam_max,
}
runs = {name: run_gd(eta) for name, eta in etas.items()}

for name, eta in etas.items():
    _, excess = runs[name]
    rho = max(abs(1 - eta * lam_min), abs(1 - eta * lam_max))
    print(f"{name:26s} eta = {eta:.4f}  worst factor |1 - eta*lam| = {rho:.3f}  "
          f"excess loss after 60 steps = {excess[-1]:.3e}")

# %% [markdown]
# ## Loss curves
#
# The vertical axis is the excess loss $L(w_t) - L(w^\star)$ on a log scale, so geometric convergence shows as a
# straight line: eventually the excess loss is multiplied by $\rho^2$ per step, where
# $\rho = \max_i |1 - \eta\lambda_i|$.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for name, (_, excess) in runs.items():
    ax.semilogy(excess, label=f"eta = {name}")
ax.set_xlabel("iteration t")
ax.set_ylabel("excess loss  L(w_t) - L(w*)")
ax.set_title("Gradient descent on least squares: effect of the learning rate")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice that the run just above $2/\lambda_{\max}$ blows up while the run just below it still converges, and
# that a step close to the limit is not the fastest: $\eta = 2/(\lambda_{\max}+\lambda_{\min})$ wins because it
# balances the fast and the slow direction.
#
# The assertions below check these claims, including the growth rate of the diverging run: along the top
# eigenvector its excess loss is multiplied by $(\eta\lambda_{\max} - 1)^2 = 1.1^2 = 1.21$ per step.

# %%
excess_div = runs["2.1 / lam_max (diverges)"][1]
excess_19 = runs["1.9 / lam_max"][1]
excess_opt = runs["2 / (lam_max + lam_min)"][1]

assert excess_div[-1] > 1e3 * excess_div[0]  # the loss grows
assert np.all(np.diff(excess_div[20:]) > 0)  # and keeps growing
growth = excess_div[-1] / excess_div[-2]
print(f"per-step growth of the diverging run: {growth:.4f} (theory {(2.1 - 1) ** 2:.4f})")
assert abs(growth - 1.21) < 1e-3

assert excess_19[-1] < 1e-2 * excess_19[0]  # just below the limit still converges
stable = [name for name in runs if "diverges" not in name]
assert min(stable, key=lambda name: runs[name][1][-1]) == "2 / (lam_max + lam_min)"  # fastest stable run
# The optimal step's observed rate matches (kappa - 1) / (kappa + 1).
kappa = lam_max / lam_min
rate = np.sqrt(excess_opt[-1] / excess_opt[-2])
print(f"observed error contraction at the optimal step: {rate:.4f}, "
      f"theory (k-1)/(k+1) = {(kappa - 1) / (kappa + 1):.4f}")
assert abs(rate - (kappa - 1) / (kappa + 1)) < 1e-3

# %% [markdown]
# ## The contraction factor as a function of $\eta$
#
# The worst-case factor $\rho(\eta) = \max(|1 - \eta\lambda_{\min}|, |1 - \eta\lambda_{\max}|)$ is below 1
# exactly on $0 < \eta < 2/\lambda_{\max}$. Its minimum, at $\eta = 2/(\lambda_{\max}+\lambda_{\min})$, equals
# $(\kappa - 1)/(\kappa + 1)$: with a large condition number even the best fixed step is slow, which is why
# feature scaling (it changes $H$) and methods such as momentum or Newton's method help.

# %%
eta_grid = np.linspace(0, 2.4 / lam_max, 400)
rho_min = np.abs(1 - eta_grid * lam_min)
rho_max = np.abs(1 - eta_grid * lam_max)

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(eta_grid, rho_min, "--", label="|1 - eta * lambda_min|  (flat direction)")
ax.plot(eta_grid, rho_max, "--", label="|1 - eta * lambda_max|  (steep direction)")
ax.plot(eta_grid, np.maximum(rho_min, rho_max), "k", lw=2, label="worst case rho(eta)")
ax.axhline(1, color="grey", lw=0.8)
ax.axvline(2 / lam_max, color="red", lw=0.8, label="eta = 2 / lambda_max")
ax.set_xlabel("learning rate eta")
ax.set_ylabel("error contraction factor per step")
ax.set_title("Gradient descent converges only where rho(eta) < 1")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice where the solid curve bottoms out: where the two dashed lines cross. To the left of that point the
# flat direction limits progress, to the right the steep direction overshoots, and past the red line the steep
# direction diverges.

# %% [markdown]
# ## What the iterates do
#
# On the loss contours, a small step first drops to the floor of the narrow valley (the steep direction
# converges fast) and then crawls along it (the flat direction converges slowly); a step just below
# $2/\lambda_{\max}$ overshoots the valley floor every time but each bounce is smaller; a step just above it
# bounces further out every time.

# %%
g0, g1 = np.meshgrid(np.linspace(-3, 7, 200), np.linspace(-3, 4, 200))
grid_w = np.stack([g0.ravel(), g1.ravel()], axis=1)
grid_loss = 0.5 * np.mean((grid_w @ X.T - y) ** 2, axis=1).reshape(g0.shape)

fig, ax = plt.subplots(figsize=(6, 4))
ax.contour(g0, g1, np.log(grid_loss), levels=20, cmap="Greys", linewidths=0.7)
for name, steps in [("0.2 / lam_max", 40), ("1.9 / lam_max", 12), ("2.1 / lam_max (diverges)", 8)]:
    path = runs[name][0][: steps + 1]
    ax.plot(path[:, 0], path[:, 1], "o-", ms=3, lw=1, label=f"eta = {name}, {steps} steps")
ax.plot(*w_star, "k*", ms=12, label="minimum w*")
ax.set_aspect("equal")
ax.set_xlabel("w_1")
ax.set_ylabel("w_2")
ax.set_title("Gradient descent paths on the loss contours")
ax.legend(fontsize=7, loc="lower left")
plt.show()

# %% [markdown]
# Notice that the oscillation happens along the short axis of the ellipses (the steep direction), the eigenvector of
# $\lambda_{\max}$, which is the direction that sets the stability limit. For a non-quadratic loss the same
# analysis holds locally with the Hessian at the current point: if $\nabla L$ is $\beta$-Lipschitz, any
# $\eta < 2/\beta$ guarantees that each step decreases the loss (unless the gradient is already zero).
