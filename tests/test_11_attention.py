"""Chapter 11's NumPy encoder-decoder against PyTorch's, and its decoders against brute force, on many random models and inputs.

- Teacher-forced scores and greedy outputs of random float64 Seq2Seq modules (with and without attention, several sizes)
  equal the NumPy route to 1e-10, on random date strings of different lengths.
- beam_step keeps exactly the k best of all k_old * V extensions, found here by sorting every candidate in Python.
- beam_decode with the beam as wide as the vocabulary, on outputs cut at 2 tokens, is an exhaustive search: its best
  output is the most likely of all 13 x 13 (found here by scoring every one), and its score is that output's log-probability.
"""
import itertools
import numpy as np, pytest, torch
from hypothesis import given, settings, strategies as st, HealthCheck
from rnn_walkthrough.attention import (Seq2SeqWeights, date_pairs, teacher_forced, greedy_decode, beam_decode, beam_step,
                                       decode_targets, log_softmax, EOS)
from rnn_walkthrough.seq2seq import Seq2Seq, batch_tensors

def _model(attention, E, M, seed):
    torch.manual_seed(seed)
    m = Seq2Seq(E=E, M=M, attention=attention).double().eval()
    with torch.no_grad():
        for p in m.parameters(): p.mul_(3.0)                  # larger weights than at initialisation: outputs that differ
    return m

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(attention=st.booleans(), E=st.integers(1, 6), M=st.integers(1, 7), N=st.integers(1, 6), seed=st.integers(0, 10**6))
def test_numpy_equals_pytorch_teacher_forced_and_greedy(attention, E, M, N, seed):
    m = _model(attention, E, M, seed)
    pairs = date_pairs(N, seed=seed)
    X, L, Y_in, Y = batch_tensors(pairs)
    with torch.no_grad(): ref = m(X, L, Y_in).numpy()
    w = Seq2SeqWeights.from_module(m)
    got, Yn = teacher_forced(w, [a for a, _ in pairs], [b for _, b in pairs])
    assert np.abs(got - ref).max() < 1e-10
    assert (Yn == Y.numpy()).all()
    # greedy in PyTorch, by the module's own step
    with torch.no_grad():
        H, s = m.encode(X, L); real = torch.arange(X.shape[1])[None] < torch.as_tensor(L)[:, None]
        K, y, toks = (m.W_k(H) if attention else None), torch.zeros(N, dtype=torch.long), []
        h_last = H[torch.arange(N), torch.as_tensor(L) - 1]
        for _ in range(12):
            logits, s, _ = m.step(y, s, H, K, real, h_last); y = logits.argmax(1); toks.append(y)
    assert decode_targets(torch.stack(toks, 1).numpy()) == decode_targets(greedy_decode(w, [a for a, _ in pairs])[0])

@settings(max_examples=200, deadline=None)
@given(N=st.integers(1, 3), k_old=st.integers(1, 4), V=st.integers(1, 6), data=st.data())
def test_beam_step_keeps_the_k_best_of_all_extensions(N, k_old, V, data):
    k = data.draw(st.integers(1, k_old * V))
    rng = np.random.default_rng(data.draw(st.integers(0, 10**6)))
    scores, lp = rng.normal(size=(N, k_old)), log_softmax(rng.normal(size=(N, k_old, V)))
    parents, tokens, new = beam_step(scores, lp, k)
    for n in range(N):
        everything = sorted(((scores[n, i] + lp[n, i, v], i, v) for i in range(k_old) for v in range(V)), key=lambda c: -c[0])
        assert np.allclose(new[n], [c[0] for c in everything[:k]])
        for j in range(k): assert np.isclose(scores[n, parents[n, j]] + lp[n, parents[n, j], tokens[n, j]], new[n, j])
        assert len({(int(p), int(t)) for p, t in zip(parents[n], tokens[n])}) == k     # no extension kept twice

@pytest.mark.parametrize('attention', [True, False])
@pytest.mark.parametrize('seed', range(6))
def test_a_wide_beam_finds_the_most_likely_short_output(attention, seed):
    "With the beam as wide as the vocabulary and outputs cut at 2 tokens, beam search is exhaustive: compare with brute force."
    w = Seq2SeqWeights.from_module(_model(attention, 4, 5, seed))
    src = [date_pairs(1, seed=seed)[0][0]]
    V = 13
    best, best_lp = None, -np.inf
    for seq in itertools.product(range(V), repeat=2):          # every output of 2 tokens (one that ends at </s> is shorter)
        out = list(seq)
        if EOS in out: out = out[:out.index(EOS) + 1]
        lp = _log_prob(w, src, out)
        if lp > best_lp: best, best_lp = out, lp
    toks, score = beam_decode(w, src, beam=V, max_steps=2)
    got = list(toks[0][:list(toks[0]).index(EOS) + 1]) if EOS in toks[0] else list(toks[0])
    assert np.isclose(score[0], _log_prob(w, src, got))
    assert np.isclose(score[0], best_lp) and got == best, (got, score[0], best, best_lp)

def _log_prob(w, src, toks):
    "log p(toks | src), the tokens fed back one by one (a partial output with no </s> is scored as far as it goes)."
    from rnn_walkthrough.attention import start, decoder_step, BOS
    L, H, K, h = start(w, src)
    s, y, total = h, np.array([BOS]), 0.0
    for t in toks:
        logits, s, _ = decoder_step(w, y, s, H, K, L, h)
        total += log_softmax(logits)[0, t]
        y = np.array([t])
    return total
