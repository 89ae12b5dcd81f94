"The exported module as a programmer meets it: plain Python, no notebook around it."
import subprocess, sys

def run(code):
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, env={'MPLBACKEND': 'Agg', 'PATH': ''})
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout

def test_explorers_display_outside_ipython():
    "Displaying an explorer from a script must not depend on IPython's builtins."
    run("from rnn_walkthrough.viz import TrajectoryExplorer; TrajectoryExplorer(T=10)._ipython_display_()\n"
        "from rnn_walkthrough.bptt import GradNormExplorer; from rnn_walkthrough.manual import RNNWeights\n"
        "import numpy as np; GradNormExplorer(RNNWeights.random(3, 4, 1, seed=0), np.zeros((8, 3)))._ipython_display_()")

def test_public_names_import_without_torch():
    "Everything a NumPy-only user needs imports without torch; the modules that compare with PyTorch are model and train."
    out = run("import sys\nimport rnn_walkthrough.data, rnn_walkthrough.manual, rnn_walkthrough.viz, rnn_walkthrough.bptt, rnn_walkthrough.parity\n"
              "print('torch' in sys.modules)")
    assert out.strip() == 'False'
