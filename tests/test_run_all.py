"""Run All in JupyterLab, as a learner presses it, on the chapters whose long trainings sit behind a `retrain = False`
switch (7, 8 and 9). Jupyter runs `#| eval: false` cells (nbdev_test skips them), so a switch left on, or a cell that
writes the shipped files, shows up here and nowhere else. Each chapter must finish (every code cell executed, the kernel
idle) within LIMIT seconds, raise nothing, write no new .npz, and leave rnn_walkthrough/weights/*.npz byte for byte as
they were. The time from Run All to idle is printed (pytest -s shows it). The notebooks are copied to a temporary folder
first, so that JupyterLab's autosave never touches nbs/."""
import hashlib, json, shutil, time
import pytest
from browser import ARTIFACTS, ROOT, JupyterLab

CHAPTERS = ['07_gates', '08_char_rnn', '09_dynamics', '10_lengths', '11_attention']
LIMIT = 120           # seconds from Run All to an idle kernel, on 2 cores (issue 29)

def _weights() -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / 'rnn_walkthrough' / 'weights').glob('*.npz'))}

@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    root = tmp_path_factory.mktemp('run_all')
    for name in CHAPTERS: shutil.copy(ROOT / 'nbs' / f'{name}.ipynb', root)
    shutil.copy(ROOT / 'nbs' / 'vega-bundle.js', root)                # beside the notebooks, as in nbs/
    with JupyterLab(root, '--LabApp.expose_app_in_browser=True', '--ServerApp.disable_check_xsrf=True') as server: yield server

# The notebook as JupyterLab holds it (window.jupyterapp, exposed by --LabApp.expose_app_in_browser): every code cell,
# executed or not, and its errors. The page renders only the cells in view, so its prompts cannot be counted.
STATE = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const code = Array.from(panel.content.model.cells).filter(c => c.type === 'code');
    return {n: code.length, done: code.filter(c => c.executionCount !== null).length,
            kernel: panel.sessionContext.session?.kernel?.status ?? 'none',
            errors: code.flatMap(c => c.outputs.toJSON().filter(o => o.output_type === 'error').map(o => [c.id, o.ename, o.evalue]))};
}"""

@pytest.mark.parametrize('chapter', CHAPTERS)
def test_run_all_finishes_in_time_without_an_error_or_a_write(lab, browser, chapter):
    path = lab.root / f'{chapter}.ipynb'
    n_code = sum(c['cell_type'] == 'code' for c in json.loads(path.read_text())['cells'])
    weights, npz = _weights(), set(lab.root.rglob('*.npz'))
    page = browser.new_page(viewport={'width': 1400, 'height': 950})
    page.route(lambda u: not u.startswith(lab.url), lambda route: route.abort())   # nothing beyond the local server
    page.goto(f'{lab.url}lab/tree/{chapter}.ipynb?reset', timeout=90_000)
    page.locator('.jp-NotebookPanel:visible .jp-Cell').first.wait_for(timeout=90_000)
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=90_000)
    state = page.evaluate(STATE)
    assert state['n'] == n_code and state['done'] == 0, f'{chapter}: before Run All, {state}'
    try:
        page.locator('.lm-MenuBar-itemLabel:text-is("Run")').click()
        page.locator('.lm-Menu-itemLabel:text-is("Run All Cells")').click()
        t0, idle_since = time.perf_counter(), None
        while True:                        # done: every code cell executed and the kernel idle
            state = page.evaluate(STATE)
            if state['kernel'] == 'idle' and state['done'] == n_code: break
            idle_since = (idle_since or time.perf_counter()) if state['kernel'] == 'idle' else None
            if idle_since and time.perf_counter() - idle_since > 5: break          # idle with cells left: an error ended Run All
            assert time.perf_counter() - t0 < LIMIT, f"{chapter}: Run All still running after {LIMIT} s ({state['done']} of {n_code} cells done)"
            time.sleep(0.2)
        seconds = time.perf_counter() - t0
        assert not state['errors'], f"{chapter}: Run All raised {state['errors']}"
        assert state['done'] == n_code, f"{chapter}: Run All stopped after {state['done']} of {n_code} cells"
        assert _weights() == weights, f'{chapter}: Run All changed the shipped weights: ' + \
            ', '.join(k for k, v in _weights().items() if weights.get(k) != v)
        new = sorted(str(p.relative_to(lab.root)) for p in set(lab.root.rglob('*.npz')) - npz)
        assert not new, f'{chapter}: Run All wrote {new}: a retrain switch left on?'
        page.screenshot(path=ARTIFACTS / f'run_all_{chapter}.png')
        print(f'\n{chapter}: Run All in JupyterLab, {n_code} code cells, kernel idle after {seconds:.1f} s (limit {LIMIT} s)')
    finally:
        for s in lab.api('sessions'):                               # free the kernel's memory for the next chapter
            if s['path'].endswith(f'{chapter}.ipynb'): lab.api(f"sessions/{s['id']}", 'DELETE')
