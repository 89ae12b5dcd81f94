"CI tests what settings.ini promises: the oldest and the newest supported Python, each in a virtual environment of its own."
import configparser, re
from pathlib import Path
import yaml

ROOT = Path(__file__).parents[1]

def _settings():
    cfg = configparser.ConfigParser(delimiters=['=']); cfg.read(ROOT / 'settings.ini')
    return cfg['DEFAULT']

def test_workflow_tests_the_oldest_and_newest_supported_python():
    s = _settings()
    job = yaml.safe_load((ROOT / '.github' / 'workflows' / 'test.yaml').read_text())['jobs']['test']
    versions = [str(v) for v in job['strategy']['matrix']['python-version']]
    assert versions == [s['min_python'], s['max_python']], f"settings.ini supports {s['min_python']}-{s['max_python']}, the workflow tests {versions}"
    assert all(re.fullmatch(r'3\.\d+', v) for v in versions), f'a patch release is pinned: {versions}'

def test_package_declares_the_same_range():
    import subprocess, sys
    s = _settings()
    r = subprocess.run([sys.executable, 'setup.py', '--classifiers'], cwd=ROOT, capture_output=True, text=True, check=True)
    declared = re.findall(r'Programming Language :: Python :: (3\.\d+)', r.stdout)
    assert declared[0] == s['min_python'] and declared[-1] == s['max_python'], declared

def test_ci_runs_in_a_throwaway_virtual_environment():
    "What a new machine sees: .ci/run makes a venv from the bare python3 before it installs or tests anything."
    run = (ROOT / '.ci' / 'run').read_text()
    made, entered = run.index('python3 -m venv "$venv"'), run.index('. "$venv/bin/activate"')
    first_install = run.index('pip install')
    assert made < entered < first_install < run.index('nbdev_test'), 'install and tests must run inside the venv'
    assert '--system-site-packages' not in run
