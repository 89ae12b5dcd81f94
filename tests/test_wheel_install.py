"""The package as a learner gets it: the wheel built the release's way (`python -m build`: sdist, then the wheel from the
sdist), installed, not editable, into a fresh virtual environment without system site-packages, next to the CPU build
of torch installed as .ci/run installs it. There, every chapter's first cells install the package when it is missing
(the wheel stands in for the Git URL, as PyPI will), and then README's quick start runs, every shipped model and data
file loads, every module imports and an exercise check answers. About 2-3 minutes, most of it pip (from its cache)."""
import configparser, json, os, re, subprocess, sys, zipfile, tarfile
from pathlib import Path
import pytest

ROOT = Path(__file__).parents[1]
PKG = ROOT / 'rnn_walkthrough'
CHAPTERS = sorted((ROOT / 'nbs').glob('[0-9][0-9]_*.ipynb'))

def _settings():
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    return cfg['DEFAULT']

INSTALL = f"%pip install -q git+{_settings()['git_url']}"   # what a chapter's first code cell runs when the package is missing

def package_files() -> list[str]:
    "Every file of the source package a wheel must carry (modules, weights, data sets, corpus), as paths inside the wheel."
    return sorted(str(p.relative_to(ROOT)) for p in PKG.rglob('*') if p.is_file() and '__pycache__' not in p.parts and p.suffix != '.pyc')

def install_cell(nb:Path) -> tuple[int, dict]:
    "The chapter's install cell: its index, and the cell; it must be the first code cell after `#| default_exp`."
    cells = json.loads(nb.read_text())['cells']
    code = [i for i, c in enumerate(cells) if c['cell_type'] == 'code']
    first = code[1] if ''.join(cells[code[0]]['source']).startswith('#| default_exp') else code[0]
    return first, cells[first]

def test_every_chapter_starts_with_the_install_cell():
    "Hidden, quiet, and a no-op where the package is installed: try the import, install only on ImportError."
    assert CHAPTERS
    for nb in CHAPTERS:
        _, cell = install_cell(nb)
        lines = [l for l in ''.join(cell['source']).splitlines() if not l.lstrip().startswith('# ')]
        assert lines == ['#| hide', 'try: import rnn_walkthrough', 'except ImportError:', f'    {INSTALL}'], (nb.name, lines)
        assert not cell['outputs'], f'{nb.name}: the install cell saved an output'

def test_colab_python_is_in_the_declared_range():
    s = _settings()
    minor = lambda v: int(v.split('.')[1])
    assert minor(s['min_python']) <= 12 <= minor(s['max_python']), 'Colab runs Python 3.12'

@pytest.fixture(scope='module')
def dist(tmp_path_factory) -> tuple[Path, Path]:
    "The sdist and the wheel, as the release workflow builds them."
    out = tmp_path_factory.mktemp('dist')
    r = subprocess.run([sys.executable, '-m', 'build', '--outdir', str(out), str(ROOT)], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (sdist,), (wheel,) = out.glob('*.tar.gz'), out.glob('*.whl')
    return sdist, wheel

def test_the_wheel_carries_every_file_of_the_package(dist):
    "Every module and data file under rnn_walkthrough/ (weights/*.npz, datasets/*.npz, corpus/...) is in the wheel."
    sdist, wheel = dist
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = [f for f in package_files() if f not in shipped]
    assert not missing, f'not in the wheel (add them to package_data in settings.ini and to MANIFEST.in): {missing}'
    assert any(f.endswith('.npz') for f in package_files())
    meta = next(zipfile.Path(wheel, n).read_text() for n in shipped if n.endswith('.dist-info/METADATA'))
    relative = re.findall(r'\]\((?!https?://|#)[^)]+\)|src="(?!https?://)[^"]+"', meta)
    assert not relative, f'README on PyPI: these links are relative to the repository and would break there: {relative}'
    names = tarfile.open(sdist).getnames()
    assert any(n.endswith('/settings.ini') for n in names), 'setup.py reads settings.ini: the sdist must carry it'

def _run(cmd, cwd, env, timeout=900) -> str:
    r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert r.returncode == 0, f'{cmd[:2]} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}'
    return r.stdout

FIRST_CELLS = r'''
import sys
from IPython.core.interactiveshell import InteractiveShell
sh = InteractiveShell.instance()
for src in CELLS:
    sh.run_cell(src).raise_error()
sh.run_cell("import rnn_walkthrough; print('imported from', rnn_walkthrough.__file__)").raise_error()
'''

def _quick_start() -> tuple[str, str]:
    "README's quick start: its code block and the output printed under it."
    readme = (ROOT / 'README.md').read_text()
    m = re.search(r'## Quick start\n.*?```python\n(.*?)```\n\s*\n((?:    [^\n]*\n)+)', readme, re.S)
    assert m, 'README has no quick start code block followed by its output'
    return m[1], '\n'.join(l[4:] for l in m[2].splitlines()).strip()

SMOKE = r'''
import importlib, importlib.util, io, sys, contextlib
from importlib.resources import files
import numpy as np
import rnn_walkthrough
site, modules, expected_out, exercise_names, needed = sys.argv[1], sys.argv[2].split(), sys.argv[3], set(sys.argv[4].split()), sys.argv[5].split()
assert rnn_walkthrough.__file__.startswith(site), f'rnn_walkthrough comes from {rnn_walkthrough.__file__}, not {site}'

# README's quick start, and what it prints
out = io.StringIO()
with contextlib.redirect_stdout(out): exec(QUICK_START, {})
assert out.getvalue().strip() == expected_out, (out.getvalue(), expected_out)

# what the chapters import is installed with the package (requirements are what a learner needs)
missing = [m for m in needed if importlib.util.find_spec(m) is None]
assert not missing, f'the chapters import {missing}, which pip install of the wheel does not bring: add them to requirements'

# every module imports (the list comes from the source tree, so a module missing from the wheel fails here)
for m in modules: importlib.import_module(m)

# every shipped .npz loads: a model through the package's loader, a data file with np.load (no pickle)
from rnn_walkthrough.char_rnn import pretrained_char_rnn, pretrained_char_model
from rnn_walkthrough.dynamics import load_weights
from pathlib import Path
installed = Path(rnn_walkthrough.__file__).parent
shipped = sorted(str(p.relative_to(installed)) for p in installed.rglob('*.npz'))   # weights/*.npz, datasets/*.npz, ...
for name in shipped:
    stem = Path(name).stem
    if not name.startswith('weights/'):
        with np.load(installed / name, allow_pickle=False) as f: assert all(f[k].size for k in f.files), name   # data sets
    elif stem == 'char_rnn':
        w, vocab = pretrained_char_rnn()
        assert w.W_xh.shape[1] == len(vocab) == w.Wo.shape[0], (w.W_xh.shape, len(vocab))
    elif stem.startswith('char_'):
        import torch
        model, vocab = pretrained_char_model(stem[5:])
        with torch.no_grad(): y = model(torch.zeros(1, 3, len(vocab)))
        y = y[0] if isinstance(y, tuple) else y
        assert y.shape[-1] == len(vocab) and torch.isfinite(y).all(), y.shape
    else:
        with np.load(installed / name, allow_pickle=False) as f:
            arrays = {k: f[k] for k in f.files}                    # data files (results of long runs): readable, no pickle
        assert arrays, name
        if 'W_hh' in arrays: assert load_weights(stem).W_hh.shape[0] == load_weights(stem).W_hh.shape[1]
    print('loaded', name)

# an exercise check answers: the reference passes, a usual mistake fails with its hint
from rnn_walkthrough.exercises import EXERCISES
assert set(EXERCISES) == exercise_names, set(EXERCISES) ^ exercise_names
ex = EXERCISES['batch_first']
assert ex.check(lambda X: X.transpose(1, 0, 2))
out = io.StringIO()
with contextlib.redirect_stdout(out): assert not ex.check(lambda X: X.T)
assert 'hint' in out.getvalue(), out.getvalue()
print('ok:', len(modules), 'modules,', len(shipped), '.npz files,', len(EXERCISES), 'exercises')
'''

def chapter_imports() -> list[str]:
    "The top-level modules the chapters import, outside the standard library: what a learner's environment must hold."
    import ast
    from IPython.core.inputtransformer2 import TransformerManager   # a cell's magics as the kernel runs them
    found, python = set(), TransformerManager().transform_cell
    for nb in CHAPTERS:
        for c in json.loads(nb.read_text())['cells']:
            if c['cell_type'] != 'code': continue
            try: tree = ast.parse(python(''.join(c['source'])))
            except SyntaxError: continue                               # not Python: nbdev_test reports it
            for n in ast.walk(tree):
                if isinstance(n, ast.Import): found |= {a.name.split('.')[0] for a in n.names}
                elif isinstance(n, ast.ImportFrom) and n.level == 0: found.add(n.module.split('.')[0])
    return sorted(found - set(sys.stdlib_module_names))

def test_a_fresh_environment(dist, tmp_path):
    "Chapters' first cells install the wheel into a bare venv; then the quick start, models, modules and an exercise work."
    _, wheel = dist
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'VIRTUAL_ENV', 'PYTHONHOME')}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK='1', PIP_ROOT_USER_ACTION='ignore', OMP_NUM_THREADS='1')
    venv, work = tmp_path / 'venv', tmp_path / 'work'
    work.mkdir()                                                        # not the repository: nothing imports from the source tree
    _run([sys.executable, '-m', 'venv', str(venv)], work, env)          # no --system-site-packages
    py = str(venv / 'bin' / 'python')
    site = _run([py, '-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], work, env).strip()
    torch = ['torch==2.13.0'] + (['--index-url', env['TORCH_INDEX_URL']] if env.get('TORCH_INDEX_URL') else [])
    _run([py, '-m', 'pip', 'install', '-q', *torch, 'ipython'], work, env)    # as .ci/run; IPython: a notebook's kernel

    for nb in CHAPTERS:   # each chapter on its own, in an environment without the package
        _run([py, '-m', 'pip', 'uninstall', '-q', '-y', 'rnn_walkthrough'], work, env)
        at, _ = install_cell(nb)
        cells = json.loads(nb.read_text())['cells'][:at + 1]
        code = [''.join(c['source']) for c in cells if c['cell_type'] == 'code']
        assert sum(INSTALL in c for c in code) == 1, nb.name
        code = [c.replace(INSTALL, f'%pip install -q {wheel}') for c in code]       # the wheel stands in for the Git URL
        script = work / 'first_cells.py'
        script.write_text(f'CELLS = {code!r}\n' + FIRST_CELLS)
        out = _run([py, str(script)], work, env)
        assert f'imported from {site}' in out, (nb.name, out[-2000:])

    from rnn_walkthrough.exercises import EXERCISES
    modules = sorted('.'.join(p.relative_to(ROOT).with_suffix('').parts) for p in PKG.rglob('*.py') if p.name != '__init__.py')
    for m in modules: __import__(m)    # here too, so that every chapter module has registered its exercises
    code, expected = _quick_start()
    script = work / 'smoke.py'
    script.write_text(f'QUICK_START = {code!r}\n' + SMOKE)
    out = _run([py, str(script), site, ' '.join(modules), expected, ' '.join(sorted(EXERCISES)), ' '.join(chapter_imports())], work, env)
    assert 'ok:' in out, out[-2000:]
