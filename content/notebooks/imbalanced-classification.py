# %% [markdown]
# # Imbalanced classification: PR-AUC, class weights, resampling and threshold moving
#
# On a generated problem with 1.5% positives, a model that never predicts the positive class scores 98.4%
# accuracy, so we measure with PR-AUC instead. Class weights, random oversampling and random undersampling
# (written with NumPy) leave the ranking of a logistic regression almost unchanged and mainly shift its
# intercept; moving the decision threshold of the plain model gets the same F1 while keeping its
# probabilities calibrated.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    brier_score_loss,
    f1_score,
    precision_recall_curve,
    precision_score,
    recall_score,
    roc_auc_score,
)

rng = np.random.default_rng(0)

# %% [markdown]
# ## A problem with 1.5% positives
#
# Each example has six features. Negatives are drawn from $\mathcal N(0, I)$ and positives from
# $\mathcal N(\mu, I)$, with $\mu$ non-zero in the first four features only. Two Gaussians with a shared
# covariance have exactly linear log-odds, so logistic regression is the right model family here and any
# difference between the methods below comes from how they treat the imbalance, not from model mismatch.
#
# We draw independent training, validation and test sets. The validation set is used only to choose
# thresholds; all reported numbers come from the test set.

# %%
mu = np.array([1.2, 1.0, 0.8, 0.5, 0.0, 0.0])
prevalence = 0.015


def generate(n):
    y = (rng.random(n) < prevalence).astype(int)
    X = rng.normal(size=(n, mu.size)) + np.outer(y, mu)
    return X, y


X_train, y_train = generate(20_000)
X_val, y_val = generate(10_000)
X_test, y_test = generate(20_000)
for name, yy in [("train", y_train), ("validation", y_val), ("test", y_test)]:
    print(f"{name:10s}: {yy.size:6d} rows, {yy.sum():4d} positives ({yy.mean():.2%})")

# %% [markdown]
# ## Accuracy says almost nothing here
#
# The constant classifier "always negative" is right on every negative. Its accuracy is $1 - \pi$, where $\pi$
# is the share of positives, and it finds none of them. Average precision (the usual estimate of the area
# under the precision–recall curve, PR-AUC) of a score that carries no information equals $\pi$, so
# $\pi \approx 0.015$ is the baseline to beat, not 0.5 as for ROC-AUC.

# %%
plain = LogisticRegression().fit(X_train, y_train)
p_plain = plain.predict_proba(X_test)[:, 1]

acc_constant = accuracy_score(y_test, np.zeros_like(y_test))
acc_plain = accuracy_score(y_test, p_plain >= 0.5)
ap_constant = average_precision_score(y_test, np.zeros(y_test.size))
print(f"always negative : accuracy {acc_constant:.4f}, recall 0.000, average precision {ap_constant:.4f}")
print(f"logistic (0.5)  : accuracy {acc_plain:.4f}, recall {recall_score(y_test, p_plain >= 0.5):.3f}, "
      f"average precision {average_precision_score(y_test, p_plain):.4f}")

assert abs(acc_constant - (1 - y_test.mean())) < 1e-12
assert abs(ap_constant - y_test.mean()) < 1e-12
assert acc_plain - acc_constant < 0.005  # the trained model barely beats the constant on accuracy
assert average_precision_score(y_test, p_plain) > 10 * y_test.mean()  # but it is far above chance on PR-AUC

# %% [markdown]
# The logistic regression beats the constant by less than half a percentage point of accuracy while it is
# more than ten times better than chance on average precision. At the default threshold of 0.5 it finds
# fewer than one positive in ten, because with $\pi = 1.5\%$ few examples ever reach a posterior
# probability of 0.5.
#
# ## Four ways to train: plain, class weights, oversampling, undersampling
#
# - **Class weights**: `class_weight="balanced"` weights each example by $n / (2 n_c)$, where $n_c$ is the
#   size of its class, so the two classes contribute equally to the loss.
# - **Random oversampling**: repeat positives, drawn with replacement, until the classes are the same size.
# - **Random undersampling**: keep a random subset of negatives the same size as the positive class. Here
#   that discards about 98% of the training rows.
#
# Resampling is applied to the training set only. Resampling before the split would put copies of the same
# positive on both sides of it.

# %%
pos = np.flatnonzero(y_train == 1)
neg = np.flatnonzero(y_train == 0)
over_idx = np.concatenate([neg, pos, rng.choice(pos, size=neg.size - pos.size, replace=True)])
under_idx = np.concatenate([rng.choice(neg, size=pos.size, replace=False), pos])
print(f"oversampled training set : {over_idx.size} rows, {y_train[over_idx].mean():.1%} positive")
print(f"undersampled training set: {under_idx.size} rows, {y_train[under_idx].mean():.1%} positive")

models = {
    "plain": plain,
    "class weights": LogisticRegression(class_weight="balanced").fit(X_train, y_train),
    "oversampling": LogisticRegression().fit(X_train[over_idx], y_train[over_idx]),
    "undersampling": LogisticRegression().fit(X_train[under_idx], y_train[under_idx]),
}
p_test = {name: m.predict_proba(X_test)[:, 1] for name, m in models.items()}
p_val = {name: m.predict_proba(X_val)[:, 1] for name, m in models.items()}

# %% [markdown]
# ## Threshold moving
#
# For each model we pick the threshold that maximises F1 on the validation set, then apply it unchanged to
# the test set. `precision_recall_curve` returns one more precision/recall pair than thresholds (the final
# point has recall 0), so we drop that last pair.


# %%
def best_f1_threshold(y, scores):
    precision, recall, thresholds = precision_recall_curve(y, scores)
    f1 = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)
    return thresholds[np.argmax(f1)]


rows = []
thresholds = {}
for name, p in p_test.items():
    t = best_f1_threshold(y_val, p_val[name])
    thresholds[name] = t
    rows.append({
        "model": name,
        "ROC-AUC": roc_auc_score(y_test, p),
        "PR-AUC (AP)": average_precision_score(y_test, p),
        "accuracy@0.5": accuracy_score(y_test, p >= 0.5),
        "precision@0.5": precision_score(y_test, p >= 0.5, zero_division=0),
        "recall@0.5": recall_score(y_test, p >= 0.5),
        "F1@0.5": f1_score(y_test, p >= 0.5),
        "tuned threshold": t,
        "F1@tuned": f1_score(y_test, p >= t),
        "mean predicted p": p.mean(),
    })
results = pd.DataFrame(rows).set_index("model")
results.round(3)

# %% [markdown]
# Read the table column by column:
#
# - **Ranking metrics barely move.** ROC-AUC and average precision agree to within 0.005 across the four
#   methods. Reweighting did not make the model better at telling positives from negatives.
# - **At threshold 0.5 the methods differ a lot**, but only because 0.5 means something different for each.
#   The plain model is precise and misses most positives; the rebalanced ones catch over 80% of positives at
#   a precision around 6%. Neither is "the" performance of the model.
# - **With a tuned threshold they end up at the same F1.** The plain model's best threshold is around 0.1;
#   the rebalanced models need about 0.9 to reach the same operating point.
# - **The rebalanced models' probabilities are wrong.** Their mean predicted probability is near 0.3 while the
#   true positive rate is 1.5%.

# %%
auc_spread = results["ROC-AUC"].max() - results["ROC-AUC"].min()
ap_spread = results["PR-AUC (AP)"].max() - results["PR-AUC (AP)"].min()
f1_spread = results["F1@tuned"].max() - results["F1@tuned"].min()
print(f"spread across methods: ROC-AUC {auc_spread:.4f}, AP {ap_spread:.4f}, F1 at tuned threshold {f1_spread:.4f}")
print(f"F1 at 0.5 ranges from {results['F1@0.5'].min():.3f} to {results['F1@0.5'].max():.3f}")

assert auc_spread < 0.005 and ap_spread < 0.005
assert f1_spread < 0.03
assert (results["F1@tuned"] > results["F1@0.5"] + 0.1).all()
assert results.loc["plain", "recall@0.5"] < 0.1
assert (results.drop(index="plain")["recall@0.5"] > 0.8).all()
assert abs(results.loc["plain", "mean predicted p"] - y_test.mean()) < 0.002
assert (results.drop(index="plain")["mean predicted p"] > 0.25).all()

# %% [markdown]
# ## Why: reweighting mostly moves the intercept
#
# Multiplying the weight of every positive by $r$ (or repeating each positive $r$ times) multiplies the odds
# the model learns by about $r$, so for logistic regression it adds about $\log r$ to the intercept and leaves
# the slopes close to where they were. With `class_weight="balanced"` the ratio of the positive weight to the
# negative weight is $r = n_{\text{neg}} / n_{\text{pos}}$.

# %%
r = neg.size / pos.size
for name in ["class weights", "oversampling", "undersampling"]:
    shift = models[name].intercept_[0] - plain.intercept_[0]
    slope_change = np.abs(models[name].coef_ - plain.coef_).max()
    print(f"{name:14s}: intercept shift {shift:.3f} (log r = {np.log(r):.3f}), "
          f"largest slope change {slope_change:.3f}")

shift_weights = models["class weights"].intercept_[0] - plain.intercept_[0]
assert abs(shift_weights - np.log(r)) < 0.15
assert np.abs(models["class weights"].coef_ - plain.coef_).max() < 0.15

# %% [markdown]
# Class weights and oversampling give almost the same model, as expected: repeating a row $r$ times and giving
# it weight $r$ are the same thing in expectation. Undersampling fits on only about 600 rows, so its model
# depends on which negatives happened to be kept. Refitting on 20 different random undersamples shows how much:

# %%
ap_under = []
for _ in range(20):
    idx = np.concatenate([rng.choice(neg, size=pos.size, replace=False), pos])
    m = LogisticRegression().fit(X_train[idx], y_train[idx])
    ap_under.append(average_precision_score(y_test, m.predict_proba(X_test)[:, 1]))
ap_under = np.array(ap_under)
print(f"average precision over 20 random undersamples: mean {ap_under.mean():.3f}, "
      f"min {ap_under.min():.3f}, max {ap_under.max():.3f}; plain model {results.loc['plain', 'PR-AUC (AP)']:.3f}")
assert ap_under.max() - ap_under.min() > 0.01
assert ap_under.mean() <= results.loc["plain", "PR-AUC (AP)"] + 0.005

# %% [markdown]
# On this problem the average loss is small, because six coefficients are easy to estimate even from 600
# rows, but a single undersample can land anywhere from about 0.25 to 0.27. With more features to estimate,
# the information thrown away costs more.

# %% [markdown]
# If the reweighted probabilities are needed, the known prior shift can be undone: divide the odds by $r$,
# $p_{\text{corrected}} = p / \bigl(p + r(1-p)\bigr)$. For a model trained on rebalanced data this restores
# probabilities close to those of the plain model.

# %%
p_w = p_test["class weights"]
p_corrected = p_w / (p_w + r * (1 - p_w))
for label, p in [("plain", p_plain), ("class weights", p_w), ("class weights, corrected", p_corrected)]:
    print(f"{label:25s}: mean predicted p {p.mean():.4f}, Brier score {brier_score_loss(y_test, p):.5f}")
print(f"observed positive rate   : {y_test.mean():.4f}")
assert abs(p_corrected.mean() - y_test.mean()) < 0.003
assert brier_score_loss(y_test, p_corrected) < 1.05 * brier_score_loss(y_test, p_plain)

# %% [markdown]
# ## The precision–recall curves

# %%
fig, ax = plt.subplots(figsize=(6, 4))
for name in ["plain", "class weights", "undersampling"]:
    precision, recall, _ = precision_recall_curve(y_test, p_test[name])
    ax.plot(recall, precision, label=f"{name} (AP {results.loc[name, 'PR-AUC (AP)']:.3f})")
ax.axhline(y_test.mean(), color="k", ls="--", lw=0.8, label=f"no-skill baseline ({y_test.mean():.3f})")
ax.set_xlabel("recall")
ax.set_ylabel("precision")
ax.set_title("Test precision–recall curves, 1.5% positives")
ax.legend()
plt.show()

# %% [markdown]
# The plain and class-weighted curves lie on top of each other: the same ranking, so the same curve. The
# dashed line at the positive rate is where a useless score would sit, which is why a PR-AUC of about 0.26
# is a real signal even though it looks low next to a ROC-AUC of about 0.9.
#
# ## Choosing the threshold of the plain model

# %%
precision, recall, thr = precision_recall_curve(y_val, p_val["plain"])
f1_curve = 2 * precision[:-1] * recall[:-1] / np.maximum(precision[:-1] + recall[:-1], 1e-12)

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(thr, precision[:-1], label="precision")
ax.plot(thr, recall[:-1], label="recall")
ax.plot(thr, f1_curve, label="F1")
ax.axvline(0.5, color="grey", ls=":", label="default threshold 0.5")
ax.axvline(thresholds["plain"], color="k", ls="--", label=f"best F1 on validation ({thresholds['plain']:.2f})")
ax.set_xscale("log")
ax.set_xlabel("threshold on predicted probability (log scale)")
ax.set_ylabel("value on the validation set")
ax.set_title("Plain logistic regression: metrics vs threshold")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# F1 peaks far below 0.5: the best threshold for a rare class is usually low, and moving it is all the
# rebalancing methods above achieved. When the costs of errors are known, a calibrated model lets you set
# the threshold directly: predicting positive is worth it when $p\,c_{\text{FN}} > (1-p)\,c_{\text{FP}}$,
# that is when $p > c_{\text{FP}} / (c_{\text{FP}} + c_{\text{FN}})$.

# %%
c_fp, c_fn = 1.0, 20.0
t_cost = c_fp / (c_fp + c_fn)


def total_cost(y, predicted_positive):
    return c_fp * np.sum(predicted_positive & (y == 0)) + c_fn * np.sum(~predicted_positive & (y == 1))


cost_rows = {
    "plain model, threshold c_FP/(c_FP+c_FN)": total_cost(y_test, p_plain >= t_cost),
    "class-weighted model, same threshold": total_cost(y_test, p_w >= t_cost),
    "class-weighted, odds corrected, same threshold": total_cost(y_test, p_corrected >= t_cost),
    "predict nothing positive": total_cost(y_test, np.zeros(y_test.size, dtype=bool)),
}
print(f"cost threshold = {t_cost:.4f}")
for label, cost in cost_rows.items():
    print(f"{label:48s}: total test cost {cost:8.0f}")
assert cost_rows["plain model, threshold c_FP/(c_FP+c_FN)"] < cost_rows["class-weighted model, same threshold"]
assert cost_rows["plain model, threshold c_FP/(c_FP+c_FN)"] < cost_rows["predict nothing positive"]

# %% [markdown]
# The same cost-based threshold is right for the calibrated plain model and wrong for the class-weighted one,
# whose inflated probabilities push far too many examples over it; correcting the odds fixes that.
#
# ## What to take away
#
# - Report PR-AUC (with the positive rate as its baseline) and metrics at the operating threshold, not
#   accuracy.
# - For a model that is already a good fit, class weights and random resampling mainly move the decision
#   threshold and spoil calibration; choosing the threshold on validation data does the same job directly.
#   With a misspecified or capacity-limited model (a linear model on non-linear data, a small tree
#   ensemble) reweighting also changes which errors the fit concentrates on, and its effect on the ranking can
#   go either way, so compare on PR-AUC rather than assume.
# - Undersampling throws away information and adds variance; it is mainly worth it when the full data set is
#   too large to train on.
