"The exercises answer back: every solution passes, every catalogued mistake is caught with its own hint, nothing a learner writes can crash the checker."
import json, subprocess, sys
from pathlib import Path
import numpy as np, pytest
from rnn_walkthrough.exercises import EXERCISES

NBS = Path(__file__).parents[1] / 'nbs'
CHAPTERS = sorted(p.stem for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer']   # every page with exercises: chapters and the primer
MISTAKES = [(name, m) for name, ex in EXERCISES.items() for m in ex.mistakes]

@pytest.mark.parametrize('name', list(EXERCISES))
def test_solution_passes(name, capsys):
    assert EXERCISES[name].check(EXERCISES[name].solution)
    assert capsys.readouterr().out.startswith(f'✓ {name}: all ')

@pytest.mark.parametrize('name, mistake', MISTAKES)
def test_mistake_is_caught_with_its_hint(name, mistake, capsys):
    "Each catalogued mistake gets its own hint; a fix (the formula) only on the second failed check in a row."
    ex = EXERCISES[name]
    wrong, hint, *fix = ex.mistakes[mistake]
    ex.failures = 0
    assert not ex.check(wrong)
    out = capsys.readouterr().out
    assert out.startswith(f'✗ {name}: case ') and f'hint: {hint}' in out, out
    assert 'fix:' not in out
    assert ('(a second failed check also shows the fix)' in out) == bool(fix), out
    assert not ex.check(wrong)
    out = capsys.readouterr().out
    assert f'hint: {hint}' in out and (not fix or f'fix: {fix[0]}' in out), out

def test_the_fix_waits_for_a_second_failure_and_a_pass_starts_the_count_again(capsys):
    ex = EXERCISES['last_step']
    wrong = lambda output: output[-1][None]           # the last sample, not the last step
    ex.failures = 0
    assert not ex.check(wrong) and ex.failures == 1 and 'fix:' not in capsys.readouterr().out
    assert not ex.check(lambda output: None) and ex.failures == 2    # any failure counts, even without a hint
    assert not ex.check(wrong) and 'fix: the last step of every sample is output[:, -1]' in capsys.readouterr().out
    assert ex.check(ex.solution) and ex.failures == 0
    assert not ex.check(wrong) and 'fix:' not in capsys.readouterr().out

def test_initial_state_tells_forgotten_layers_from_forgotten_directions(capsys):
    "Cases where num_layers differs from the number of directions come first, so each mistake is named for what it is."
    ex = EXERCISES['initial_state']
    layers_hint, directions_hint = ex.mistakes['no_layers'][1], ex.mistakes['no_directions'][1]
    assert not ex.check(lambda N, M, num_layers, bidirectional: np.zeros((2 if bidirectional else 1, N, M)))
    out = capsys.readouterr().out
    assert layers_hint in out and directions_hint not in out, out
    assert not ex.check(lambda N, M, num_layers, bidirectional: np.zeros((num_layers, N, M)))
    out = capsys.readouterr().out
    assert directions_hint in out and layers_hint not in out, out

def test_gru_b_hn_outside_the_reset_gate_is_named(capsys):
    "Chapter 6's classic trap: n = tanh(x W_inᵀ + b_in + r ⊙ (h W_hnᵀ) + b_hn) instead of r ⊙ (h W_hnᵀ + b_hn)."
    def gru_b_hn_outside(x, h, W_ih, W_hh, b_ih, b_hh):
        M = h.shape[-1]
        sig = lambda a: 1 / (1 + np.exp(-a))
        gi = x @ W_ih.T + b_ih
        r = sig(gi[..., :M] + h @ W_hh[:M].T + b_hh[:M])
        z = sig(gi[..., M:2 * M] + h @ W_hh[M:2 * M].T + b_hh[M:2 * M])
        n = np.tanh(gi[..., 2 * M:] + r * (h @ W_hh[2 * M:].T) + b_hh[2 * M:])
        return (1 - z) * n + z * h
    assert not EXERCISES['gru_cell'].check(gru_b_hn_outside)
    assert 'hint: b_hn is outside the reset gate' in capsys.readouterr().out

@pytest.mark.parametrize('name', list(EXERCISES))
@pytest.mark.parametrize('bad, says', [
    (lambda *a: 1 / 0, 'your function raised ZeroDivisionError: division by zero'),
    (lambda *a: None, 'got NoneType None'),
    (lambda *a: 'text', 'got str'),
    (lambda *a: np.full((2, 3, 4, 5), np.nan), 'shape'),
    ('not a function', 'expected a function, got str'),
])
def test_bad_answers_are_reported_not_raised(name, bad, says, capsys):
    assert not EXERCISES[name].check(bad)
    assert says in capsys.readouterr().out

def test_nan_is_named():
    ex = EXERCISES['rnn_step']
    assert not ex.check(lambda x, h, *w: np.full(h.shape, np.nan))

def test_wrong_shape_is_named(capsys):
    assert not EXERCISES['rnn_step'].check(lambda x, h, *w: h.T[None])
    assert 'expected the result of shape (5,), got shape (1, 5)' in capsys.readouterr().out

def test_a_learner_who_writes_into_the_input_cannot_spoil_the_next_case():
    def sloppy(X, t):
        out = X[:, t].copy()
        X[:] = 0                  # writes into its input: the checker hands it a copy
        return out
    assert EXERCISES['step_inputs'].check(sloppy)

def test_the_four_names_other_code_relies_on():
    for name in ('rnn_step', 'rnn_forward', 'h_n_from_output', 'clip_by_norm'): assert name in EXERCISES
    ch = {ex.chapter for ex in EXERCISES.values()}
    assert all(sum(ex.chapter == c for ex in EXERCISES.values()) >= 3 for c in CHAPTERS), 'every chapter has at least three exercises'
    assert ch == set(CHAPTERS)

def test_every_exercise_is_in_its_chapter_with_a_stub_and_a_hidden_solution():
    for c in CHAPTERS:
        cells = json.loads((NBS / f'{c}.ipynb').read_text())['cells']
        ids = {x.get('id'): x for x in cells}
        for name, ex in EXERCISES.items():
            if ex.chapter != c: continue
            stub, sol = ids[f'ex-{name}-try'], ids[f'ex-{name}-solution']
            assert ''.join(stub['source']).startswith('#| eval: false') and not stub['outputs']
            assert sol['metadata'].get('jupyter', {}).get('source_hidden'), f'{name}: the solution cell is not folded in Jupyter'
            assert ''.join(ids[f'ex-{name}-open']['source']).startswith('::: {.callout-tip collapse="true"}')
            assert any(f'✓ {name}: all' in ''.join(o.get('text', '')) for o in sol['outputs']), f'{name}: the saved solution did not pass'

def test_numpy_exercises_work_without_torch():
    code = ("import sys; sys.modules['torch'] = None\n"   # any import of torch now fails
            "from rnn_walkthrough.exercises import EXERCISES\n"
            "assert all(ex.check(ex.solution, verbose=False) for ex in EXERCISES.values()); print(len(EXERCISES))")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0 and int(r.stdout) == len(EXERCISES), r.stderr[-2000:]
