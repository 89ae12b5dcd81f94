"""The chapters' retrain cells, run as written (nbdev_test skips them; Jupyter's Run All runs them).

With the switch off (as shipped) a cell prints one line naming the shipped file it leaves in place and how to train again,
and writes nothing. With `retrain = True`, on a budget cut to a step or two, it saves `<name>_retrained.npz` in the working
directory, says where, holds every array the shipped file holds (same dtypes, same shapes but for those that grow with the
budget), and leaves rnn_walkthrough/weights/ byte for byte as it was."""
import hashlib, json, re, shutil
from pathlib import Path
import numpy as np, pytest, torch
import rnn_walkthrough.train
from rnn_walkthrough import char_rnn

ROOT = Path(__file__).parents[1]
WEIGHTS = ROOT / 'rnn_walkthrough' / 'weights'
CASES = {('05_training', 'c037r'): ['memory_sweep'], ('07_gates', 'g019'): ['gates_cliff', 'gates_models'],
         ('08_char_rnn', 'c27'): ['char_rnn'], ('08_char_rnn', 'g-retrain'): ['char_gru'], ('09_dynamics', 'd033'): ['flipflop'],
         ('10_lengths', 'l079'): ['vowels_gru'], ('11_attention', 'a041'): ['date_translator'],
         ('11_attention', 'a052'): ['copy_bottleneck']}
GROWS = re.compile(r'curves|losses|train|history')       # arrays whose length is the training budget
PENDING: set = set()                                     # chapters whose retrain cell is not covered yet

def _cells(chapter): return {c.get('id'): ''.join(c['source']) for c in json.loads((ROOT / 'nbs' / f'{chapter}.ipynb').read_text())['cells']}
def _hashes(): return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(WEIGHTS.glob('*.npz'))}

def test_every_retrain_cell_is_covered_here():
    found = {(p.stem, cid) for p in sorted((ROOT / 'nbs').glob('[0-9][0-9]_*.ipynb')) if p.name not in PENDING
             for cid, src in _cells(p.stem).items() if '#| eval: false' in src and re.search(r'^retrain = ', src, re.M)}
    assert found == set(CASES), f'retrain cells not covered by this test: {found - set(CASES)}'

def _short(real, **cut):
    "`real` with part of its budget replaced by `cut`."
    return lambda *a, **k: real(*a, **{**k, **cut})

def _namespace(chapter, cid, monkeypatch) -> dict:
    "What the cell needs from its chapter, with every training cut to a step or two."
    fit = _short(rnn_walkthrough.train.fit, epochs=1, progress=False)
    monkeypatch.setattr(rnn_walkthrough.train, 'fit', fit)              # for a cell that imports fit itself
    ns = {}
    exec('import time\nfrom pathlib import Path\nimport numpy as np, torch\nfrom importlib.resources import files\n'
         'from rnn_walkthrough.data import memory_task\nfrom rnn_walkthrough.model import SimpleRNN, SequenceModel\n'
         'from rnn_walkthrough.manual import RNNWeights, spectral_radius', ns)
    cells = _cells(chapter)
    if chapter == '05_training':
        exec(cells['c037'], ns)                                   # new_model, recall_mse, delays, seeds
    if chapter == '07_gates':
        from rnn_walkthrough.gates import recall_task
        exec(cells['g018b'], ns)                                  # budget
        def recall_run(task, make_model, delay, seed, data_seed=None, **kw):
            make_model()
            return {'mse': float(np.random.default_rng(delay + seed).random()), 'seconds': 0.1, 'train': np.zeros(kw['epochs'])}
        ns.update(recall_task=recall_task, recall_run=recall_run)
    if chapter == '08_char_rnn':
        train_text, val_text = char_rnn.split_corpus()
        fit_text, holdout_text = char_rnn.split_corpus(train_text, 0.95)
        ns.update({k: getattr(char_rnn, k) for k in ('save_char_rnn', 'save_char_model', '_NAMES', 'weights_path', 'gated_path')},
                  vocab=char_rnn.Vocab(char_rnn.text_corpus()), train_text=train_text, fit_text=fit_text,
                  holdout_text=holdout_text[:2000], val_text=val_text[:2000],
                  train_char_rnn=_short(char_rnn.train_char_rnn, steps=3, snapshot=2),
                  train_char_model=_short(char_rnn.train_char_model, steps=4, every=2))
    if chapter == '09_dynamics':
        from rnn_walkthrough.dynamics import flip_flop_task
        ns['flip_flop_task'] = flip_flop_task
    if chapter == '10_lengths':
        from rnn_walkthrough import vowels
        from rnn_walkthrough.lengths import load_japanese_vowels
        X_tr, L_tr, y_tr, X_te, L_te, y_te = load_japanese_vowels()
        ns.update(X_tr=X_tr, L_tr=L_tr, y_tr=y_tr, X_te=X_te, L_te=L_te, y_te=y_te, classify=vowels.classify,
                  save_vowels_classifiers=vowels.save_vowels_classifiers,
                  train_speaker_gru=_short(vowels.train_speaker_gru, epochs=1))
    if chapter == '11_attention':
        from rnn_walkthrough import attention, seq2seq
        ns.update({k: getattr(attention, k) for k in ('translate', 'copy_pairs', 'greedy_decode', 'decode_targets', 'Seq2SeqWeights')},
                  **{k: getattr(seq2seq, k) for k in ('Seq2Seq', 'save_seq2seq')},
                  train_pairs=attention.date_pairs(300, seed=1, split='train'),
                  test_src=['3 May 1979', '1979-05-03'], test_iso=['1979-05-03', '1979-05-03'],
                  train_seq2seq=_short(seq2seq.train_seq2seq, steps=2))
        real_copy = attention.copy_pairs
        ns['copy_pairs'] = lambda n, lengths, seed: real_copy(min(n, 300), lengths, seed)   # the tests' strings, fewer
    ns['fit'] = fit
    return ns

@pytest.mark.parametrize('chapter,cid', list(CASES))
def test_switched_off_it_says_what_it_loads_and_writes_nothing(chapter, cid, tmp_path, monkeypatch, capsys):
    src = _cells(chapter)[cid]
    first = next(l for l in src.splitlines() if not l.startswith('#|'))
    assert first.startswith('retrain = False') and 'measured' in src.split('if not retrain')[0], \
        f'{chapter} {cid}: the switch opens the cell, with its measured time beside it'
    monkeypatch.chdir(tmp_path)
    exec(src, {})
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and 'retrain = True' in lines[0], lines
    assert f'rnn_walkthrough/weights/{CASES[chapter, cid][0]}.npz' in lines[0], lines
    assert not list(tmp_path.iterdir())

@pytest.mark.parametrize('chapter,cid', list(CASES))
def test_switched_on_it_saves_beside_the_notebook_what_the_chapter_reads(chapter, cid, tmp_path, monkeypatch, capsys):
    torch.set_num_threads(1)
    before, backup = _hashes(), tmp_path.parent / f'{tmp_path.name}_weights'
    shutil.copytree(WEIGHTS, backup)
    ns = _namespace(chapter, cid, monkeypatch)
    monkeypatch.chdir(tmp_path)
    try: exec(_cells(chapter)[cid].replace('retrain = False', 'retrain = True', 1), ns)
    finally:
        changed = [k for k, v in _hashes().items() if before.get(k) != v]
        for k in changed: shutil.copy(backup / k, WEIGHTS / k)          # put the shipped file back, then fail
    assert not changed, f'{chapter} {cid} wrote into rnn_walkthrough/weights/: {changed}'
    out = capsys.readouterr().out
    names = CASES[chapter, cid]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f'{n}_retrained.npz' for n in names)
    assert str(tmp_path / f'{names[0]}_retrained.npz') in out and f'rnn_walkthrough/weights/{names[0]}.npz' in out, out
    for n in names:
        with np.load(tmp_path / f'{n}_retrained.npz') as new, np.load(WEIGHTS / f'{n}.npz') as shipped:
            assert set(new.files) == set(shipped.files), f'{n}: missing {set(shipped.files) - set(new.files)}, extra {set(new.files) - set(shipped.files)}'
            for k in shipped.files:
                assert new[k].dtype == shipped[k].dtype, (n, k, new[k].dtype, shipped[k].dtype)
                if not GROWS.search(k): assert new[k].shape == shipped[k].shape, (n, k, new[k].shape, shipped[k].shape)
