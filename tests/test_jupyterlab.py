"""A newcomer's first hour: the chapters with live explorers, opened and run in JupyterLab in a real browser.

Each explorer's picture must be shown at its natural size (not stretched, not blurred), and one arrow-key press on
each of its sliders must change the picture. The time from key press to new picture is printed (pytest -s shows it).
The kernel-free explorables on the same pages must load the site's one Vega file from beside the notebook and draw
themselves (JupyterLab serves that file under files/, not under the page's own URL).
The notebooks are copied to a temporary folder first, so that JupyterLab's autosave never touches nbs/.
"""
import os, shutil, subprocess, sys, time, urllib.request
import pytest
from browser import ARTIFACTS, ROOT, free_port

CHAPTERS = {'03_trajectories': ['t (step)', 'ρ(W_hh)', 'input ×', 'input steps'], '04_bptt': ['ρ(W_hh)', 'input ×']}

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
def test_explorer_in_jupyterlab_is_sharp_and_every_slider_moves_it(lab, browser, chapter):
    page = browser.new_page(viewport={'width': 1400, 'height': 950})
    page.route(lambda u: not u.startswith(lab), lambda route: route.abort())   # nothing beyond the local server
    page.goto(f'{lab}lab/tree/{chapter}.ipynb?reset', timeout=90_000)
    panel = page.locator('.jp-NotebookPanel:visible')
    panel.locator('.jp-Cell').first.wait_for(timeout=90_000)
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90_000)
    _run_all(page)
    img = panel.locator('.jp-OutputArea-output .widget-image').first
    img.wait_for(state='attached', timeout=120_000)
    _until(lambda: img.evaluate("i => i.complete && i.naturalWidth > 0"), 60)
    _until(lambda: panel.locator('.jp-InputPrompt:has-text("[*]")').count() == 0, 120, what='Run All finishing')   # no cell queued
    boxes = panel.locator('div.rnnx')
    assert boxes.count() >= 1, f'{chapter}: no kernel-free explorable after Run All'
    _until(lambda: boxes.locator('.rnnx-poster').count() == 0 and boxes.locator('.rnnx-live svg').count() >= boxes.count(), 30,
           what=f'{chapter}: every kernel-free explorable drawn live (vega-bundle.js loaded in JupyterLab)')
    img.scroll_into_view_if_needed()
    natural, shown = img.evaluate("i => [i.naturalWidth, i.naturalHeight]"), img.evaluate("i => [i.clientWidth, i.clientHeight]")
    assert abs(shown[0] - natural[0]) <= 0.03 * natural[0] and abs(shown[1] - natural[1]) <= 0.03 * natural[1], \
        f'{chapter}: the explorer image is {natural} pixels but shown at {shown}'
    box = img.locator('xpath=ancestor::div[contains(@class, "widget-vbox")][1]')
    latencies = {}
    for label in CHAPTERS[chapter]:
        before = img.get_attribute('src')
        handle = box.locator('.widget-slider', has_text=label).locator('.noUi-handle')
        handle.focus()
        at_max = handle.get_attribute('aria-valuenow') == handle.get_attribute('aria-valuemax')
        t0 = time.perf_counter()
        page.keyboard.press('ArrowLeft' if at_max else 'ArrowRight')
        _until(lambda: img.get_attribute('src') != before, 10, what=f'{chapter}: the picture after a key press on {label!r}')
        latencies[label] = time.perf_counter() - t0
    page.screenshot(path=ARTIFACTS / f'jupyterlab_{chapter}.png')
    print(f"\n{chapter}: image {natural[0]}×{natural[1]} shown at {shown[0]}×{shown[1]}; key press to new picture: "
          + ', '.join(f'{k} {1000 * v:.0f} ms' for k, v in latencies.items()))
