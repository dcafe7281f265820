# %% [markdown]
# # Choosing k for k-means: the elbow, the silhouette, and where k-means fails
#
# k-means from scikit-learn on five generated blobs, run for k = 2 to 10: inertia always falls as k grows, its
# elbow and the peak of the silhouette score both point to k = 5. Then two data sets where k-means splits
# the data wrongly for any choice of k, two moons and stretched (anisotropic) blobs, and why its objective
# produces that result.

# %%
import os

os.environ["OMP_NUM_THREADS"] = "1"  # one thread is faster for data this small on a busy 2-core machine

import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.datasets import make_blobs, make_moons
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.mixture import GaussianMixture

rng = np.random.default_rng(0)

# %% [markdown]
# ## Five blobs
#
# 1,000 points from five round Gaussian clusters with standard deviation 1.3. We know the true $k$ here,
# which lets us check whether the selection methods find it.

# %%
centers = np.array([(-6, -3), (0, -7), (6, -2), (-2, 4), (5, 6)])
X, y_true = make_blobs(n_samples=1_000, centers=centers, cluster_std=1.3, random_state=0)
print(X.shape, "points; cluster sizes", np.bincount(y_true))

# %% [markdown]
# ## Inertia and silhouette for k = 2..10
#
# k-means minimises the **inertia**, the within-cluster sum of squared distances to the assigned centroid
# $\mu_{c(i)}$:
#
# $$
# W(k) = \sum_{i=1}^{n} \lVert x_i - \mu_{c(i)} \rVert^2 .
# $$
#
# The **silhouette** of point $i$ compares $a_i$, its mean distance to the other points of its own cluster,
# with $b_i$, its mean distance to the points of the nearest other cluster: $s_i = (b_i - a_i)/\max(a_i, b_i)$,
# between $-1$ and $1$. `silhouette_score` averages $s_i$ over all points. Lloyd's algorithm only finds a
# local minimum, so each fit keeps the best of 10 k-means++ initialisations (`n_init=10`).

# %%
ks = np.arange(2, 11)
inertia, silhouette, ari = [], [], []
for k in ks:
    km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
    inertia.append(km.inertia_)
    silhouette.append(silhouette_score(X, km.labels_))
    ari.append(adjusted_rand_score(y_true, km.labels_))
inertia, silhouette, ari = map(np.array, (inertia, silhouette, ari))

print(" k   inertia   ratio W(k-1)/W(k)   silhouette   ARI vs truth")
for i, k in enumerate(ks):
    ratio = f"{inertia[i - 1] / inertia[i]:.2f}" if i else "    "
    print(f"{k:2d} {inertia[i]:9.1f}   {ratio:>17s}   {silhouette[i]:10.3f}   {ari[i]:12.3f}")

assert np.all(np.diff(inertia) < 0)  # inertia keeps falling as k grows
assert ks[np.argmax(silhouette)] == 5
drops = inertia[:-1] / inertia[1:]  # drops[i] = W(k_i) / W(k_i + 1)
assert ks[1:][np.argmax(drops)] == 5  # the largest relative drop is from 4 to 5 clusters
assert ari[ks == 5][0] > 0.99

# %% [markdown]
# The adjusted Rand index (ARI) compares a clustering with the true labels: 1 for identical partitions, about
# 0 for a random one. At $k = 5$ the clustering is essentially perfect.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(ks, inertia, "o-")
ax.axvline(5, color="grey", ls=":", label="true k = 5")
ax.set_xlabel("number of clusters k")
ax.set_ylabel("inertia (within-cluster sum of squares)")
ax.set_title("Elbow plot: inertia falls with every extra cluster")
ax.legend()
plt.show()

# %% [markdown]
# Inertia can only go down as $k$ grows (with $k = n$ it is zero), so its minimum is useless for choosing $k$.
# What we look for is the **elbow**, where extra clusters stop paying off: from 4 to 5 clusters inertia falls
# by a factor of 2.6, and after 5 each extra cluster buys less than 10%. On real data the bend is often much
# less clear than this.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(ks, silhouette, "o-", color="tab:green")
ax.axvline(5, color="grey", ls=":", label="true k = 5")
ax.set_xlabel("number of clusters k")
ax.set_ylabel("mean silhouette score")
ax.set_title("Silhouette score peaks at the true number of clusters")
ax.legend()
plt.show()

# %% [markdown]
# Unlike inertia, the silhouette has a maximum, here at $k = 5$. Splitting a real cluster in two puts points
# close to the new neighbouring cluster (small $b_i$), and merging two clusters makes $a_i$ large; both lower
# the score. Computing it exactly needs all pairwise distances, $O(n^2)$, so on large data it is computed on
# a sample (`silhouette_score(..., sample_size=...)`).
#
# ## Where k-means fails: two moons
#
# Each point goes to its nearest centroid, so the boundary between two clusters is the perpendicular bisector
# of the segment joining their centroids: k-means can only produce convex cells (a Voronoi partition of the
# plane). Two interleaved half-circles cannot be separated by a straight line.

# %%
X_moons, y_moons = make_moons(n_samples=500, noise=0.05, random_state=0)
km_moons = KMeans(n_clusters=2, n_init=10, random_state=0).fit(X_moons)
single = AgglomerativeClustering(n_clusters=2, linkage="single").fit(X_moons)

ari_km_moons = adjusted_rand_score(y_moons, km_moons.labels_)
ari_single = adjusted_rand_score(y_moons, single.labels_)
sil_km_moons = silhouette_score(X_moons, km_moons.labels_)
sil_true_moons = silhouette_score(X_moons, y_moons)
print(f"k-means ARI {ari_km_moons:.3f}; single-linkage agglomerative ARI {ari_single:.3f}")
print(f"silhouette of the k-means split {sil_km_moons:.3f}, "
      f"silhouette of the true moons {sil_true_moons:.3f}")

assert ari_km_moons < 0.4 and ari_single > 0.99
assert sil_km_moons > sil_true_moons

# %%
xx, yy = np.meshgrid(np.linspace(-1.5, 2.5, 300), np.linspace(-1.0, 1.5, 300))
regions = km_moons.predict(np.c_[xx.ravel(), yy.ravel()]).reshape(xx.shape)

fig, ax = plt.subplots(figsize=(6, 4))
ax.contourf(xx, yy, regions, alpha=0.15, cmap="coolwarm")
ax.scatter(X_moons[:, 0], X_moons[:, 1], c=km_moons.labels_, s=10, cmap="coolwarm")
ax.scatter(*km_moons.cluster_centers_.T, marker="x", s=120, c="k", label="centroids")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title(f"k-means on two moons (ARI {ari_km_moons:.2f}): a straight cut")
ax.legend(loc="lower left")
plt.show()

# %% [markdown]
# The shaded regions show the straight boundary: the right end of the upper moon and the left
# end of the lower moon land in the wrong cluster. Two lessons. First, no choice of $k$ fixes this; the
# objective itself favours compact round groups. Second, the silhouette score shares that bias: it rates the
# wrong k-means split higher than the true moons, so it cannot warn you. Methods that follow connectivity or
# density, such as single-linkage agglomerative clustering (which recovers the moons exactly here) or DBSCAN,
# suit this shape.
#
# ## Where k-means fails: stretched clusters
#
# Squared Euclidean distance treats every direction alike, so k-means implicitly assumes clusters that are
# round and of similar spread. We stretch three blobs with a linear map, which makes each cluster an
# elongated ellipse, and compare k-means with a Gaussian mixture model with full covariance matrices, which
# can fit ellipses.

# %%
X_blobs, y_aniso = make_blobs(n_samples=600, centers=3, random_state=170)
X_aniso = X_blobs @ np.array([[0.6, -0.6], [-0.4, 0.8]])

km_aniso = KMeans(n_clusters=3, n_init=10, random_state=0).fit(X_aniso)
gmm = GaussianMixture(n_components=3, covariance_type="full", n_init=3, random_state=0).fit(X_aniso)
ari_km_aniso = adjusted_rand_score(y_aniso, km_aniso.labels_)
ari_gmm = adjusted_rand_score(y_aniso, gmm.predict(X_aniso))
inertia_true = sum(np.sum((X_aniso[y_aniso == c] - X_aniso[y_aniso == c].mean(axis=0)) ** 2) for c in range(3))
print(f"k-means ARI {ari_km_aniso:.3f}; full-covariance Gaussian mixture ARI {ari_gmm:.3f}")
print(f"inertia of the k-means clustering {km_aniso.inertia_:.1f}, "
      f"inertia of the true clustering {inertia_true:.1f}")

assert ari_km_aniso < 0.7 and ari_gmm > 0.95
assert km_aniso.inertia_ < inertia_true

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(X_aniso[:, 0], X_aniso[:, 1], c=km_aniso.labels_, s=10, cmap="viridis")
ax.scatter(*km_aniso.cluster_centers_.T, marker="x", s=120, c="r", label="k-means centroids")
ax.set_xlabel("$x_1$")
ax.set_ylabel("$x_2$")
ax.set_title(f"k-means on stretched blobs (ARI {ari_km_aniso:.2f})")
ax.legend()
plt.show()

# %% [markdown]
# The two long parallel clusters on the left are cut across their length: the upper ends of both
# go to one cluster and the lower ends of both to another, because the far end of a long cluster is closer to
# a centroid placed between the stripes than to the centre of its own stripe. The printout shows that this is
# not a failure of the optimiser: the wrong clustering has *lower* inertia than the true one, so k-means is
# minimising its objective correctly, and the objective is the wrong one for this data. A Gaussian mixture
# with a full covariance per component models the shape and recovers the clusters.
#
# ## Summary
#
# - Choose $k$ with several signals: the elbow of inertia, the silhouette peak, and above all whether the
#   clusters are useful for the task. Do not pick the $k$ with the lowest inertia.
# - k-means assumes convex, roughly round clusters of similar spread, in a space where Euclidean distance is
#   meaningful (scale the features first). When the clusters are curved or elongated, no $k$ helps; change
#   the method (Gaussian mixtures, DBSCAN, agglomerative or spectral clustering) or the representation.
