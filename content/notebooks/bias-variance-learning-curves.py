# %% [markdown]
# # Bias, variance and learning curves with polynomial regression
#
# Polynomials of degree 0 to 12 fitted to noisy samples of $\sin(\pi x)$: the training error falls with the
# degree while the validation error is U-shaped; refitting on 2,000 freshly drawn training sets splits the
# expected error into bias², variance and noise; and `learning_curve` shows what high bias and high variance
# look like as the training set grows.

# %%
import matplotlib.pyplot as plt
import numpy as np
from numpy.polynomial import legendre
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import ShuffleSplit, learning_curve
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures

rng = np.random.default_rng(0)

# %% [markdown]
# ## The data-generating process
#
# $y = f(x) + \varepsilon$ with $f(x) = \sin(\pi x)$ on $[-1, 1]$ and noise $\varepsilon \sim N(0, \sigma^2)$,
# $\sigma = 0.3$, so no model can get an expected squared error below $\sigma^2 = 0.09$.
#
# A training set has $n = 15$ points at fixed, equally spaced inputs; only the noise changes from one training
# set to the next (a *fixed design*). A polynomial of degree $d$ is fitted by least squares. We use the
# Legendre basis rather than raw powers $1, x, \dots, x^d$: it spans the same polynomials, so the fitted curve
# is the same, but the least-squares problem is much better conditioned.

# %%
def f(x):
    return np.sin(np.pi * x)


sigma, n = 0.3, 15
x_train = np.linspace(-1, 1, n)
degrees = np.arange(13)


def fit_predict(x, y, degree, x_new):
    coef, *_ = np.linalg.lstsq(legendre.legvander(x, degree), y, rcond=None)
    return legendre.legvander(x_new, degree) @ coef


# %% [markdown]
# ## Training and validation error against degree
#
# One training set, and a validation set of 2,000 fresh points with $x$ uniform on $[-1, 1]$.

# %%
y_train = f(x_train) + sigma * rng.normal(size=n)
x_val = rng.uniform(-1, 1, 2000)
y_val = f(x_val) + sigma * rng.normal(size=x_val.size)

train_mse = np.array([np.mean((fit_predict(x_train, y_train, d, x_train) - y_train) ** 2) for d in degrees])
val_mse = np.array([np.mean((fit_predict(x_train, y_train, d, x_val) - y_val) ** 2) for d in degrees])
best = degrees[np.argmin(val_mse)]
for d in degrees:
    print(f"degree {d:2d}: train MSE {train_mse[d]:.4f}   validation MSE {val_mse[d]:.4f}")
print(f"lowest validation error at degree {best}")

assert np.all(np.diff(train_mse) <= 1e-12)  # nested models: training error can only go down
assert 2 <= best <= 6 and val_mse[-1] > 2 * val_mse[best]  # U shape

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.semilogy(degrees, train_mse, "o-", label="training MSE")
ax.semilogy(degrees, val_mse, "o-", label="validation MSE")
ax.axhline(sigma**2, color="grey", ls="--", lw=1, label="noise floor sigma^2")
ax.set_xlabel("polynomial degree")
ax.set_ylabel("mean squared error (log scale)")
ax.set_title("Training error falls with degree; validation error is U-shaped")
ax.legend()
plt.show()

# %% [markdown]
# Notice that the training error drops below the noise floor $\sigma^2$ from degree 3 on: the model has started
# fitting the noise in this particular sample. The validation error is lowest at degree 3 and climbs, unevenly,
# after that. Degrees 0-2 underfit (both errors high), the high degrees overfit (large gap).
#
# ## Bias² and variance over many training sets
#
# For a fixed test input $x_0$, write $\hat f_D(x_0)$ for the prediction of the model trained on data set $D$,
# and $\bar f(x_0) = \mathbb{E}_D[\hat f_D(x_0)]$ for its average over training sets. For a fresh target
# $y_0 = f(x_0) + \varepsilon$,
#
# $$
# \mathbb{E}_{D,\varepsilon}\big[(y_0 - \hat f_D(x_0))^2\big] =
# \underbrace{\big(\bar f(x_0) - f(x_0)\big)^2}_{\text{bias}^2} +
# \underbrace{\mathbb{E}_D\big[(\hat f_D(x_0) - \bar f(x_0))^2\big]}_{\text{variance}} +
# \underbrace{\sigma^2}_{\text{noise}} .
# $$
#
# We estimate each term by refitting on $S = 2000$ training sets (same inputs, new noise each time), predicting
# on a grid of 401 test inputs, and averaging the terms over the grid. Because least squares is linear in $y$,
# every prediction is $h(x_0)^\top y$ for a fixed vector $h(x_0)$, so all 2,000 fits are one matrix product.
# Linearity also gives the exact answer to compare against: the bias comes from fitting the noiseless $f$, and
# the variance is $\sigma^2\lVert h(x_0)\rVert^2$.

# %%
S = 2000
x_grid = np.linspace(-1, 1, 401)
Y = f(x_train) + sigma * rng.normal(size=(S, n))  # S training sets, one per row
Y_fresh_noise = sigma * rng.normal(size=(S, x_grid.size))  # noise of a fresh test target for each fit

rows = []
for d in degrees:
    V = legendre.legvander(x_train, d)
    Hmat = legendre.legvander(x_grid, d) @ np.linalg.pinv(V)  # predictions on the grid = Hmat @ y
    P = Y @ Hmat.T  # (S, grid) predictions of every fitted model
    f_bar = P.mean(axis=0)
    bias2 = np.mean((f_bar - f(x_grid)) ** 2)
    var = np.mean(P.var(axis=0))
    test_mse = np.mean((f(x_grid) + Y_fresh_noise - P) ** 2)
    bias2_exact = np.mean((Hmat @ f(x_train) - f(x_grid)) ** 2)
    var_exact = sigma**2 * np.mean(np.sum(Hmat**2, axis=1))
    rows.append((bias2, var, test_mse, bias2_exact, var_exact))
    # The split of the mean squared deviation from f into bias^2 + variance is an identity on the sample:
    assert np.isclose(np.mean((P - f(x_grid)) ** 2), bias2 + var)
rows = np.array(rows)
bias2, var, test_mse, bias2_exact, var_exact = rows.T

print("degree   bias^2   variance   bias^2+var+sigma^2   simulated test MSE")
for d in degrees:
    print(f"{d:6d}  {bias2[d]:7.4f}  {var[d]:9.4f}  {bias2[d] + var[d] + sigma**2:19.4f}  {test_mse[d]:19.4f}")

assert np.allclose(var, var_exact, rtol=0.1)  # simulation agrees with the closed form
assert np.allclose(bias2, bias2_exact, atol=1e-3)
assert np.allclose(test_mse, bias2 + var + sigma**2, rtol=0.03)  # the decomposition, with a fresh target
assert np.all(np.diff(var_exact) > 0)  # variance grows with every extra degree

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.semilogy(degrees, bias2, "o-", color="C0", label="bias^2 (simulated)")
ax.semilogy(degrees, bias2_exact, ":", color="C0", label="bias^2 (exact)")
ax.semilogy(degrees, var, "o-", color="C1", label="variance (simulated)")
ax.semilogy(degrees, var_exact, ":", color="C1", label="variance (exact)")
ax.semilogy(degrees, test_mse, "ko-", label="expected test MSE (simulated)")
ax.axhline(sigma**2, color="grey", ls="--", lw=1, label="noise sigma^2")
ax.set_ylim(1e-6, 2)
ax.set_xlabel("polynomial degree")
ax.set_ylabel("squared error (log scale)")
ax.set_title(f"Bias^2 and variance against degree ({S} training sets)")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice the trade: bias² falls by orders of magnitude up to degree 5 (odd degrees matter most because
# $\sin(\pi x)$ is odd), while variance rises with every degree, slowly at first and then steeply as the
# polynomial starts to oscillate between and beyond the training inputs. The expected test error is their sum
# plus $\sigma^2$ and is lowest at a low degree. From degree 5 on the simulated bias² sits on a floor of about
# variance$/S$: the average of 2,000 noisy fits is itself slightly noisy, while the exact bias² keeps falling.
# With the inputs also redrawn for each training set (a random design), the high-degree variance is larger
# still, because the fit extrapolates wildly wherever no training point happens to land near the edge.
#
# ## Learning curves
#
# A learning curve fixes the model and varies the training-set size. `learning_curve` refits the estimator on
# growing subsets of each training split and scores it on the matching validation split. Here the pool is
# 2,000 points with random $x$, and each of 10 shuffle splits holds out 500 of them for validation.

# %%
x_pool = rng.uniform(-1, 1, 2000)
y_pool = f(x_pool) + sigma * rng.normal(size=x_pool.size)
sizes = np.array([30, 50, 80, 130, 200, 350, 600, 1000, 1500])
cv = ShuffleSplit(n_splits=10, test_size=500, random_state=0)

curves = {}
for degree in [1, 10]:
    model = make_pipeline(PolynomialFeatures(degree), LinearRegression())
    _, train_scores, val_scores = learning_curve(
        model, x_pool[:, None], y_pool, train_sizes=sizes, cv=cv, scoring="neg_mean_squared_error"
    )
    curves[degree] = (-train_scores.mean(axis=1), -val_scores.mean(axis=1))
    print(f"degree {degree:2d}: train MSE {np.round(curves[degree][0], 3)}")
    print(f"           validation MSE {np.round(curves[degree][1], 3)}")

# %%
tr1, va1 = curves[1]
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(sizes, tr1, "o-", label="training MSE")
ax.plot(sizes, va1, "o-", label="validation MSE")
ax.axhline(sigma**2, color="grey", ls="--", lw=1, label="noise floor sigma^2")
ax.set_xscale("log")
ax.set_ylim(0, 0.4)
ax.set_xlabel("training-set size (log scale)")
ax.set_ylabel("mean squared error")
ax.set_title("Degree 1 (high bias): the curves meet far above the noise floor")
ax.legend()
plt.show()

# %% [markdown]
# Notice that the two curves converge quickly to about 0.29, roughly three times the noise floor. The gap is
# gone, so more data cannot help; only a more flexible model (or better features) can.

# %%
tr10, va10 = curves[10]
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(sizes, tr10, "o-", label="training MSE")
ax.plot(sizes, va10, "o-", label="validation MSE")
ax.axhline(sigma**2, color="grey", ls="--", lw=1, label="noise floor sigma^2")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("training-set size (log scale)")
ax.set_ylabel("mean squared error (log scale)")
ax.set_title("Degree 10: a large gap at small n that closes with data")
ax.legend()
plt.show()

# %% [markdown]
# Notice the large gap at small sizes, training error below the noise floor and validation error far above it,
# and how it closes as the training set grows: both curves approach $\sigma^2$. That is the signature of high
# variance, and the remedy is more data or more regularisation. At 1,500 points the degree-10 model beats the
# degree-1 model easily, so the right complexity depends on how much data you have.

# %%
assert va1[-1] > 2.5 * sigma**2 and abs(va1[-1] - tr1[-1]) < 0.02  # high bias: converged, high plateau
assert va10[0] > 5 * tr10[0] and tr10[0] < sigma**2  # high variance at n = 30
assert va10[-1] < 1.2 * sigma**2 and va10[-1] < va1[-1]  # gap closed, near the noise floor
