# %% [markdown]
# # ROC and precision-recall curves, and choosing a decision threshold
#
# A logistic regression on a generated problem with 5.5% positives: ROC and precision-recall curves, ROC AUC and
# average precision (each also computed from scratch), what each metric does when the class balance changes, and
# two ways to pick the operating threshold on a validation set: minimum expected cost when a missed positive
# costs ten times a false alarm, and the highest threshold that still reaches 90% recall.

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import rankdata
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score, roc_curve
from sklearn.model_selection import train_test_split

rng = np.random.default_rng(0)

# %% [markdown]
# ## Data, model and three splits
#
# 20,000 samples, 10 features, about 5% positives (think fraud or a rare disease). The model is fitted on half
# of the data. A quarter is a *validation* set used only to choose thresholds, and the last quarter is a *test*
# set used only to report how the chosen thresholds do. Choosing a threshold on the test set would make the test
# numbers optimistic, for the same reason tuning any hyperparameter on it would.

# %%
X, y = make_classification(n_samples=20_000, n_features=10, n_informative=5, n_redundant=2, weights=[0.95],
                           flip_y=0.01, class_sep=0.8, random_state=0)
X_train, X_rest, y_train, y_rest = train_test_split(X, y, test_size=0.5, stratify=y, random_state=0)
X_val, X_test, y_val, y_test = train_test_split(X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=0)

model = LogisticRegression().fit(X_train, y_train)
p_val = model.predict_proba(X_val)[:, 1]
p_test = model.predict_proba(X_test)[:, 1]
prevalence = y_test.mean()
print(f"positives: train {y_train.mean():.3f}, validation {y_val.mean():.3f}, test {prevalence:.3f}")
print(f"test accuracy at the default threshold 0.5: {np.mean((p_test >= 0.5) == y_test):.3f} "
      f"(predicting 'negative' for everyone scores {1 - prevalence:.3f})")

# %% [markdown]
# Accuracy says little here: the useless all-negative classifier already scores about 0.945. The curves below
# look at the scores themselves, over every possible threshold.
#
# ## ROC curve and ROC AUC
#
# For a threshold $t$, a sample is predicted positive when its score is at least $t$. The ROC curve plots the
# true positive rate $\mathrm{TPR} = TP/(TP+FN)$ (recall) against the false positive rate
# $\mathrm{FPR} = FP/(FP+TN)$ as $t$ goes from high to low. The area under it, ROC AUC, equals the probability
# that a randomly chosen positive gets a higher score than a randomly chosen negative (ties count one half).
# That gives a from-scratch formula through ranks (the Mann-Whitney statistic): with $n_+$ positives and $n_-$
# negatives, and $R_+$ the sum of the positives' ranks among all scores,
#
# $$
# \mathrm{AUC} = \frac{R_+ - n_+(n_+ + 1)/2}{n_+\, n_-} .
# $$

# %%
def roc_auc_from_ranks(y_true, score):
    ranks = rankdata(score)  # average ranks for ties
    n_pos = y_true.sum()
    n_neg = len(y_true) - n_pos
    return (ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


auc = roc_auc_score(y_test, p_test)
print(f"ROC AUC: scikit-learn {auc:.6f}, from ranks {roc_auc_from_ranks(y_test, p_test):.6f}")
assert np.isclose(auc, roc_auc_from_ranks(y_test, p_test))

# %% [markdown]
# ## Precision-recall curve and average precision
#
# The PR curve plots precision $TP/(TP+FP)$ against recall. Its summary, average precision (AP), is the sum of
# the precision at each threshold weighted by the increase in recall since the previous threshold,
# $\mathrm{AP} = \sum_k (R_k - R_{k-1}) P_k$. A random scorer has precision equal to the prevalence at every
# recall, so the baseline AP is about 0.055 here, not 0.5.

# %%
def average_precision_from_scratch(y_true, score):
    order = np.argsort(-score, kind="stable")
    hits = y_true[order]
    tp = np.cumsum(hits)
    precision_at_k = tp / np.arange(1, len(hits) + 1)
    # each positive raises recall by 1/n_pos; with no tied scores this matches scikit-learn
    return np.sum(precision_at_k[hits == 1]) / hits.sum()


ap = average_precision_score(y_test, p_test)
print(f"average precision: scikit-learn {ap:.6f}, from scratch {average_precision_from_scratch(y_test, p_test):.6f}")
print(f"baseline (prevalence): {prevalence:.3f}")
assert len(np.unique(p_test)) == len(p_test)  # no ties, so the simple formula applies
assert np.isclose(ap, average_precision_from_scratch(y_test, p_test))

# %% [markdown]
# ## What happens when the negatives become rarer
#
# ROC AUC compares positives with negatives pair by pair, so it does not depend on how many negatives there are,
# only on how their scores are distributed. Precision does depend on it: the same FPR produces more false
# positives when negatives are more numerous. We keep all test positives and a random 10% of test negatives,
# which changes the prevalence but not the model.

# %%
neg = np.flatnonzero(y_test == 0)
keep = np.concatenate([np.flatnonzero(y_test == 1), rng.choice(neg, size=len(neg) // 10, replace=False)])
y_bal, p_bal = y_test[keep], p_test[keep]
print(f"prevalence {prevalence:.3f} -> {y_bal.mean():.3f}")
print(f"ROC AUC {auc:.3f} -> {roc_auc_score(y_bal, p_bal):.3f}")
print(f"AP      {ap:.3f} -> {average_precision_score(y_bal, p_bal):.3f}")
assert abs(roc_auc_score(y_bal, p_bal) - auc) < 0.02
assert average_precision_score(y_bal, p_bal) > ap + 0.1

# %% [markdown]
# ROC AUC barely moves; AP rises sharply. On a rare-positive problem, the PR curve and AP are the more honest
# view of what the positive predictions are worth, while ROC AUC is the one that stays comparable across data
# sets with different prevalence.
#
# ## Threshold 1: minimum expected cost
#
# Suppose a missed positive (false negative) costs $c_{FN} = 10$ and a false alarm (false positive) costs
# $c_{FP} = 1$. If the scores are calibrated probabilities, predicting positive for a sample with probability $p$
# costs $(1-p)\,c_{FP}$ in expectation and predicting negative costs $p\,c_{FN}$, so the best rule is to predict
# positive when
#
# $$
# p \ge t^\star = \frac{c_{FP}}{c_{FP} + c_{FN}} = \frac{1}{11} \approx 0.091 .
# $$
#
# Real scores are only approximately calibrated, so we also scan thresholds on the validation set and pick the
# one with the lowest average cost per sample, then report all thresholds on the test set.

# %%
c_fp, c_fn = 1.0, 10.0
t_theory = c_fp / (c_fp + c_fn)


def cost_per_sample(y_true, score, t):
    pred = score >= t
    fp = np.sum(pred & (y_true == 0))
    fn = np.sum(~pred & (y_true == 1))
    return (c_fp * fp + c_fn * fn) / len(y_true)


grid = np.linspace(0.005, 0.8, 400)
cost_val = np.array([cost_per_sample(y_val, p_val, t) for t in grid])
cost_test = np.array([cost_per_sample(y_test, p_test, t) for t in grid])
t_cost = grid[np.argmin(cost_val)]

for label, t in [("default 0.5", 0.5), ("theory 1/11", t_theory), ("tuned on validation", t_cost)]:
    print(f"{label:20s} t = {t:.3f}: test cost per sample {cost_per_sample(y_test, p_test, t):.4f}")
print(f"all-negative classifier: test cost per sample {c_fn * prevalence:.4f}")

assert cost_per_sample(y_test, p_test, t_cost) < 0.75 * cost_per_sample(y_test, p_test, 0.5)
assert cost_per_sample(y_test, p_test, t_theory) < 0.75 * cost_per_sample(y_test, p_test, 0.5)

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(grid, cost_val, label="validation")
ax.plot(grid, cost_test, label="test")
ax.axvline(t_theory, color="grey", ls="--", lw=1, label=f"theory c_FP/(c_FP+c_FN) = {t_theory:.3f}")
ax.axvline(t_cost, color="black", ls=":", lw=1, label=f"validation minimum t = {t_cost:.3f}")
ax.axvline(0.5, color="red", lw=0.8, label="default t = 0.5")
ax.set_xlabel("decision threshold t")
ax.set_ylabel("average cost per sample")
ax.set_title("Expected cost with c_FN = 10, c_FP = 1")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice that the cost curve is flat near its minimum, so the validation choice and the theoretical $1/11$ give
# similar test costs, and both are far better than 0.5, which ignores the costs. The validation minimum lies
# above $1/11$ because the model's scores in that region are too high: validation samples scored around 0.09 are
# positive less often than 9% of the time, as the check below shows. If you want the $c_{FP}/(c_{FP}+c_{FN})$ rule
# itself to be reliable, recalibrate the scores first (Platt scaling or isotonic regression on held-out data);
# otherwise tune the threshold on validation data as done here.

# %%
band = (p_val >= 0.05) & (p_val < 0.15)
print(f"validation samples with score in [0.05, 0.15): {band.sum()}, mean score {p_val[band].mean():.3f}, "
      f"observed positive rate {y_val[band].mean():.3f}")
assert y_val[band].mean() < p_val[band].mean()
#
# ## Threshold 2: a target recall
#
# Often the requirement is a recall, e.g. "catch at least 90% of positives". On the validation set we take the
# highest threshold whose recall is still at least 0.9 (the highest, because it gives the best precision among
# those thresholds), then check it on the test set. The test recall can land slightly below the target: the
# threshold was chosen on other data.

# %%
precision_v, recall_v, thresholds_v = precision_recall_curve(y_val, p_val)
# thresholds_v[i] gives precision_v[i] and recall_v[i]; the last precision/recall pair has no threshold
ok = recall_v[:-1] >= 0.9
t_recall = thresholds_v[ok].max()


def precision_recall_at(y_true, score, t):
    pred = score >= t
    tp = np.sum(pred & (y_true == 1))
    return tp / pred.sum(), tp / y_true.sum()


p_v, r_v = precision_recall_at(y_val, p_val, t_recall)
p_t, r_t = precision_recall_at(y_test, p_test, t_recall)
print(f"threshold for recall >= 0.9 on validation: t = {t_recall:.4f}")
print(f"validation: precision {p_v:.3f}, recall {r_v:.3f}")
print(f"test:       precision {p_t:.3f}, recall {r_t:.3f}")
assert r_v >= 0.9 and abs(r_t - 0.9) < 0.05
fpr_recall = np.mean(p_test[y_test == 0] >= t_recall)
print(f"test false positive rate at this threshold: {fpr_recall:.3f}")
assert 0.3 < fpr_recall < 0.45

# %% [markdown]
# ## Both curves, with the chosen operating points

# %%
fpr, tpr, _ = roc_curve(y_test, p_test)
operating = {"t = 0.5": 0.5, f"min cost, t = {t_cost:.3f}": t_cost, f"recall 0.9, t = {t_recall:.3f}": t_recall}

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(fpr, tpr, label=f"logistic regression (AUC = {auc:.3f})")
ax.plot([0, 1], [0, 1], "k--", lw=1, label="random scores (AUC = 0.5)")
for i, (label, t) in enumerate(operating.items()):
    pred = p_test >= t
    ax.plot(np.mean(pred[y_test == 0]), np.mean(pred[y_test == 1]), "o", color=f"C{i + 1}", label=label)
ax.set_xlabel("false positive rate")
ax.set_ylabel("true positive rate (recall)")
ax.set_title("ROC curve on the test set")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice that the curve looks strong, yet reaching 90% recall already costs a false positive rate of almost 0.4.
# And with 19 negatives per positive, even a false positive rate of 0.1 means more false alarms than true
# positives (checked at the end of the notebook).

# %%
precision_t, recall_t, _ = precision_recall_curve(y_test, p_test)

fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(recall_t, precision_t, label=f"logistic regression (AP = {ap:.3f})")
ax.axhline(prevalence, color="black", ls="--", lw=1, label=f"random scores (precision = {prevalence:.3f})")
for i, (label, t) in enumerate(operating.items()):
    prec, rec = precision_recall_at(y_test, p_test, t)
    ax.plot(rec, prec, "o", color=f"C{i + 1}", label=label)
ax.set_xlabel("recall")
ax.set_ylabel("precision")
ax.set_title("Precision-recall curve on the test set")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice the price of recall: at the 90%-recall threshold most flagged samples are false alarms, which the ROC
# plot hides. The cost-based threshold sits where the extra positives caught are worth the extra false alarms at
# a 10:1 cost ratio; with a different cost ratio the same model would run at a different point on these curves.

# %%
tpr_at_fpr_01 = np.interp(0.1, fpr, tpr)
fp_at_01 = 0.1 * np.sum(y_test == 0)
tp_at_01 = tpr_at_fpr_01 * np.sum(y_test == 1)
print(f"at FPR = 0.1 on the test set: about {fp_at_01:.0f} false positives vs {tp_at_01:.0f} true positives")
assert fp_at_01 > tp_at_01
assert p_t < 0.5  # at 90% recall, most flagged samples are false alarms
