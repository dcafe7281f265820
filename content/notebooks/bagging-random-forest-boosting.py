# %% [markdown]
# # Single tree vs bagging vs random forest vs gradient boosting
#
# Four tree-based models trained on the same generated classification problem, each on five independent
# training sets and scored on one fixed test set: test accuracy and ROC AUC, how much the predictions change from
# one training set to the next, why a random forest's trees are less correlated than bagged trees, and how test
# accuracy changes with the number of trees.

# %%
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_classification
from sklearn.ensemble import BaggingClassifier, GradientBoostingClassifier, RandomForestClassifier
from sklearn.metrics import accuracy_score, roc_auc_score
from sklearn.tree import DecisionTreeClassifier

rng = np.random.default_rng(0)

# %% [markdown]
# ## Data and protocol
#
# `make_classification` draws a binary problem with 12 features (6 informative, 2 linear combinations of those,
# 4 pure noise) and flips 5% of the labels. We keep 2,000 points as a fixed test set and draw five training sets
# of 400 points from the remaining pool. Each model is trained on each training set, so the spread of its
# test scores and predictions over the five runs measures its *variance*: how much it depends on the particular
# training sample (and on its own random seed).

# %%
X, y = make_classification(n_samples=4500, n_features=12, n_informative=6, n_redundant=2, flip_y=0.05,
                           class_sep=0.8, random_state=0)
X_test, y_test = X[:2000], y[:2000]
X_pool, y_pool = X[2000:], y[2000:]
n_train, n_runs, n_trees = 400, 5, 100


def make_models(seed):
    return {
        "single tree": DecisionTreeClassifier(random_state=seed),
        "bagging": BaggingClassifier(DecisionTreeClassifier(), n_estimators=n_trees, random_state=seed),
        "random forest": RandomForestClassifier(n_estimators=n_trees, random_state=seed),
        "gradient boosting": GradientBoostingClassifier(n_estimators=n_trees, learning_rate=0.1, max_depth=3,
                                                        random_state=seed),
    }


names = list(make_models(0))
proba = {name: [] for name in names}  # test-set probabilities of class 1, one array per run
fitted_run0 = {}
for run in range(n_runs):
    idx = rng.choice(len(y_pool), n_train, replace=False)
    for name, model in make_models(run).items():
        model.fit(X_pool[idx], y_pool[idx])
        proba[name].append(model.predict_proba(X_test)[:, 1])
        if run == 0:
            fitted_run0[name] = model
proba = {name: np.array(p) for name, p in proba.items()}  # shape (runs, test points)

# %% [markdown]
# The four models:
#
# - **single tree**: grown until its leaves are pure, so it has low bias and high variance;
# - **bagging**: 100 such trees, each trained on a bootstrap sample (drawn with replacement) of the training
#   set; the ensemble averages their predicted probabilities;
# - **random forest**: bagging plus a random subset of features at every split (`max_features="sqrt"`, here
#   3 of 12), which makes the trees less alike;
# - **gradient boosting**: 100 shallow trees (depth 3) fitted one after another, each to the negative gradient
#   of the log-loss of the current ensemble, added with learning rate 0.1. It reduces bias step by step rather than
#   averaging away variance.

# %%
results = {}
print(f"{'model':18s} {'accuracy':>16s} {'ROC AUC':>16s} {'prediction variance':>20s}")
for name in names:
    p = proba[name]
    acc = np.array([accuracy_score(y_test, run_p >= 0.5) for run_p in p])
    auc = np.array([roc_auc_score(y_test, run_p) for run_p in p])
    pred_var = p.var(axis=0).mean()  # variance over runs of each test point's probability, averaged over points
    results[name] = (acc, auc, pred_var)
    print(f"{name:18s} {acc.mean():.3f} ± {acc.std():.3f}     {auc.mean():.3f} ± {auc.std():.3f}   {pred_var:20.4f}")

# %% [markdown]
# "Prediction variance" is, for each test point, the variance of its predicted probability across the five
# runs, averaged over the 2,000 test points. It is the variance term of the bias-variance decomposition
# (for the probability rather than the label), estimated from five training sets.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for i, name in enumerate(names):
    acc = results[name][0]
    ax.scatter(np.full(n_runs, i) + rng.uniform(-0.08, 0.08, n_runs), acc, s=25, color=f"C{i}")
    ax.errorbar(i + 0.25, acc.mean(), yerr=acc.std(), fmt="o", color="black", capsize=4)
ax.set_xticks(range(len(names)), names)
ax.set_xlabel("model")
ax.set_ylabel("test accuracy")
ax.set_title("Test accuracy over five training sets (dots), mean ± std")
plt.show()

# %% [markdown]
# Notice the jump from one tree to any ensemble: several points of accuracy. The single tree's ROC AUC is also
# poor because a fully grown tree outputs probabilities of 0 or 1 only, so it can rank test points only in two
# groups. The ensembles average many trees and produce graded scores. The order among the three ensembles is
# specific to this data and these untuned settings; it is not a general ranking.

# %%
acc_tree, auc_tree, var_tree = results["single tree"]
for name in ["bagging", "random forest", "gradient boosting"]:
    acc, auc, pred_var = results[name]
    assert acc.mean() > acc_tree.mean() + 0.03 and auc.mean() > auc_tree.mean() + 0.05
assert results["random forest"][2] < results["bagging"][2] < var_tree / 5  # averaging removes most variance
assert len(np.unique(proba["single tree"])) == 2  # a pure-leaf tree only outputs 0 or 1

# %% [markdown]
# ## Why the random forest has lower variance than bagging
#
# For $B$ identically distributed predictions, each with variance $\sigma^2$ and pairwise correlation $\rho$,
# the variance of their average is
#
# $$
# \rho\,\sigma^2 + \frac{1 - \rho}{B}\,\sigma^2 .
# $$
#
# Adding trees shrinks only the second term; the first, $\rho\sigma^2$, is a floor. Bagged trees are trained on
# overlapping bootstrap samples of the same data and all pick the strongest features first, so they are highly
# correlated. Restricting each split to a random subset of features lowers $\rho$. We measure the average
# correlation between the test-set predictions of pairs of trees within one ensemble.

# %%
def tree_probabilities(ensemble, X):
    if isinstance(ensemble, BaggingClassifier):  # each bagged tree was fitted on its own feature list
        pairs = zip(ensemble.estimators_, ensemble.estimators_features_, strict=True)
        return np.array([tree.predict_proba(X[:, feats])[:, 1] for tree, feats in pairs])
    return np.array([tree.predict_proba(X)[:, 1] for tree in ensemble.estimators_])


tree_p = {name: tree_probabilities(fitted_run0[name], X_test) for name in ["bagging", "random forest"]}
for name, tp in tree_p.items():
    corr = np.corrcoef(tp)
    rho = corr[np.triu_indices_from(corr, k=1)].mean()
    print(f"{name:14s}: mean pairwise correlation between trees = {rho:.3f}")
    tree_p[name] = (tp, rho)
    assert np.allclose(tp.mean(axis=0), fitted_run0[name].predict_proba(X_test)[:, 1])  # ensemble = average
assert tree_p["random forest"][1] < tree_p["bagging"][1]

# %% [markdown]
# ## Accuracy against the number of trees
#
# From the run-0 models we recompute the test accuracy using only the first $m$ trees. For bagging and the
# forest that is the average of the first $m$ trees' probabilities; for boosting, `staged_predict_proba` gives
# the prediction after each boosting stage.

# %%
m = np.arange(1, n_trees + 1)
curves = {}
for name in ["bagging", "random forest"]:
    tp = tree_p[name][0]
    running_mean = np.cumsum(tp, axis=0) / m[:, None]
    curves[name] = np.array([accuracy_score(y_test, row >= 0.5) for row in running_mean])
staged = fitted_run0["gradient boosting"].staged_predict_proba(X_test)
curves["gradient boosting"] = np.array([accuracy_score(y_test, p[:, 1] >= 0.5) for p in staged])

fig, ax = plt.subplots(figsize=(6, 4))
for i, name in enumerate(["bagging", "random forest", "gradient boosting"]):
    ax.plot(m, curves[name], color=f"C{i + 1}", label=name)
ax.axhline(results["single tree"][0][0], color="C0", ls="--", label="single tree (run 0)")
ax.set_xscale("log")
ax.set_xlabel("number of trees (log scale)")
ax.set_ylabel("test accuracy")
ax.set_title("Test accuracy as trees are added")
ax.legend()
plt.show()

for name, curve in curves.items():
    print(f"{name:18s}: 1 tree {curve[0]:.3f}, 10 trees {curve[9]:.3f}, {n_trees} trees {curve[-1]:.3f}")

# %% [markdown]
# Notice the different shapes. Bagging and the random forest improve quickly over the first few dozen trees and
# then flatten: more trees only shrink the $(1-\rho)\sigma^2/B$ term, so they cost compute but do not
# overfit. Boosting starts from a weak model (one depth-3 tree) and keeps improving as stages correct the
# remaining errors; unlike bagging, boosting can overfit if you keep adding stages, which is why its number of
# trees is tuned together with the learning rate, usually with early stopping on a validation set.

# %%
for name in ["bagging", "random forest"]:
    assert curves[name][-1] > curves[name][0] + 0.03  # averaging helps a lot over one tree
    assert abs(curves[name][-1] - curves[name][49]) < 0.02  # and has flattened by 50 trees
assert curves["gradient boosting"][-1] > curves["gradient boosting"][0] + 0.05  # boosting builds up accuracy
