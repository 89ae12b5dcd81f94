"""A newcomer's first hour: the chapters with live explorers, opened and run in JupyterLab in a real browser.

One arrow-key press on each control of the live explorer (LiveTrajectory, LiveGradNorm) must move it and change the
picture: JupyterLab would otherwise take the arrow keys for its own shortcuts. The time from key press to new picture
is printed (pytest -s shows it; benchmarks/slider_latency.py measures it properly).
The kernel-free explorables on the same pages must load the site's one Vega file from beside the notebook and draw
themselves (JupyterLab serves that file under files/, not under the page's own URL).
The notebooks are copied to a temporary folder first, so that JupyterLab's autosave never touches nbs/.
Opened, or run, with the project's config (README), a chapter's file must stay as committed.
"""
import os, shutil, subprocess, sys, time, urllib.request
import pytest
from browser import ARTIFACTS, LIVE, ROOT, free_port, live_press, live_value

CHAPTERS = {'03_trajectories': ['t', 'rho', 'scale', 'steps', 'seed'], '04_bptt': ['rho', 'scale']}   # the live explorer's controls

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp('lab')
    for name in CHAPTERS: shutil.copy(ROOT / 'nbs' / f'{name}.ipynb', root)
    shutil.copy(ROOT / 'nbs' / 'vega-bundle.js', root)                # beside the notebooks, as in nbs/
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}
    env['JUPYTERLAB_WORKSPACES_DIR'] = str(root / 'workspaces')     # a fresh workspace: no tab restored from elsewhere
    log = open(root / 'lab.log', 'w')
    proc = subprocess.Popen([sys.executable, '-m', 'jupyter', 'lab', '--no-browser', f'--port={port}', '--ServerApp.ip=127.0.0.1',
                             "--IdentityProvider.token=", '--ServerApp.password=', f'--ServerApp.root_dir={root}',
                             '--LabApp.news_url=', '--allow-root'],
                            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}/'
    deadline = time.time() + 90
    while time.time() < deadline and proc.poll() is None:
        try: urllib.request.urlopen(url + 'api', timeout=2).close(); break
        except OSError: time.sleep(0.5)
    else:
        proc.kill(); raise RuntimeError(f"JupyterLab did not start: {(root / 'lab.log').read_text()[-2000:]}")
    yield url
    proc.terminate()
    try: proc.wait(10)
    except subprocess.TimeoutExpired: proc.kill()
    log.close()

def _run_all(page):
    page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()           # the Run menu of the menu bar
    page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()

def _until(ok, seconds, what='the condition'):
    deadline = time.perf_counter() + seconds
    while not ok():
        if time.perf_counter() > deadline: raise AssertionError(f'{what} did not happen within {seconds} s')
        time.sleep(0.01)

@pytest.mark.parametrize('chapter', list(CHAPTERS))
def test_explorer_in_jupyterlab_every_control_moves_it_by_keyboard(lab, browser, chapter):
    page = browser.new_page(viewport={'width': 1400, 'height': 950})
    page.route(lambda u: not u.startswith(lab), lambda route: route.abort())   # nothing beyond the local server
    page.goto(f'{lab}lab/tree/{chapter}.ipynb?reset', timeout=90_000)
    panel = page.locator('.jp-NotebookPanel:visible')
    panel.locator('.jp-Cell').first.wait_for(timeout=90_000)
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90_000)
    _run_all(page)
    live = panel.locator(f'{LIVE} svg g.mark-line path').first
    live.wait_for(state='attached', timeout=120_000)
    _until(lambda: panel.locator('.jp-InputPrompt:has-text("[*]")').count() == 0, 120, what='Run All finishing')   # no cell queued
    boxes = panel.locator('div.rnnx')
    assert boxes.count() >= 1, f'{chapter}: no kernel-free explorable after Run All'
    _until(lambda: boxes.locator('.rnnx-poster').count() == 0 and boxes.locator('.rnnx-live svg').count() >= boxes.count(), 30,
           what=f'{chapter}: every kernel-free explorable drawn live (vega-bundle.js loaded in JupyterLab)')
    live.scroll_into_view_if_needed()
    latencies = {}
    for name in CHAPTERS[chapter]:
        v0 = live_value(page, name)
        at_max = page.locator(f'{LIVE} input[name="{name}"]').first.evaluate("i => i.type === 'range' && +i.value === +i.max")
        latencies[name] = live_press(page, name, 'ArrowLeft' if at_max else 'ArrowRight')
        assert latencies[name] is not None and live_value(page, name) != v0, f'{chapter}: the arrow key did not move {name!r}'
    page.screenshot(path=ARTIFACTS / f'jupyterlab_{chapter}.png')
    print(f"\n{chapter}: key press to new picture: " + ', '.join(f'{k} {v:.0f} ms' for k, v in latencies.items()))

# Opened, not run: JupyterLab writes the kernel's name and language into the metadata and autosaves. Started with the
# project's config (README: `jupyter lab --config=jupyter_lab_config.py nbs/`), the save must leave every file as committed.
UNCHANGED = ['nbs/03_trajectories.ipynb', 'nbs/04_bptt.ipynb', 'nbs/index.ipynb', 'apps/trajectories.ipynb']

def test_opening_a_notebook_and_saving_it_leaves_the_file_as_committed(browser, tmp_path):
    from browser import JupyterLab
    for name in UNCHANGED: shutil.copy(ROOT / name, tmp_path / name.replace('/', '_'))
    with JupyterLab(tmp_path, f"--config={ROOT / 'jupyter_lab_config.py'}") as server:
        for name in UNCHANGED:
            path = tmp_path / name.replace('/', '_')
            before, mtime = path.read_bytes(), path.stat().st_mtime_ns
            page = browser.new_page(viewport={'width': 1400, 'height': 950})
            page.route(lambda u: not u.startswith(server.url), lambda route: route.abort())
            page.goto(f'{server.url}lab/tree/{path.name}?reset', timeout=90_000)
            page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90_000)   # the kernel's metadata is in
            page.locator('.jp-NotebookPanel:visible .jp-Cell').first.click()
            page.keyboard.press('Control+s')                                          # what autosave does, now
            _until(lambda: page.wait_for_timeout(50) or path.stat().st_mtime_ns != mtime, 15, what=f'{name}: saved')   # (Playwright answers the page's requests while it waits)
            page.get_by_text('Saving completed').wait_for(timeout=15_000)                # written in full
            after = path.read_bytes()
            i = next((k for k, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
            same = after == before                     # a bool: pytest's diff of two 300-KB files ran for 20 minutes
            assert same, (f'{name}: opening and saving it in JupyterLab changed the file, first at byte {i}: '
                                     f'{before[max(0, i - 120):i + 120]!r}\nbecame {after[max(0, i - 120):i + 120]!r}')
            page.close()

# Run, not only opened: autosave would write the run's outputs and execution counts into the chapter. In the project's
# config autosave is off (jupyter-lab-settings/overrides.json); only the learner's own Ctrl+S writes. The test's user
# settings ask for a 1 s autosave interval, so that autosave, were it on, would have written several times by the end.
def test_running_a_chapter_leaves_the_file_as_committed(browser, tmp_path):
    import json
    from browser import JupyterLab
    chapter = tmp_path / '02_manual.ipynb'
    shutil.copy(ROOT / 'nbs' / chapter.name, chapter)
    user = tmp_path / 'user-settings' / '@jupyterlab' / 'docmanager-extension'   # none of this machine's own settings
    user.mkdir(parents=True)
    (user / 'plugin.jupyterlab-settings').write_text(json.dumps({'autosaveInterval': 1}))
    before, mtime = chapter.read_bytes(), chapter.stat().st_mtime_ns
    with JupyterLab(tmp_path, f"--config={ROOT / 'jupyter_lab_config.py'}", f"--LabApp.user_settings_dir={tmp_path / 'user-settings'}") as server:
        with urllib.request.urlopen(server.url + 'lab/api/settings/@jupyterlab/docmanager-extension:plugin', timeout=10) as r:
            docmanager = json.load(r)                                   # the schema's defaults (overrides applied), the user's settings
        autosave = docmanager['settings'].get('autosave', docmanager['schema']['properties']['autosave']['default'])
        assert autosave is False, f"autosave is on with the project's config: {docmanager['schema']['properties']['autosave']}"
        page = browser.new_page(viewport={'width': 1400, 'height': 950})
        page.route(lambda u: not u.startswith(server.url), lambda route: route.abort())
        page.goto(f'{server.url}lab/tree/{chapter.name}?reset', timeout=90_000)
        panel = page.locator('.jp-NotebookPanel:visible')
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90_000)
        t0 = time.perf_counter()
        _run_all(page)
        page.wait_for_timeout(500)
        _until(lambda: page.wait_for_timeout(50) or panel.locator('.jp-InputPrompt:has-text("[*]")').count() == 0, 120, what='Run All finishing')
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=60_000)
        ran = time.perf_counter() - t0
        assert panel.locator('.jp-InputPrompt:has-text("[1]")').count() == 1 and panel.locator('.jp-OutputArea-output').count() > 0, 'Run All ran nothing'
        assert page.locator('.lm-TabBar-tab.jp-mod-dirty').count() >= 1, 'the run left the notebook unmodified: nothing for autosave to write'
        page.wait_for_timeout(5_000)                                    # five autosave intervals, were autosave on
        same = chapter.stat().st_mtime_ns == mtime and chapter.read_bytes() == before   # a bool, as above
        assert same, 'running the chapter in JupyterLab wrote into its file'
        page.close()
    print(f'\n02_manual: Run All {ran:.1f} s; autosave off, the file as committed 5 s later')
