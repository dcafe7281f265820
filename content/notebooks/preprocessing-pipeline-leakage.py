# %% [markdown]
# # Preprocessing in a Pipeline, and the leakage when you do it outside
#
# A generated customer table with missing values and categorical columns is cleaned by a `ColumnTransformer`
# (`SimpleImputer`, `OneHotEncoder`, `StandardScaler`) inside a `Pipeline`, so cross-validation refits every
# step on each training fold. Then the leak: selecting features on the full data before cross-validation gives
# over 80% accuracy on labels that are pure noise, while the same steps inside the pipeline give the honest 50%.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

rng = np.random.default_rng(0)

# %% [markdown]
# ## A messy table
#
# 2,000 customers of a subscription service, and whether they cancelled (churned). The churn probability
# depends on the plan, tenure, city, age and income through a logistic model. Then we punch holes in the data:
# 8% of ages are missing completely at random, income is missing more often for younger customers (missing at
# random given age), and 5% of cities are unknown.

# %%
n = 2000
age = rng.normal(45, 12, n).clip(18, 90).round()
income = rng.lognormal(mean=np.log(45), sigma=0.5, size=n).round(1)  # thousands per year
tenure = rng.integers(1, 73, n)  # months
city = rng.choice(["London", "Paris", "Berlin", "Madrid"], size=n, p=[0.4, 0.3, 0.2, 0.1])
plan = rng.choice(["basic", "plus", "premium"], size=n, p=[0.5, 0.3, 0.2])

logit = (-0.8 + 0.9 * (plan == "basic") - 0.6 * (plan == "premium") - 0.04 * (tenure - 36)
         + 0.5 * (city == "Paris") - 0.02 * (age - 45) - 0.6 * np.log(income / 45))
churned = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)

df = pd.DataFrame({"age": age, "income": income, "tenure": tenure, "city": city, "plan": plan})
df.loc[rng.random(n) < 0.08, "age"] = np.nan
df.loc[rng.random(n) < np.where(age < 35, 0.30, 0.08), "income"] = np.nan
df.loc[rng.random(n) < 0.05, "city"] = np.nan

print(df.head(8).to_string())
print("\ndtypes:", dict(df.dtypes.astype(str)))
print("share missing:", df.isna().mean().round(3).to_dict())
print(f"churn rate: {churned.mean():.3f}")

# %% [markdown]
# ## One object for all preprocessing
#
# `ColumnTransformer` sends each group of columns through its own steps and concatenates the results:
#
# - numeric columns: fill missing values with the median, add a 0/1 *missing indicator* column for every
#   column that had missing values during `fit` (`add_indicator=True`; missingness itself can carry
#   information: here a missing income hints at a younger customer), then standardise;
# - categorical columns: fill missing values with the constant `"missing"` so that "unknown" becomes its own
#   category, then one-hot encode; `handle_unknown="ignore"` encodes a category never seen in training as all
#   zeros instead of raising an error at prediction time.
#
# Putting the `ColumnTransformer` and the model in one `Pipeline` means `fit` learns the medians, the category
# lists and the scaling statistics from the training data only, and `predict` reuses them.

# %%
numeric = ["age", "income", "tenure"]
categorical = ["city", "plan"]

preprocess = ColumnTransformer([
    ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), numeric),
    ("cat", make_pipeline(SimpleImputer(strategy="constant", fill_value="missing"),
                          OneHotEncoder(handle_unknown="ignore")), categorical),
])
model = Pipeline([("preprocess", preprocess), ("clf", LogisticRegression(max_iter=1000))])

cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
auc = cross_val_score(model, df, churned, cv=cv, scoring="roc_auc")
print(f"5-fold ROC AUC: {auc.mean():.3f} ± {auc.std():.3f}")

model.fit(df, churned)
names_out = model.named_steps["preprocess"].get_feature_names_out()
print(f"{len(names_out)} model inputs:", list(names_out))
assert model.named_steps["preprocess"].transform(df).shape == (n, len(names_out))

# %% [markdown]
# Thirteen inputs come out of five columns: three scaled numbers, two missing-value indicators (only `age` and
# `income` had gaps), five city columns including `city_missing`, and three plan columns.
#
# The fitted pipeline takes raw rows, including a city it has never seen and missing values, and applies exactly
# the transformations learned during training:

# %%
new_customers = pd.DataFrame({"age": [np.nan, 29.0], "income": [38.0, np.nan], "tenure": [3, 60],
                              "city": ["Rome", "Paris"], "plan": ["basic", "premium"]})
print(new_customers.to_string())
print("churn probability:", model.predict_proba(new_customers)[:, 1].round(3))

# %% [markdown]
# ## Leak 1: fitting the preprocessing on all the data
#
# The tempting shortcut is to call `preprocess.fit_transform(df)` once and cross-validate only the model. Then
# the medians and scaling statistics of each validation fold have been computed with that fold's own rows. For
# unsupervised steps like these, on 2,000 rows, the effect on the score is tiny:

# %%
X_leaky = preprocess.fit_transform(df)  # medians, categories and scaling learned from all rows
auc_leaky = cross_val_score(LogisticRegression(max_iter=1000), X_leaky, churned, cv=cv, scoring="roc_auc")
print(f"pipeline (honest): {auc.mean():.4f}   preprocessing fitted on all rows: {auc_leaky.mean():.4f}")
assert abs(auc_leaky.mean() - auc.mean()) < 0.01

# %% [markdown]
# It is still the wrong protocol, and it bites harder with small data, with steps that learn more from the data
# (imputation by a model, PCA) and above all with steps that look at the target: feature selection, target
# encoding, oversampling. The next experiment shows the extreme case.
#
# ## Leak 2: selecting features on all the data
#
# Take 100 samples with 2,000 features and labels that are pure coin flips, so no model can beat 50% accuracy
# on new data. Selecting the 20 features most correlated with the label on the full data and *then*
# cross-validating a classifier on those 20 features is a classic mistake: the selection has already looked at
# the validation rows' labels, and with 2,000 candidates some features match the noise in those labels by
# chance. The honest protocol puts `SelectKBest` inside the pipeline, so each fold selects features using its
# training rows only. We repeat both protocols on 20 independent noise datasets.

# %%
n_samples, n_features, k = 100, 2000, 20
clf = LogisticRegression(solver="newton-cholesky")  # same model as the default solver, faster for 20 features
leaky_scores, honest_scores = [], []
for _ in range(20):
    X_noise = rng.normal(size=(n_samples, n_features))
    y_noise = rng.permutation(np.repeat([0, 1], n_samples // 2))  # labels independent of X

    X_selected = SelectKBest(f_classif, k=k).fit_transform(X_noise, y_noise)  # looks at every label
    leaky_scores.append(cross_val_score(clf, X_selected, y_noise, cv=cv).mean())

    honest = make_pipeline(SelectKBest(f_classif, k=k), clf)
    honest_scores.append(cross_val_score(honest, X_noise, y_noise, cv=cv).mean())

leaky_scores, honest_scores = np.array(leaky_scores), np.array(honest_scores)
print(f"select, then cross-validate:   mean accuracy {leaky_scores.mean():.3f} (min {leaky_scores.min():.2f})")
print(f"selection inside the pipeline: mean accuracy {honest_scores.mean():.3f} (max {honest_scores.max():.2f})")

assert leaky_scores.min() > 0.7  # every leaky estimate is far above chance
assert abs(honest_scores.mean() - 0.5) < 0.05  # the honest estimate is at chance level

# %%
bins = np.linspace(0.3, 1.0, 29)
fig, ax = plt.subplots(figsize=(6, 4))
ax.hist(honest_scores, bins=bins, alpha=0.7, label="selection inside the pipeline")
ax.hist(leaky_scores, bins=bins, alpha=0.7, label="selection on all data, then CV")
ax.axvline(0.5, color="black", ls="--", lw=1, label="chance (true accuracy)")
ax.set_xlabel("5-fold cross-validated accuracy")
ax.set_ylabel("number of noise datasets (of 20)")
ax.set_title("Feature selection before CV: optimistic scores on pure noise")
ax.legend(fontsize=8)
plt.show()

# %% [markdown]
# Notice that the two histograms do not even overlap. Every leaky estimate reports a model that looks useful,
# on data with nothing to learn; the pipeline's estimates scatter around 0.5 as they should.
#
# The rule: anything that is *fitted* (imputers, scalers, encoders, feature selectors, resamplers,
# hyperparameter searches) belongs inside the object that cross-validation refits on each training fold. With a
# `Pipeline` that happens automatically, and the same object is what you deploy, so training and serving use
# identical transformations.
