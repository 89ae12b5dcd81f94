"Which browser the tests use is decided in one place (tests/browser.py), and it copes with the machines CI meets."
import stat, subprocess, sys
import pytest
from browser import ROOT, chromium_path

def _script(folder, name, body):
    p = folder / name
    p.write_text('#!/bin/sh\n' + body + '\n')
    p.chmod(p.stat().st_mode | stat.S_IXUSR)
    return p

@pytest.fixture(scope='module')
def real_browser():
    return chromium_path()   # whatever this machine has; .ci/run makes sure there is one

def test_chromium_that_is_not_a_browser_is_refused_clearly(tmp_path, monkeypatch):
    fake = _script(tmp_path, 'not-a-browser', 'echo "hello"')
    monkeypatch.setenv('CHROMIUM', str(fake))
    with pytest.raises(RuntimeError, match=rf'CHROMIUM={fake} does not start as a headless Chromium browser'):
        chromium_path()

def test_google_chrome_alone_is_found_and_a_snap_wrapper_is_skipped(tmp_path, monkeypatch, real_browser):
    "Ubuntu's hosted runners: a `chromium-browser` that only says 'install the snap', and a working `google-chrome`."
    _script(tmp_path, 'chromium-browser', 'echo "Command \'/usr/bin/chromium-browser\' requires the chromium snap to be installed." >&2; exit 1')
    chrome = _script(tmp_path, 'google-chrome', f'exec "{real_browser}" "$@"')
    monkeypatch.delenv('CHROMIUM', raising=False)
    monkeypatch.setenv('PATH', str(tmp_path))
    assert chromium_path() == str(chrome)

def test_no_browser_at_all_says_what_to_do(tmp_path, monkeypatch):
    _script(tmp_path, 'chromium', 'exit 1')
    monkeypatch.delenv('CHROMIUM', raising=False)
    monkeypatch.setenv('PATH', str(tmp_path))
    with pytest.raises(RuntimeError, match=r'no Chromium-family browser .* tried .*chromium: exit 1.* set CHROMIUM'):
        chromium_path()

def test_browser_discovery_runs_on_a_bare_python(tmp_path, real_browser):
    ".ci/run asks tests/browser.py for a browser before anything is installed: it must run on the standard library alone."
    # -I: isolated, no user site; -S: no site-packages at all, so nothing this environment installed can be imported
    r = subprocess.run([sys.executable, '-I', '-S', str(ROOT / 'tests' / 'browser.py')], capture_output=True, text=True,
                       env={'PATH': str(tmp_path), 'CHROMIUM': real_browser}, timeout=60)
    assert r.returncode == 0, f'tests/browser.py failed on a bare interpreter:\n{r.stderr[-2000:]}'
    assert r.stdout.strip() == real_browser
