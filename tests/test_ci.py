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

def test_versions_agree():
    "settings.ini's version is the package's __version__ (nbdev_bump_version changes both; the release workflow checks both)."
    init = (ROOT / 'rnn_walkthrough' / '__init__.py').read_text()
    assert re.search(r'^__version__ = "([^"]+)"$', init, re.M)[1] == _settings()['version'], init

def _release():
    wf = yaml.safe_load((ROOT / '.github' / 'workflows' / 'release.yml').read_text())
    return wf.get('on', wf.get(True)), wf['jobs']   # YAML 1.1 reads the key 'on' as True

def test_release_publishes_a_version_tag_by_trusted_publishing():
    on, jobs = _release()
    assert list(on) == ['push'] and on['push'] == {'tags': ['v*']}, f'release runs on pushed version tags only, not {on}'
    publish = next(j for j in jobs.values() if any('pypa/gh-action-pypi-publish' in s.get('uses', '') for s in j['steps']))
    assert publish['permissions'] == {'id-token': 'write'}, publish.get('permissions')
    assert publish['environment']['name'] == 'pypi'
    steps = str([s for j in jobs.values() for s in j['steps']])
    assert 'secrets.' not in steps and 'password' not in steps, 'trusted publishing: no stored token'
    build = jobs[publish['needs']]
    assert any('python3 -m build' in s.get('run', '') for s in build['steps']), 'the workflow builds the sdist and the wheel'

def _tag_check_passes(tag:str) -> bool:
    import subprocess
    _, jobs = _release()
    step = next(s for j in jobs.values() for s in j['steps'] if 'settings.ini' in s.get('name', ''))
    r = subprocess.run(['bash', '-e', '-c', step['run']], cwd=ROOT, capture_output=True, text=True, env={'GITHUB_REF_NAME': tag, 'PATH': '/usr/bin:/bin'})
    return r.returncode == 0

def test_release_stops_when_the_tag_is_not_the_version():
    "The workflow's own check, run here: it passes the tag v<settings.ini's version> and stops any other."
    v = _settings()['version']
    assert _tag_check_passes(f'v{v}')
    assert not _tag_check_passes(f'v{v}.1') and not _tag_check_passes(v)

def _extras() -> dict:
    "extras_require as setup.py passes it to setuptools (read from settings.ini)."
    import json, subprocess, sys
    code = "import json, setuptools; setuptools.setup = lambda **kw: print(json.dumps(kw['extras_require'])); exec(open('setup.py').read())"
    return json.loads(subprocess.run([sys.executable, '-c', code], cwd=ROOT, capture_output=True, text=True, check=True).stdout)

def test_learn_extra_runs_the_notebooks_and_is_a_subset_of_dev():
    "README's learner's install, .[learn]: JupyterLab and its kernel, nothing dev does not install too, and README says how."
    extras = _extras()
    names = {re.split(r'[<>=!~;\[ ]', r)[0].lower() for r in extras['learn']}
    assert {'jupyterlab', 'ipykernel'} <= names, extras['learn']
    assert set(extras['learn']) <= set(extras['dev']), f"learn asks for what dev does not: {set(extras['learn']) - set(extras['dev'])}"
    assert 'pip install -e ".[learn]"' in (ROOT / 'README.md').read_text()
