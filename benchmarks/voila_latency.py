"""Slider-to-screen latency in Voila, in Chromium: chapter 3's live explorer, old and new, on the same network and input.

- old: `TrajectoryExplorer` (ipywidgets + matplotlib): a key press on the rho slider's handle -> Python recomputes and
  renders a PNG -> the image widget's src changes. Timed from the key press to the first animation frame after the change.
- new: `LiveTrajectory` (anywidget + Vega-Lite): the rho slider's input event -> Python recomputes and sends the packed
  numbers -> Vega redraws (the widget dispatches 'rnnx-redrawn') -> the next animation frame.
Every request outside 127.0.0.1 is aborted. Goal: median <= 150 ms. Run: python benchmarks/voila_latency.py [moves]
Every control of the live explorers, in the Voila app and in JupyterLab: benchmarks/slider_latency.py.
"""
import json, statistics, sys, tempfile
from pathlib import Path
import nbformat
sys.path.insert(0, str(Path(__file__).parents[1] / 'tests'))
from browser import CHROMIUM_ARGS, ROOT, Voila, chromium_path

SETUP = """import torch
from rnn_walkthrough.data import make_data
from rnn_walkthrough.model import SimpleRNN
from rnn_walkthrough.manual import RNNWeights
torch.manual_seed(0); model = SimpleRNN(3, 5, 2); w = RNNWeights.from_model(model)
X = make_data(1, 30, 3, seed=0)[0]; X[6:] = 0"""
SHOW = {'old': "from rnn_walkthrough.viz import TrajectoryExplorer\nTrajectoryExplorer(w, X[None], seed=0)",
        'new': "from rnn_walkthrough.explorables import LiveTrajectory\nLiveTrajectory(w, X, t=12)"}

ARM = """() => { const img = document.querySelector('img.widget-image'); window.__before = img.src; window.__t0 = null;
  document.addEventListener('keydown', () => { window.__t0 = performance.now(); }, {once: true, capture: true}); }"""
OLD_WAIT = """async () => {
  const img = document.querySelector('img.widget-image');
  await new Promise(ok => { const check = () => (img.src !== window.__before || performance.now() - window.__t0 > 5000) ? ok() : setTimeout(check, 1); check(); });
  await new Promise(ok => requestAnimationFrame(ok));
  return performance.now() - window.__t0; }"""
NEW_MOVE = """async (v) => {
  const el = document.querySelector('.vega-embed'), inp = el.querySelector('input[name="rho"]');
  const done = new Promise(ok => { el.addEventListener('rnnx-redrawn', ok, {once: true}); setTimeout(ok, 5000); });
  const t0 = performance.now(); inp.value = v; inp.dispatchEvent(new Event('input', {bubbles: true}));
  await done; await new Promise(ok => requestAnimationFrame(ok)); return performance.now() - t0; }"""

def measure(browser, which, moves, tmp):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(SETUP), nbformat.v4.new_code_cell(SHOW[which])],
                                  metadata={'kernelspec': {'name': 'python3', 'display_name': 'python3', 'language': 'python'}})
    path = tmp / f'{which}.ipynb'; nbformat.write(nb, path)
    with Voila(path, tmp) as server:
        page = browser.new_page(viewport={'width': 1300, 'height': 900})
        page.route('**/*', lambda r: r.continue_() if r.request.url.startswith(('http://127.0.0.1', 'ws://127.0.0.1', 'data:')) else r.abort())
        page.goto(server.url, timeout=90_000)
        page.wait_for_selector('img.widget-image' if which == 'old' else '.vega-embed svg', timeout=90_000)
        page.wait_for_timeout(1500)
        lat = []
        for i in range(moves):
            if which == 'old':                              # a real key press on the handle, timed in the page from keydown
                if i == 0: page.locator('.widget-slider', has_text='ρ(W_hh)').locator('.noUi-handle').focus()
                page.evaluate(ARM); page.keyboard.press('ArrowRight' if (i // 10) % 2 == 0 else 'ArrowLeft')
                lat.append(page.evaluate(OLD_WAIT))
            else: lat.append(page.evaluate(NEW_MOVE, round(0.5 + 0.1 * (i % 20), 2)))
            page.wait_for_timeout(100)
        page.screenshot(path=str(tmp / f'voila_{which}.png'))
        page.close()
    return dict(median_ms=round(statistics.median(lat), 1), p90_ms=round(sorted(lat)[int(0.9 * len(lat))], 1), moves=len(lat))

if __name__ == '__main__':
    from playwright.sync_api import sync_playwright
    moves = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    with tempfile.TemporaryDirectory() as d, sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        res = {w: measure(b, w, moves, Path(d)) for w in ('old', 'new')}
        b.close()
    print(f"Voila, rho slider to screen (Chromium, {moves} moves each):")
    print(f"  old TrajectoryExplorer (matplotlib PNG): median {res['old']['median_ms']:6.1f} ms, p90 {res['old']['p90_ms']:6.1f} ms")
    print(f"  new LiveTrajectory (Vega-Lite, numbers): median {res['new']['median_ms']:6.1f} ms, p90 {res['new']['p90_ms']:6.1f} ms")
    print(json.dumps(res))
