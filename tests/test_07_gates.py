"Chapter 7's shipped sweep and models: reduced reruns of the sweep agree with the shipped numbers, the shipped file holds what the chapter reads, (test_api checks that the NumPy modules import without torch)."
from importlib.resources import files
import numpy as np, pytest, torch
from rnn_walkthrough.gates import recall_task
from rnn_walkthrough.model import SequenceModel
from rnn_walkthrough.train import recall_run

BUDGET = dict(epochs=150, lr=3e-3, batch_size=128, clip=1.0)   # the chapter's budget
RUNS = {'rnn': ('rnn', 32, None), 'rnn_m64': ('rnn', 64, None), 'gru': ('gru', 32, None), 'lstm': ('lstm', 32, None),
        'lstm_fb1': ('lstm', 32, 1.0)}
sweep = np.load(files('rnn_walkthrough') / 'weights' / 'gates_cliff.npz')

def test_shipped_files_are_small_and_complete():
    folder = files('rnn_walkthrough') / 'weights'
    assert (folder / 'gates_cliff.npz').stat().st_size < 60_000 and (folder / 'gates_models.npz').stat().st_size < 200_000
    assert list(sweep['seeds']) == list(range(10))
    for name in RUNS:
        d = sweep[f'{name}_delays']
        assert sweep[name].shape == (len(d), 10) and np.isfinite(sweep[name]).all() and (np.diff(d) > 0).all()
        assert {10, 20, 30, 40, 50, 60, 80} <= set(d.tolist())
        t = sweep[f'{name}_seconds']
        assert t.shape == sweep[name].shape and (t[np.isfinite(t)] > 0).all()
    assert set(sweep['lstm_fb1_delays'].tolist()) >= {100, 120}            # the best cell, out to where it fails
    assert sweep['lstm_fb1_other_data'].shape == (2, 10) and np.isfinite(sweep['lstm_fb1_other_data']).all()

def _shipped(name, delay, seed, other_data=False):
    if other_data: return sweep['lstm_fb1_other_data'][list(sweep['other_data_delays']).index(delay), seed]
    return sweep[name][list(sweep[f'{name}_delays']).index(delay), seed]

@pytest.mark.parametrize('name,delay,seed,other_data', [('rnn', 10, 0, False), ('rnn', 50, 0, False), ('lstm_fb1', 20, 0, False),
                                                        ('lstm', 30, 6, False), ('gru', 40, 8, False), ('lstm_fb1', 50, 2, True)])
def test_a_reduced_rerun_agrees_with_the_shipped_sweep(name, delay, seed, other_data):
    "One point of the sweep retrained with the chapter's code and budget: same side of 0.5, close where learned."
    torch.set_num_threads(1)
    cell, M, fb = RUNS[name]
    got = recall_run(recall_task, lambda: SequenceModel(cell, 3, M, 1, forget_bias=fb), delay, seed,
                     data_seed=100 + seed if other_data else None, **BUDGET)
    shipped = _shipped(name, delay, seed, other_data)
    assert (got['mse'] > 0.5) == (shipped > 0.5), (got['mse'], shipped)
    if shipped < 0.1: assert got['mse'] < 0.1, (got['mse'], shipped)
    assert got['train'].shape == (150,) and got['seconds'] > 0
