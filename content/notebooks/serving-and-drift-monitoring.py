# %% [markdown]
# # Serving a model and monitoring drift: joblib, input validation, PSI and the KS test
#
# A churn model is trained as a scikit-learn pipeline, saved with joblib to an in-memory buffer together
# with its input schema and drift reference, loaded back, and wrapped in a prediction function that rejects
# malformed input. Simulated production traffic with a covariate shift is then caught per feature by the
# population stability index (PSI) and the two-sample Kolmogorov–Smirnov test, and the shift shows up in the
# distribution of predictions too.

# %%
import io

import joblib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import sklearn
from scipy.stats import ks_2samp
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

rng = np.random.default_rng(0)

# %% [markdown]
# ## Simulated customers
#
# Four numeric features and a churn label. The label is drawn from a fixed logistic model
# $P(y = 1 \mid x)$, so when we later change the distribution of $x$ but keep this rule, we get a pure
# **covariate shift**: $P(x)$ moves, $P(y \mid x)$ does not.

# %%
FEATURES = ["age", "income_k", "tenure_months", "support_calls"]


def make_customers(n, age_mean=45.0, calls_per_month=1.5):
    X = pd.DataFrame({
        "age": np.clip(rng.normal(age_mean, 12, n), 18, 90).round(),
        "income_k": rng.lognormal(np.log(50), 0.5, n).round(1),  # thousands per year
        "tenure_months": np.floor(rng.gamma(2.0, 15.0, n)),
        "support_calls": rng.poisson(calls_per_month, n).astype(float),
    })
    logit = (-1.5 - 0.04 * (X["age"] - 45) - 0.03 * (X["tenure_months"] - 30)
             + 0.6 * (X["support_calls"] - 1.5) - 0.5 * np.log(X["income_k"] / 50))
    y = (rng.random(n) < 1 / (1 + np.exp(-logit))).to_numpy().astype(int)
    return X, y


X_train, y_train = make_customers(5_000)
X_holdout, y_holdout = make_customers(2_000)
model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
p_holdout = model.predict_proba(X_holdout)[:, 1]
print(f"churn rate {y_train.mean():.3f}; hold-out ROC-AUC {roc_auc_score(y_holdout, p_holdout):.3f}")
X_train.describe().round(1)

# %% [markdown]
# ## Package the model with what serving and monitoring need
#
# A model file on its own is not enough to serve safely. Next to the fitted pipeline we store the expected
# feature names and order, the valid range of each feature, the library version it was trained with, and
# the **reference** for drift monitoring: decile bin edges and bin shares of each feature, computed once on
# the training data, plus the hold-out predictions. `joblib.dump` writes to any file-like object; an
# `io.BytesIO` buffer stands in for the file or object-store upload here.
#
# Loading a joblib (pickle) file runs code chosen by whoever wrote it, so only load artefacts from a source
# you trust, and load them with the same scikit-learn version they were saved with.


# %%
def decile_edges(values, n_bins=10):
    # inner quantile edges; np.unique merges repeated edges for discrete features
    return np.unique(np.quantile(values, np.linspace(0, 1, n_bins + 1)[1:-1]))


def bin_shares(values, edges):
    counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=edges.size + 1)
    return counts / counts.sum()


reference = {}
for f in FEATURES:
    edges = decile_edges(X_train[f])
    reference[f] = {"edges": edges, "shares": bin_shares(X_train[f], edges), "sample": X_train[f].to_numpy()}
score_edges = decile_edges(p_holdout)
reference["__score__"] = {"edges": score_edges, "shares": bin_shares(p_holdout, score_edges), "sample": p_holdout}

bundle = {
    "model": model,
    "features": FEATURES,
    "valid_ranges": {"age": (18, 100), "income_k": (0, 5_000), "tenure_months": (0, 600), "support_calls": (0, 100)},
    "sklearn_version": sklearn.__version__,
    "reference": reference,
}

buffer = io.BytesIO()
joblib.dump(bundle, buffer)
print(f"serialised bundle: {buffer.tell() / 1024:.0f} KiB")

buffer.seek(0)  # rewind before reading, as you would reopen a file
loaded = joblib.load(buffer)
assert loaded["sklearn_version"] == sklearn.__version__, "retrain or pin the version the model was saved with"
assert np.array_equal(loaded["model"].predict_proba(X_holdout), model.predict_proba(X_holdout))
print("loaded model reproduces the original predictions exactly")

# %% [markdown]
# ## A prediction function that validates its input
#
# The model itself would silently accept a column in the wrong order, a negative age or an income in dollars
# instead of thousands, and return a confident number. The wrapper checks the request first and fails loudly
# with a message that says what is wrong:
#
# - the input is a DataFrame with every expected column (extra columns are ignored, and columns are put into
#   the training order);
# - every column is numeric and has no missing values;
# - every value is inside its valid range.


# %%
class InvalidInput(ValueError):
    pass


def make_predictor(bundle):
    model, features, ranges = bundle["model"], bundle["features"], bundle["valid_ranges"]

    def predict_churn(X):
        if not isinstance(X, pd.DataFrame):
            raise InvalidInput(f"expected a pandas DataFrame, got {type(X).__name__}")
        missing = [f for f in features if f not in X.columns]
        if missing:
            raise InvalidInput(f"missing columns: {missing}")
        X = X[features]  # drop extras, fix the order
        problems = []
        for f in features:
            col = X[f]
            if not pd.api.types.is_numeric_dtype(col):
                problems.append(f"{f}: dtype {col.dtype} is not numeric")
                continue
            if col.isna().any():
                problems.append(f"{f}: {int(col.isna().sum())} missing value(s)")
            lo, hi = ranges[f]
            bad = int(((col < lo) | (col > hi)).sum())
            if bad:
                problems.append(f"{f}: {bad} value(s) outside [{lo}, {hi}]")
        if problems:
            raise InvalidInput("; ".join(problems))
        return model.predict_proba(X)[:, 1]

    return predict_churn


predict_churn = make_predictor(loaded)
good = X_holdout.head(3)
print("valid request ->", np.round(predict_churn(good), 3))

shuffled = good[FEATURES[::-1]].assign(request_id=[101, 102, 103])  # other order, extra column
assert np.array_equal(predict_churn(shuffled), predict_churn(good))

bad_requests = {
    "not a DataFrame": good.to_numpy(),
    "missing column": good.drop(columns="tenure_months"),
    "text in a numeric column": good.assign(age=["41", "52", "38"]),
    "missing value": good.assign(income_k=[52.0, np.nan, 40.0]),
    "out of range": good.assign(age=[41, -5, 38], income_k=[52_000.0, 61.0, 40.0]),
}
for label, request in bad_requests.items():
    try:
        predict_churn(request)
    except InvalidInput as err:
        print(f"{label:25s} -> rejected: {err}")
    else:
        raise AssertionError(f"{label} was accepted")

# %% [markdown]
# A column given in a different order, plus an extra `request_id`, gives the same predictions: the wrapper
# selects columns by name. The income of 52,000 (dollars, where the model expects thousands) is caught only
# because the schema sets a plausible upper bound; range checks are cheap and catch exactly this kind of unit
# mistake. Whether to reject the whole batch or only the bad rows is a product decision; here the whole
# request fails.
#
# ## Two drift measures
#
# **PSI.** Split the feature into bins using the reference deciles (plus open-ended outer bins), and compare
# the share of production data $a_i$ with the reference share $e_i$ in each bin:
#
# $$
# \mathrm{PSI} = \sum_i (a_i - e_i)\,\ln\frac{a_i}{e_i} = \mathrm{KL}(a\,\Vert\, e) + \mathrm{KL}(e\,\Vert\, a).
# $$
#
# It is zero for identical shares and grows with the shift. A common rule of thumb from credit scoring reads
# PSI below 0.1 as stable, 0.1 to 0.25 as a moderate shift and above 0.25 as a major one. These cut-offs are
# a convention, not a statistical test. Empty bins make the logarithm infinite, so shares are floored at a
# small value.
#
# **KS test.** The two-sample Kolmogorov–Smirnov statistic $D$ is the largest vertical gap between the
# empirical distribution functions of the reference and production samples; `scipy.stats.ks_2samp` also
# returns a p-value for the hypothesis that both come from the same distribution. It needs the raw reference
# sample (or a subsample of it), not just bin shares, and its p-values assume continuous data, so for a
# discrete feature such as a count they are conservative.


# %%
def psi(ref_shares, edges, current, floor=1e-4):
    cur = np.clip(bin_shares(current, edges), floor, None)
    ref = np.clip(ref_shares, floor, None)
    return float(np.sum((cur - ref) * np.log(cur / ref)))


def drift_report(X, reference):
    rows = []
    for f in FEATURES:
        ref = reference[f]
        ks = ks_2samp(ref["sample"], X[f].to_numpy())
        rows.append({"feature": f, "PSI": psi(ref["shares"], ref["edges"], X[f].to_numpy()),
                     "KS D": ks.statistic, "KS p-value": ks.pvalue})
    report = pd.DataFrame(rows).set_index("feature")
    report["PSI level"] = pd.cut(report["PSI"], [-np.inf, 0.1, 0.25, np.inf], labels=["stable", "moderate", "major"])
    return report


# PSI as the symmetrised KL divergence, checked on two arbitrary share vectors
a, e = np.array([0.2, 0.5, 0.3]), np.array([0.3, 0.3, 0.4])
assert np.isclose(np.sum((a - e) * np.log(a / e)), np.sum(a * np.log(a / e)) + np.sum(e * np.log(e / a)))

# %% [markdown]
# ## Two weeks of production traffic
#
# In week 1 the customers come from the same population as the training data. In week 2 a marketing campaign
# brings in younger customers (mean age 37 instead of 45) who also call support more (2.0 calls per month
# instead of 1.5). Income and tenure are unchanged, and so is the churn rule.

# %%
X_week1, y_week1 = make_customers(2_000)
X_week2, y_week2 = make_customers(2_000, age_mean=37.0, calls_per_month=2.0)
p_week1, p_week2 = predict_churn(X_week1), predict_churn(X_week2)

report1 = drift_report(X_week1, loaded["reference"])
report2 = drift_report(X_week2, loaded["reference"])
formats = {"PSI": "{:.4f}".format, "KS D": "{:.3f}".format, "KS p-value": "{:.1e}".format}
print("week 1 (no shift)")
print(report1.to_string(formatters=formats))
print("\nweek 2 (younger customers, more support calls)")
print(report2.to_string(formatters=formats))

assert (report1["PSI"] < 0.1).all() and (report1["KS p-value"] > 0.01).all()
assert report2.loc["age", "PSI"] > 0.25 and 0.1 < report2.loc["support_calls", "PSI"] < 0.25
assert (report2.loc[["age", "support_calls"], "KS p-value"] < 1e-10).all()
assert (report2.loc[["income_k", "tenure_months"], "PSI"] < 0.1).all()

# %% [markdown]
# Week 1 is quiet on every feature. In week 2 both measures single out the two features that moved and leave
# the other two alone: age is a major shift, support calls a moderate one, just over the 0.1 line.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
bins = np.arange(15, 95, 3)
ax.hist(X_train["age"], bins=bins, density=True, alpha=0.5, label="training reference")
ax.hist(X_week2["age"], bins=bins, density=True, alpha=0.5, label="production, week 2")
ax.set_xlabel("age (years)")
ax.set_ylabel("density")
ax.set_title(f"Age drift in week 2: PSI {report2.loc['age', 'PSI']:.2f}, KS D {report2.loc['age', 'KS D']:.2f}")
ax.legend()
plt.show()

# %% [markdown]
# The whole age distribution has moved left by about eight years. The KS statistic $D$ is the largest gap
# between the two cumulative distributions, here about a quarter of the population.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
x = np.arange(len(FEATURES))
ax.bar(x - 0.2, report1["PSI"], width=0.4, label="week 1")
ax.bar(x + 0.2, report2["PSI"], width=0.4, label="week 2")
ax.axhline(0.1, color="orange", ls="--", lw=1, label="0.1 (moderate)")
ax.axhline(0.25, color="red", ls="--", lw=1, label="0.25 (major)")
ax.set_xticks(x, FEATURES)
ax.set_xlabel("feature")
ax.set_ylabel("PSI against the training reference")
ax.set_title("Population stability index per feature")
ax.legend()
plt.show()

# %% [markdown]
# Notice how small PSI is when nothing changed (a few thousandths, from sampling noise alone), which is what
# makes the 0.1 and 0.25 lines usable as alert levels.
#
# ## What the shift does to the predictions
#
# The same PSI applied to the model's output compares this week's predicted probabilities with the hold-out
# predictions stored at training time. Because this is a simulation we also know the outcomes, which in
# production arrive late or never.

# %%
ref_score = loaded["reference"]["__score__"]
for label, p, y in [("hold-out", p_holdout, y_holdout), ("week 1", p_week1, y_week1), ("week 2", p_week2, y_week2)]:
    score_psi = psi(ref_score["shares"], ref_score["edges"], p)
    print(f"{label:8s}: prediction PSI {score_psi:.3f}, mean predicted churn {p.mean():.3f}, "
          f"observed churn {y.mean():.3f}, ROC-AUC {roc_auc_score(y, p):.3f}")

psi_week2 = psi(ref_score["shares"], ref_score["edges"], p_week2)
assert psi_week2 > 0.25 and psi(ref_score["shares"], ref_score["edges"], p_week1) < 0.1
assert p_week2.mean() - p_holdout.mean() > 0.05
assert abs(p_week2.mean() - y_week2.mean()) < 0.03  # still calibrated: P(y|x) did not change

# %%
fig, ax = plt.subplots(figsize=(6, 4))
bins = np.linspace(0, 1, 26)
ax.hist(p_holdout, bins=bins, density=True, alpha=0.5, label="hold-out (training time)")
ax.hist(p_week2, bins=bins, density=True, alpha=0.5, label="production, week 2")
ax.set_xlabel("predicted churn probability")
ax.set_ylabel("density")
ax.set_title(f"Prediction drift in week 2: PSI {psi_week2:.2f}")
ax.legend()
plt.show()

# %% [markdown]
# More mass moves to high churn probabilities, and the mean prediction rises by about ten percentage points.
# Yet the model is not broken: because only $P(x)$ changed and the model captures $P(y \mid x)$ well, the
# mean prediction still matches the observed churn rate and the ranking quality (ROC-AUC) is as good as at
# training time. Drift alarms say "the inputs are different, go and look"; they do not say "the model is
# wrong". Deciding whether to retrain needs labels, or at least a closer look at the segments that moved.
# Under **concept drift**, where $P(y \mid x)$ itself changes, the input monitors could stay quiet while the
# accuracy falls, which is why input and prediction monitoring complement, rather than replace, tracking
# performance once labels arrive.
#
# ## Statistically significant is not the same as important
#
# The KS p-value shrinks as the sample grows, so with enough traffic it flags shifts too small to matter. A
# 5% rise in every income, measured on 20,000 customers:

# %%
X_week3, _ = make_customers(20_000)
X_week3["income_k"] *= 1.05
ref = loaded["reference"]["income_k"]
ks3 = ks_2samp(ref["sample"], X_week3["income_k"].to_numpy())
psi3 = psi(ref["shares"], ref["edges"], X_week3["income_k"].to_numpy())
print(f"income +5%: KS D {ks3.statistic:.3f}, p-value {ks3.pvalue:.1e}; PSI {psi3:.3f}")
assert ks3.pvalue < 0.01 and psi3 < 0.1

# %% [markdown]
# The KS test rejects "same distribution" decisively, while PSI calls it stable. Both are right: the shift is
# real and small. In practice, alert on an effect size (PSI, the KS statistic $D$, a change in mean measured
# in standard deviations) with thresholds chosen for the business, and use p-values, if at all, with a
# correction for testing many features every day.
