"Chapter 10's packed route against PyTorch, thoroughly: every kind, 1-2 layers, both directions, sorted and unsorted, lengths from 1 with ties."
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from rnn_walkthrough.lengths import check_packed_parity, packed_configs, pack_padded, unpack_packed, check_lengths

@pytest.mark.parametrize('kind', ['RNN', 'GRU', 'LSTM'])
def test_packed_equals_torch(kind):
    @settings(max_examples=max(settings().max_examples, 400), deadline=None)
    @given(cfg=packed_configs().map(lambda c: {**c, 'kind': kind}))
    def prop(cfg):
        err = check_packed_parity(**cfg)
        assert err < 1e-10, (cfg, err)
    prop()

@settings(max_examples=300, deadline=None)
@given(lengths=st.lists(st.integers(1, 9), min_size=1, max_size=8), D=st.integers(1, 3), batch_first=st.booleans(),
       seed=st.integers(0, 2**31 - 1))
def test_pack_then_unpack_gives_the_batch_back(lengths, D, batch_first, seed):
    "Any order of lengths: unpacking the packed batch returns the zero-padded batch and the lengths, in the batch's order."
    L = np.array(lengths); T = int(L.max())
    X = np.random.default_rng(seed).standard_normal((len(L), T, D)) * (np.arange(T) < L[:, None])[..., None]
    Xl = X if batch_first else X.transpose(1, 0, 2)
    back, L_back = unpack_packed(pack_padded(Xl, L, batch_first=batch_first, enforce_sorted=False), batch_first=batch_first)
    assert np.array_equal(back, Xl) and np.array_equal(L_back, L)

def test_a_wrong_route_is_caught():
    "The parity check can fail: a packed loop whose reverse direction runs forwards is far from torch."
    import rnn_walkthrough.lengths as lengths_mod
    real = lengths_mod.packed_layer
    def reversed_wrong(kind, XW, batch_sizes, h, c, W_hh, b_hn=None, W_hr=None, nonlinearity='tanh', reverse=False):
        return real(kind, XW, batch_sizes, h, c, W_hh, b_hn, W_hr, nonlinearity, reverse=False)   # forgets the direction
    try:
        lengths_mod.packed_layer = reversed_wrong
        assert check_packed_parity('GRU', [4, 2, 1], bidirectional=True) > 1e-3
    finally: lengths_mod.packed_layer = real
    assert check_packed_parity('GRU', [4, 2, 1], bidirectional=True) < 1e-10

@pytest.mark.parametrize('bad, err, match', [([5, 3], ValueError, r'\(N,\) = \(3,\)'), ([6, 3, 2], ValueError, 'at most T = 5'),
                                             ([5, 0, 2], ValueError, 'at least 1 step'), ([5, 2.5, 2], TypeError, 'whole numbers'),
                                             ([[5, 3, 2]], ValueError, r'shape \(N,\)')])
def test_bad_lengths_are_named(bad, err, match):
    with pytest.raises(err, match=match): pack_padded(np.zeros((3, 5, 2)), bad)

def test_enforce_sorted_refuses_unsorted_lengths_as_torch_does():
    with pytest.raises(ValueError, match='enforce_sorted=False'): pack_padded(np.zeros((3, 5, 2)), [2, 5, 3])


# --- the speaker classifier -------------------------------------------------------------------------
import json
from pathlib import Path
import torch
from rnn_walkthrough.lengths import load_japanese_vowels
from rnn_walkthrough import vowels
from rnn_walkthrough.vowels import train_speaker_gru, classify, pretrained_vowels_classifier, vowels_path

def _cell(cell_id):
    nb = json.loads((Path(__file__).parents[1] / 'nbs' / '10_lengths.ipynb').read_text())
    return next(''.join(c['source']) for c in nb['cells'] if c.get('id') == cell_id)

def test_the_retrain_cell_still_runs(tmp_path, monkeypatch, capsys):
    "The chapter's training cell as written: off, one line and no file; on (2 seeds, 3 epochs), a file beside the notebook that loads."
    X_tr, L_tr, y_tr, X_te, L_te, y_te = load_japanese_vowels()
    monkeypatch.chdir(tmp_path)
    src = _cell('l079')
    assert src.splitlines()[1].startswith('retrain = False') and 'range(10)' in src
    exec(src, {})
    assert 'rnn_walkthrough/weights/vowels_gru.npz' in capsys.readouterr().out and not list(tmp_path.iterdir())
    shipped = vowels_path().read_bytes()
    src = src.replace('retrain = False', 'retrain = True').replace('range(10)', 'range(2)')
    short = lambda *a, **k: train_speaker_gru(*a, **k, epochs=3)
    exec(src, dict(np=np, torch=torch, X_tr=X_tr, L_tr=L_tr, y_tr=y_tr, X_te=X_te, L_te=L_te, y_te=y_te, classify=classify,
                   train_speaker_gru=short, save_vowels_classifiers=vowels.save_vowels_classifiers))
    assert vowels_path().read_bytes() == shipped and [p.name for p in tmp_path.iterdir()] == ['vowels_gru_retrained.npz']
    with np.load(tmp_path / 'vowels_gru_retrained.npz') as f: correct = f['correct']
    assert correct.shape == (2, 10, 2) and (correct[:, :2] > 370 / 9).all()          # 3 epochs already beat chance
    for i, route in enumerate(('packed', 'padded')):
        m = pretrained_vowels_classifier(route, path=tmp_path / 'vowels_gru_retrained.npz')
        assert abs((classify(m, X_te, L_te, packed=route == 'packed') == y_te).sum() - correct[i, 0, i]) <= 1

def test_the_shipped_model_is_what_the_recipe_makes():
    "Seed 0 of the chapter's recipe, trained again here, scores what the shipped counts say, to within a few recordings."
    torch.set_num_threads(1)
    X_tr, L_tr, y_tr, X_te, L_te, y_te = load_japanese_vowels()
    with np.load(vowels_path()) as f: shipped = int(f['correct'][0, 0, 0])
    m = train_speaker_gru(X_tr.astype(np.float32), L_tr, y_tr, seed=0)
    assert abs((classify(m, X_te, L_te) == y_te).sum() - shipped) <= 4
