"Chapter 7's shipped sweep and models: a reduced rerun of the sweep agrees with the shipped numbers, the shipped models load and do what the chapter says, (test_api checks that the NumPy module imports without torch)."
from importlib.resources import files
import numpy as np, pytest, torch
from rnn_walkthrough.gates import recall_task, cliff_delay
from rnn_walkthrough.model import SequenceModel
from rnn_walkthrough.train import recall_mse, recall_sweep

BUDGET = dict(epochs=150, lr=3e-3, batch_size=128, clip=1.0)   # the chapter's budget
RUNS = {'rnn': ('rnn', 32, None), 'lstm_fb1': ('lstm', 32, 1.0)}
sweep = np.load(files('rnn_walkthrough') / 'weights' / 'gates_cliff.npz')

def test_shipped_files_are_small_and_complete():
    folder = files('rnn_walkthrough') / 'weights'
    assert (folder / 'gates_cliff.npz').stat().st_size < 10_000 and (folder / 'gates_models.npz').stat().st_size < 200_000
    assert list(sweep['seeds']) == [0, 1, 2, 3, 4]
    for name in ('rnn', 'rnn_m64', 'gru', 'lstm', 'lstm_fb1'):
        assert sweep[name].shape == (len(sweep['delays']), 5) and np.isfinite(sweep[name]).all()

@pytest.mark.parametrize('name,delay', [('rnn', 10), ('rnn', 50), ('lstm_fb1', 20)])
def test_a_reduced_rerun_agrees_with_the_shipped_sweep(name, delay):
    "One (cell, delay) point of the sweep at seed 0, retrained with the chapter's code and budget: same side of 0.5, close where learned."
    torch.set_num_threads(1)
    cell, M, fb = RUNS[name]
    got = recall_sweep(recall_task, lambda: SequenceModel(cell, 3, M, 1, forget_bias=fb), [delay], [0], **BUDGET)[0, 0]
    shipped = sweep[name][list(sweep['delays']).index(delay), 0]
    assert (got > 0.5) == (shipped > 0.5), (got, shipped)
    if shipped < 0.1: assert got < 0.1, (got, shipped)
