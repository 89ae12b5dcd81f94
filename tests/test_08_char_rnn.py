"The character model of chapter 8: NumPy only where it samples and scores, the shipped weights load, and its training loop still lowers the loss."
import subprocess, sys
import numpy as np, pytest
from rnn_walkthrough.char_rnn import (Vocab, split_corpus, text_corpus, one_hot, perplexity, sample, pretrained_char_rnn,
                                      weights_path, train_char_rnn)

def test_sampling_and_scoring_need_neither_torch_nor_matplotlib():
    code = ("import sys; sys.modules['torch'] = None; sys.modules['matplotlib'] = None\n"
            "from rnn_walkthrough.char_rnn import pretrained_char_rnn, sample, perplexity\n"
            "w, v = pretrained_char_rnn(); print(len(sample(w, v, 'The ', 20, seed=0)), perplexity(w, v, 'The for statement') > 1)")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout.split() == ['24', 'True'], r.stderr[-2000:]

def test_shipped_weights_are_small_and_match_the_corpus():
    assert weights_path().stat().st_size <= 1_000_000
    w, v = pretrained_char_rnn()
    assert w.D == w.K == len(v) and v.chars == Vocab(text_corpus()).chars

CORPUS_SHA256 = '37d06970fc926e60c16dff401e441b84752446a36b6b64516c229fdec77e992c'   # CPython 3.11.7's topics, joined

def test_the_corpus_is_the_frozen_copy_on_every_python():
    "The chapter's text is the shipped copy (checksum), not whatever pydoc_data this interpreter carries."
    import hashlib
    from rnn_walkthrough.char_rnn import corpus_path
    text = text_corpus()
    assert corpus_path().stat().st_size < 200_000 and len(text) == 464_970
    assert hashlib.sha256(text.encode('utf-8')).hexdigest() == CORPUS_SHA256
    if sys.version_info[:3] == (3, 11, 7):       # the interpreter the copy was made from: the copy equals its own topics
        from pydoc_data.topics import topics
        assert text == ''.join(topics[k] for k in sorted(topics))

def test_split_is_fixed():
    tr, va = split_corpus()
    assert tr + va == text_corpus() and len(tr) == int(0.9 * len(text_corpus()))

def test_unknown_characters_are_refused_with_their_position():
    v = Vocab('abc ')
    with pytest.raises(ValueError, match=r"character 'z' \(U\+007A\) at position 4 is not in the vocabulary of K=4"): v.encode('abc z')

def test_same_seed_same_text_and_tiny_temperature_is_argmax():
    w, v = pretrained_char_rnn()
    assert sample(w, v, 'def ', 50, seed=7) == sample(w, v, 'def ', 50, seed=7)
    assert len({sample(w, v, 'def ', 50, temperature=1e-4, seed=s) for s in range(3)}) == 1
    for bad in (0, -0.5, float('nan')):
        with pytest.raises(ValueError, match='temperature to be a finite number > 0'): sample(w, v, 'def ', 5, temperature=bad)

def test_one_hot_is_a_lookup():
    W = np.random.default_rng(0).standard_normal((7, 5))
    ids = np.array([3, 0, 4, 4])
    assert np.array_equal(one_hot(ids, 5) @ W.T, W.T[ids])

def test_training_lowers_the_loss():
    pytest.importorskip('torch').set_num_threads(1)
    text = split_corpus()[0][:20000]
    _, losses, early = train_char_rnn(text, Vocab(text), M=32, N=16, T=50, steps=40, lr=1e-2, snapshot=5)
    assert losses[-5:].mean() < losses[:5].mean() - 0.5 and early.M == 32

from rnn_walkthrough.char_rnn import ngram_keys, ngram_tables, ngram_rows, ngram_probs, ngram_perplexity

def test_ngram_probabilities_sum_to_one_for_both_smoothings():
    "Every p(· | h) of interpolated absolute discounting and of Kneser–Ney sums to 1, at every order, seen context or not."
    v = Vocab('abc ')
    train = v.encode('abcabca bcaab cab')
    tables = {kn: ngram_tables(train, 4, 4, kneser_ney=kn) for kn in (False, True)}
    for prime in ('cab', 'ccc', 'a a'):
        for n in (1, 2, 3, 4):
            for kn in (False, True):
                rows = lambda c, t: ngram_rows(t, v.encode(prime + c), 4)
                total = sum(ngram_probs(rows(c, tables[False]), n, 0.7, 4, rows(c, tables[True]) if kn else None)[-1] for c in v.chars)
                assert abs(total - 1) < 1e-12, (prime, n, kn, total)

def test_kneser_ney_counts_contexts_not_occurrences():
    "'b' follows only 'a' in 'ababab': its unigram count is 3, its Kneser–Ney count N1+(• b) is 1."
    v = Vocab('ab')
    raw, kn = (ngram_tables(v.encode('ababab'), 2, 2, kneser_ney=k)[0] for k in (False, True))
    assert list(raw[1]) == [3, 3] and list(kn[1]) == [1, 1]
    assert list(ngram_keys(np.array([1, 0, 1]), 2, 2)) == [2, 1]

def test_a_longer_context_helps_on_the_corpus_and_bad_input_is_refused():
    tr, va = split_corpus()
    v = Vocab(text_corpus()); K = len(v)
    rows = ngram_rows(ngram_tables(v.encode(tr[:100_000]), 4, K), v.encode(va[:5000]), K)
    p = [ngram_perplexity(rows, n, 0.8, K) for n in (1, 2, 3, 4)]
    assert p[0] > p[1] > p[2] > p[3]
    with pytest.raises(ValueError, match=r'expected n, the order, to be an int in 1..4 \(the rows hold orders up to n_max\), got 5'):
        ngram_probs(rows, 5, 0.5, K)
    with pytest.raises(ValueError, match=r'expected the discount d to be in \(0, 1\), got 0'): ngram_probs(rows, 2, 0, K)
    with pytest.raises(ValueError, match=r'expected lower \(the Kneser–Ney rows\) of shape'): ngram_probs(rows, 2, 0.5, K, rows[:, :2])
    with pytest.raises(ValueError, match=r'expected k, the string length, to be an int in 1..9 \(K\*\*k must fit a 64-bit integer for K=103\)'):
        ngram_keys(v.encode(tr[:50]), 10, K)

from rnn_walkthrough.char_rnn import pretrained_char_model, gated_path, train_char_model, model_scores

def _torch_perplexity(model, v, text):
    import torch
    ids = torch.as_tensor(v.encode(text))
    with torch.no_grad():
        Y = model(torch.eye(len(v), dtype=next(model.parameters()).dtype)[ids[:-1]])
        return float(torch.nn.functional.cross_entropy(Y, ids[1:]).exp())

def test_shipped_gru_is_small_without_pickle_and_keeps_its_history():
    assert gated_path('gru').stat().st_size <= 2_000_000
    with np.load(gated_path('gru'), allow_pickle=False) as f:
        assert str(f['cell']) == 'gru' and f['history'].shape[1] == 3 and float(f['seconds']) > 0
        assert f['rnn.weight_hh_l0'].dtype == np.float16

def test_gated_model_loads_and_numpy_scores_it_like_torch():
    pytest.importorskip('torch')
    gru, v = pretrained_char_model('gru')
    assert (gru.cell, gru.D, gru.K) == ('gru', len(v), len(v)) and v.chars == Vocab(text_corpus()).chars
    text = split_corpus()[1][:3000]
    assert abs(perplexity(gru, v, text) - _torch_perplexity(gru, v, text)) < 1e-4

@pytest.mark.parametrize('cell', ['gru', 'lstm', 'rnn'])
def test_perplexity_of_any_sequence_model_equals_torch_in_float64(cell):
    torch = pytest.importorskip('torch')
    from rnn_walkthrough.model import SequenceModel
    torch.manual_seed(0)
    v = Vocab('abcdefg ')
    m = SequenceModel(cell, len(v), 6, len(v)).double()
    text = 'a bad cafe fed a bag ' * 3
    assert abs(perplexity(m, v, text) - _torch_perplexity(m, v, text)) < 1e-10
    X = one_hot(v.encode(text), len(v))
    with torch.no_grad(): assert np.abs(model_scores(m, X) - m(X).numpy()).max() < 1e-10

def test_bad_models_and_cells_are_refused_by_name():
    torch = pytest.importorskip('torch')
    from rnn_walkthrough.model import SequenceModel
    v = Vocab('abc')
    with pytest.raises(TypeError, match=r"expected model to be RNNWeights or a SequenceModel \(cell 'gru', 'lstm' or 'rnn'\), got object"):
        perplexity(object(), v, 'abc')
    with pytest.raises(TypeError, match=r"expected model to be RNNWeights or a SequenceModel .* got Linear"):
        perplexity(torch.nn.Linear(3, 3), v, 'abc')
    with pytest.raises(ValueError, match=r'expected a model with D = K = 3 .* got D=4, K=4'):
        perplexity(SequenceModel('gru', 4, 5, 4), v, 'abc')
    with pytest.raises(ValueError, match=r"expected cell to be one of \['gru'\] .* got 'lstm'; the SimpleRNN loads with pretrained_char_rnn"):
        pretrained_char_model('lstm')
    with pytest.raises(ValueError, match=r"expected a file holding a 'gru' model, got one holding the SimpleRNN"):
        pretrained_char_model('gru', path=weights_path())
    w, _ = pretrained_char_rnn()                     # the SimpleRNN's functions still take only its weights
    with pytest.raises(TypeError, match='expected w to be RNNWeights, got SequenceModel'):
        sample(SequenceModel('gru', len(_), 4, len(_)), _, 'ab', 3)

@pytest.mark.parametrize('cell', ['gru', 'lstm'])
def test_gated_training_lowers_the_loss_and_keeps_the_best_state(cell):
    pytest.importorskip('torch').set_num_threads(1)
    tr = split_corpus()[0]
    v = Vocab(text_corpus())
    m, losses, history = train_char_model(tr[:20000], v, cell, M=32, N=16, T=50, steps=40, lr=1e-2, dropout=0.1,
                                          holdout=tr[20000:21000], every=20)
    assert losses[-5:].mean() < losses[:5].mean() - 0.5 and m.cell == cell
    assert list(history[:, 0]) == [20, 40] and np.isnan(history[:, 2]).all()
    assert abs(perplexity(m, v, tr[20000:21000]) - history[:, 1].min()) < 1e-3
