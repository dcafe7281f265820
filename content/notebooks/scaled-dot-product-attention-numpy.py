# %% [markdown]
# # Scaled dot-product attention in NumPy: masks, heads and the square root of d_k
#
# Attention written from scratch: scores, a stable softmax, a causal mask (checked by editing future tokens),
# and multi-head split and merge (checked against a per-head loop). Then the reason for dividing by
# $\sqrt{d_k}$: without it the score variance grows like $d_k$, the entropy of the attention weights
# collapses towards zero and the softmax gradient vanishes. A heatmap shows a causal head that matches
# repeated words.

# %%
import matplotlib.pyplot as plt
import numpy as np
from scipy.special import softmax as scipy_softmax

rng = np.random.default_rng(0)

# %% [markdown]
# ## The formula
#
# For $T_q$ queries $Q \in \mathbb R^{T_q\times d_k}$, $T_k$ keys $K \in \mathbb R^{T_k\times d_k}$ and values
# $V \in \mathbb R^{T_k\times d_v}$,
#
# $$
# \operatorname{Attention}(Q, K, V) = \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{d_k}} + M\right) V ,
# $$
#
# where the softmax is taken over each row (over the keys) and $M$ is a mask with entries $0$ (allowed) or
# $-\infty$ (blocked). Row $i$ of the result is a weighted average of the value vectors, with weights that
# say how well query $i$ matches each key. The softmax subtracts each row's maximum before exponentiating,
# which changes nothing mathematically and prevents overflow. All functions below accept any number of
# leading batch dimensions.


# %%
def softmax(scores, axis=-1):
    shifted = scores - scores.max(axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=axis, keepdims=True)


def attention(Q, K, V, mask=None, scale=True):
    """Q: (..., T_q, d_k), K: (..., T_k, d_k), V: (..., T_k, d_v); mask: True where attention is allowed."""
    d_k = Q.shape[-1]
    scores = Q @ np.swapaxes(K, -1, -2)
    if scale:
        scores = scores / np.sqrt(d_k)
    if mask is not None:
        scores = np.where(mask, scores, -np.inf)
    weights = softmax(scores)
    return weights @ V, weights


T, d_k, d_v = 5, 8, 3
Q, K, V = rng.normal(size=(T, d_k)), rng.normal(size=(T, d_k)), rng.normal(size=(T, d_v))
out, w = attention(Q, K, V)
print("output shape", out.shape, "| weight row sums", np.round(w.sum(axis=1), 12))

assert np.allclose(w, scipy_softmax(Q @ K.T / np.sqrt(d_k), axis=1))
assert np.allclose(w.sum(axis=1), 1.0) and np.allclose(out, w @ V)
big = np.array([[1000.0, 999.0, -1000.0]])
assert np.all(np.isfinite(softmax(big)))  # the naive exp(1000) would overflow

# %% [markdown]
# ## The causal mask
#
# In a decoder, position $i$ may only attend to positions $j \le i$; otherwise training would let each token
# see the one it is supposed to predict. The mask is the lower triangle including the diagonal. The
# diagonal guarantees every row has at least one allowed entry, so no row is all $-\infty$ (that would give
# $0/0$).
#
# The real test of a causal mask is behavioural: changing the keys and values at positions after $i$ must not
# change output $i$.

# %%
causal = np.tril(np.ones((T, T), dtype=bool))
out_c, w_c = attention(Q, K, V, mask=causal)
print(np.round(w_c, 3))

K2, V2 = K.copy(), V.copy()
K2[3:], V2[3:] = rng.normal(size=(T - 3, d_k)), rng.normal(size=(T - 3, d_v))  # edit positions 3 and 4
out_edit, _ = attention(Q, K2, V2, mask=causal)
print("max change in outputs 0-2:", np.abs(out_edit[:3] - out_c[:3]).max())
print("max change in outputs 3-4:", np.abs(out_edit[3:] - out_c[3:]).max())

assert np.all(w_c[~causal] == 0.0)
assert np.array_equal(out_edit[:3], out_c[:3]) and np.abs(out_edit[3:] - out_c[3:]).max() > 1e-3

# %% [markdown]
# The weights above the diagonal are exactly zero, and editing positions 3 and 4 leaves outputs 0 to 2
# bit-for-bit unchanged.
#
# ## Multi-head attention: split, attend, merge
#
# With model width $d_{\text{model}}$ and $h$ heads, each head works in $d_k = d_{\text{model}}/h$
# dimensions. Project once with $W_Q, W_K, W_V \in \mathbb R^{d_{\text{model}}\times d_{\text{model}}}$,
# then **split** the last axis into $h$ chunks: reshape $(B, T, d_{\text{model}})$ to $(B, T, h, d_k)$ and
# move the head axis forward to get $(B, h, T, d_k)$. Attention then runs on all heads at once through the
# batch dimensions. **Merge** reverses the transpose and reshape, and a final projection $W_O$ mixes the
# heads. Each head has its own attention pattern, which is what lets different heads track different
# relations.


# %%
def split_heads(x, n_heads):
    B, T_, d_model = x.shape
    return x.reshape(B, T_, n_heads, d_model // n_heads).transpose(0, 2, 1, 3)  # (B, h, T, d_k)


def merge_heads(x):
    B, h, T_, d_head = x.shape
    return x.transpose(0, 2, 1, 3).reshape(B, T_, h * d_head)  # (B, T, d_model)


def multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=None):
    Qh, Kh, Vh = (split_heads(X @ W, n_heads) for W in (W_q, W_k, W_v))
    heads, weights = attention(Qh, Kh, Vh, mask=mask)  # the mask broadcasts over batch and heads
    return merge_heads(heads) @ W_o, weights


B, T, d_model, n_heads = 2, 6, 16, 4
d_head = d_model // n_heads
X = rng.normal(size=(B, T, d_model))
W_q, W_k, W_v, W_o = (rng.normal(size=(d_model, d_model)) / np.sqrt(d_model) for _ in range(4))
mask = np.tril(np.ones((T, T), dtype=bool))
out_mh, w_mh = multi_head_attention(X, W_q, W_k, W_v, W_o, n_heads, mask=mask)
print("output", out_mh.shape, "| attention weights", w_mh.shape)

# Reference: loop over heads, each using its own column slice of the projection matrices.
ref_heads = []
for i in range(n_heads):
    cols = slice(i * d_head, (i + 1) * d_head)
    head_out, _ = attention(X @ W_q[:, cols], X @ W_k[:, cols], X @ W_v[:, cols], mask=mask)
    ref_heads.append(head_out)
ref = np.concatenate(ref_heads, axis=-1) @ W_o
print("max |vectorised - loop| =", np.abs(out_mh - ref).max())

assert np.allclose(out_mh, ref, atol=1e-12)
assert np.array_equal(merge_heads(split_heads(X, n_heads)), X)

# %% [markdown]
# The vectorised split and merge reproduce the loop exactly, and merging undoes splitting. A common bug is
# reshaping $(B, T, d_{\text{model}})$ straight to $(B, h, T, d_k)$ without the transpose: the shapes work,
# but each "head" then mixes features from different time steps.

# %%
wrong = X.reshape(B, n_heads, T, d_head)
print("reshape without transpose equals the correct split:", np.array_equal(wrong, split_heads(X, n_heads)))
assert not np.array_equal(wrong, split_heads(X, n_heads))

# %% [markdown]
# ## Why divide by $\sqrt{d_k}$
#
# If the components of $q$ and $k$ are independent with mean 0 and variance 1, each product $q_m k_m$ has
# variance 1, and the dot product $q^\top k = \sum_{m=1}^{d_k} q_m k_m$ has variance $d_k$. Dividing by
# $\sqrt{d_k}$ brings the scores back to variance 1 whatever the head size.

# %%
for d in [16, 64, 256]:
    q, k = rng.normal(size=(20_000, d)), rng.normal(size=(20_000, d))
    dots = np.sum(q * k, axis=1)
    print(f"d_k = {d:3d}: var(q.k) = {dots.var():7.1f}, var(q.k / sqrt(d_k)) = {(dots / np.sqrt(d)).var():.3f}")
    assert abs(dots.var() / d - 1) < 0.05

# %% [markdown]
# Scores with standard deviation $\sqrt{d_k}$ push the softmax towards a one-hot vector: the largest score
# beats the runner-up by a margin that grows like $\sqrt{d_k}$. We measure this with the **entropy** of each
# row of weights, $H(p) = -\sum_j p_j \log p_j$ (in nats), which is $\log T_k$ for uniform attention and 0
# for one-hot attention. We also track how often a row puts more than 99% of its weight on one key, and the
# size of the softmax Jacobian $\partial p / \partial s = \operatorname{diag}(p) - pp^\top$, which is what the
# gradient flowing back into the scores $s$ gets multiplied by.

# %%
T_k, n_queries = 64, 500
dims = 2 ** np.arange(1, 11)


def jacobian_norm(p):
    # Frobenius norm of diag(p) - p p^T, per row
    s2 = np.sum(p**2, axis=-1)
    return np.sqrt(np.clip(s2 - 2 * np.sum(p**3, axis=-1) + s2**2, 0.0, None))


def entropy(p):
    return -np.sum(np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0), axis=-1)


stats = {True: [], False: []}
for d in dims:
    q, k = rng.normal(size=(n_queries, d)), rng.normal(size=(T_k, d))
    for scale in (True, False):
        _, p = attention(q, k, np.zeros((T_k, 1)), scale=scale)
        stats[scale].append((entropy(p).mean(), np.mean(p.max(axis=1) > 0.99), np.median(jacobian_norm(p))))
scaled, unscaled = np.array(stats[True]), np.array(stats[False])

print(f"uniform attention over {T_k} keys has entropy log({T_k}) = {np.log(T_k):.3f}")
print("  d_k | entropy scaled / unscaled | share of rows >99% on one key | median |Jacobian|_F scaled / unscaled")
for i, d in enumerate(dims):
    print(f"{d:5d} | {scaled[i, 0]:7.3f} / {unscaled[i, 0]:7.3f}       | {scaled[i, 1]:6.3f} / {unscaled[i, 1]:6.3f}"
          f"             | {scaled[i, 2]:.4f} / {unscaled[i, 2]:.2e}")

assert np.ptp(scaled[:, 0]) < 0.2  # scaled: entropy about the same for every d_k
assert np.all(np.diff(unscaled[:, 0]) < 0) and unscaled[-1, 0] < 0.2  # unscaled: entropy keeps falling
assert unscaled[-1, 1] > 0.5 and scaled[-1, 1] == 0.0
assert unscaled[-1, 2] < 0.01 * scaled[-1, 2]
assert unscaled[dims == 16, 2][0] > scaled[dims == 16, 2][0]  # at moderate d_k the Jacobian is not smaller yet
print(f"median Jacobian norm at d_k = {dims[-1]}: scaled / unscaled = {scaled[-1, 2] / unscaled[-1, 2]:.0f}")

# %%
fig, ax = plt.subplots(figsize=(6, 4))
ax.plot(dims, scaled[:, 0], "o-", label=r"scaled: $QK^\top/\sqrt{d_k}$")
ax.plot(dims, unscaled[:, 0], "s-", label=r"unscaled: $QK^\top$")
ax.axhline(np.log(T_k), color="grey", ls=":", label=f"uniform over {T_k} keys")
ax.set_xscale("log", base=2)
ax.set_xlabel("key dimension $d_k$")
ax.set_ylabel("mean entropy of attention weights (nats)")
ax.set_title("Attention entropy vs $d_k$ for random queries and keys")
ax.legend()
plt.show()

# %% [markdown]
# With scaling, the entropy stays between about 3.7 and 3.8 nats for every $d_k$. Without it, the entropy
# falls steadily as $d_k$ grows and approaches 0: attention degenerates into picking one key. For moderate
# $d_k$ the unscaled softmax is merely sharper and its Jacobian is, if anything, larger; but once rows become
# nearly one-hot the Jacobian collapses (at $d_k = 1024$ its median is several hundred times smaller than
# with scaling, as printed above), so very little gradient reaches the projections that produce $Q$ and $K$,
# and learning the attention pattern slows to a crawl. Dividing by $\sqrt{d_k}$ makes the starting point
# independent of the head size; the model can still learn sharp attention by growing the norms of $Q$ and
# $K$.
#
# ## A heatmap: a causal head that matches repeated words
#
# A hand-built example makes the weights readable. Each distinct word gets a random direction in
# $\mathbb R^{64}$, scaled to length $\sqrt{64} = 8$, and queries and keys are both the word's vector. A
# word's scaled score with itself is then $\lVert e\rVert^2/\sqrt{d_k} = 8$, while with a different word it
# is roughly standard normal, so each token attends to the earlier occurrences of the same word, and to
# itself, under the causal mask.

# %%
tokens = "the cat sat on the mat and the dog sat on the cat".split()
vocab = sorted(set(tokens))
d_word = 64
embedding = {}
for word in vocab:
    v = rng.normal(size=d_word)
    embedding[word] = v / np.linalg.norm(v) * np.sqrt(d_word)
E = np.array([embedding[t] for t in tokens])
T_s = len(tokens)
_, w_words = attention(E, E, E, mask=np.tril(np.ones((T_s, T_s), dtype=bool)))

same_word = np.array([[a == b for b in tokens] for a in tokens]) & np.tril(np.ones((T_s, T_s), dtype=bool))
weight_on_same = (w_words * same_word).sum(axis=1)
print("weight each query puts on occurrences of its own word:", np.round(weight_on_same, 2))
assert weight_on_same.min() > 0.8
assert np.all(np.triu(w_words, k=1) == 0.0)

# %%
fig, ax = plt.subplots(figsize=(6, 5))
im = ax.imshow(w_words, cmap="viridis", vmin=0, vmax=1)
ax.set_xticks(range(T_s), tokens, rotation=90)
ax.set_yticks(range(T_s), tokens)
ax.set_xlabel("key position (attended to)")
ax.set_ylabel("query position")
ax.set_title("Causal attention, queries = keys = word vectors")
fig.colorbar(im, ax=ax, label="attention weight")
plt.show()

# %% [markdown]
# Everything above the diagonal is zero (the causal mask). The first occurrence of a word puts almost all its
# weight on itself; the fourth "the" splits its weight roughly equally over the four occurrences of "the"
# so far. A trained head learns its projections $W_Q$ and $W_K$ instead of having them built in, but the
# mechanism is the same: a query's weights go to keys whose vectors point in a similar direction.
