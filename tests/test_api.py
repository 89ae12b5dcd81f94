"The exported module as a programmer meets it: plain Python, no notebook around it."
import subprocess, sys

def run(code):
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={'MPLBACKEND': 'Agg', 'PATH': ''})
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout

def test_explorers_display_outside_ipython():
    "Displaying an explorer from a script must not depend on IPython's builtins."
    run("from rnn_walkthrough.viz import TrajectoryExplorer; TrajectoryExplorer(T=10)._ipython_display_()\n"
        "from rnn_walkthrough.viz import GradNormExplorer; from rnn_walkthrough.manual import RNNWeights\n"
        "import numpy as np; GradNormExplorer(RNNWeights.random(3, 4, 1, seed=0), np.zeros((8, 3)))._ipython_display_()")

import pytest

@pytest.mark.parametrize('module', ['checks', 'data', 'manual', 'bptt', 'parity', 'exercises', 'gates', 'stats', 'dynamics', 'char_rnn', 'primer', 'lengths', 'attention'])
def test_math_modules_know_no_screen_and_no_torch(module):
    "The NumPy reference stands alone: its modules import neither torch nor matplotlib nor ipywidgets."
    out = run(f"import sys, rnn_walkthrough.{module}\nprint([m for m in ('torch', 'matplotlib', 'ipywidgets') if m in sys.modules])")
    assert out.strip() == '[]', f'rnn_walkthrough.{module} imported {out.strip()}'

def test_presentation_layer_imports_without_torch():
    "The plots and explorers work on NumPy weights alone; torch is needed only by model and train."
    assert run("import sys, rnn_walkthrough.viz\nprint('torch' in sys.modules)").strip() == 'False'
