"Helpers for the browser tests: which browser (one place decides), Chromium under Playwright, a Voila server, and the docs page of a chapter."
import os, re, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
# Standard library only up here: .ci/run asks this file for a browser before anything is installed.

ROOT = Path(__file__).parents[1]
ARTIFACTS = ROOT / 'test-artifacts'
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                 '--disable-sync', '--no-first-run', '--disable-dev-shm-usage']

BROWSER_NAMES = ('chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable')

def starts_headless(path:str, timeout:float=30) -> str|None:
    "None when `path` starts as a headless Chromium-family browser and renders a page; else why not."
    try:
        r = subprocess.run([path, '--headless', *CHROMIUM_ARGS, '--dump-dom', 'data:text/html,<p>ok</p>'],
                           capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as e: return f"{type(e).__name__}: {e}"
    if r.returncode == 0 and '<p>ok</p>' in r.stdout: return None
    return f"exit {r.returncode}: {(r.stderr or r.stdout).strip()[-300:] or 'no output'}"

def chromium_path() -> str:
    """The browser the tests use, decided here only: `CHROMIUM` if set (it must start), else the first of
    BROWSER_NAMES on PATH that starts headless (a snap wrapper that cannot start is skipped)."""
    if os.environ.get('CHROMIUM'):
        path = os.environ['CHROMIUM']
        if (why := starts_headless(path)): raise RuntimeError(f"CHROMIUM={path} does not start as a headless Chromium browser ({why})")
        return path
    tried = []
    for name in BROWSER_NAMES:
        if not (path := shutil.which(name)): continue
        if (why := starts_headless(path)) is None: return path
        tried.append(f"{path}: {why}")
    raise RuntimeError("no Chromium-family browser that starts headless: looked for " + ', '.join(BROWSER_NAMES) + " on PATH"
                       + (' and tried ' + '; '.join(tried) if tried else '') + ". Install one (apt-get install chromium) or set CHROMIUM to its path")

def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

class Voila:
    "A Voila server on 127.0.0.1 for one notebook, stopped on exit."
    def __init__(self, notebook, tmp): self.notebook, self.tmp, self.port = Path(notebook), Path(tmp), free_port()
    def __enter__(self):
        env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}   # the kernel inherits it; Agg would hide plots
        self.log = open(self.tmp / 'voila.log', 'w')
        self.proc = subprocess.Popen([sys.executable, '-m', 'voila', '--no-browser', f'--port={self.port}', '--Voila.ip=127.0.0.1',
                                      f'--Voila.connection_dir_root={self.tmp}', str(self.notebook)],
                                     cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f'http://127.0.0.1:{self.port}/'
        deadline = time.time() + 60
        while time.time() < deadline:
            try: urllib.request.urlopen(self.url, timeout=2).close(); return self
            except OSError: time.sleep(0.3)
        self.__exit__(); raise RuntimeError(f"Voila did not answer on {self.url}: {(self.tmp / 'voila.log').read_text()[-2000:]}")
    def __exit__(self, *args):
        self.proc.terminate()
        try: self.proc.wait(10)
        except subprocess.TimeoutExpired: self.proc.kill()
        self.log.close()

class JupyterLab:
    """A JupyterLab server on 127.0.0.1 serving the folder `root` (a temporary copy: its autosave never touches nbs/),
    with a fresh workspace and no token, stopped on exit. `url` is its base URL."""
    def __init__(self, root, *args): self.root, self.port, self.args = Path(root), free_port(), list(args)   # args: more of jupyter lab's options
    def __enter__(self):
        env = {k: v for k, v in os.environ.items() if k != 'MPLBACKEND'}   # the kernel inherits it; Agg would hide plots
        env['JUPYTERLAB_WORKSPACES_DIR'] = str(self.root / 'workspaces')   # no tab restored from elsewhere
        self.log = open(self.root / 'lab.log', 'w')
        self.proc = subprocess.Popen([sys.executable, '-m', 'jupyter', 'lab', '--no-browser', f'--port={self.port}', '--ServerApp.ip=127.0.0.1',
                                      '--IdentityProvider.token=', '--ServerApp.password=', f'--ServerApp.root_dir={self.root}',
                                      '--LabApp.news_url=', '--allow-root', *self.args],
                                     cwd=self.root, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f'http://127.0.0.1:{self.port}/'
        deadline = time.time() + 90
        while time.time() < deadline and self.proc.poll() is None:
            try: urllib.request.urlopen(self.url + 'api', timeout=2).close(); return self
            except OSError: time.sleep(0.5)
        self.__exit__(); raise RuntimeError(f"JupyterLab did not start: {(self.root / 'lab.log').read_text()[-2000:]}")
    def api(self, path:str, method:str='GET'):
        "The server's REST API: the decoded JSON answer, or None when there is no body."
        import json
        with urllib.request.urlopen(urllib.request.Request(self.url + 'api/' + path, method=method), timeout=10) as r:
            body = r.read()
        return json.loads(body) if body else None
    def __exit__(self, *args):
        self.proc.terminate()
        try: self.proc.wait(10)
        except subprocess.TimeoutExpired: self.proc.kill()
        self.log.close()

# The live explorers (rnn_walkthrough.explorables: LiveTrajectory, LiveGradNorm) in a page: Vega's own inputs, one per
# control. A control that changes the computation goes to Python and back: the widget says 'rnnx-redrawn' when Vega has
# drawn the new numbers. The step t moves in the browser alone: its picture is the first change of the drawing.
LIVE = '.vega-embed[data-lm-suppress-shortcuts]'
IN_BROWSER = {'t'}
_ARM = """([sel, client]) => {
  const el = document.querySelector(sel), L = window.__rnnxLat = {t0: null, done: null};
  const finish = () => { if (L.t0 === null || L.done !== null) return false; L.done = performance.now(); return true; };
  document.addEventListener('keydown', () => { L.t0 = performance.now(); }, {once: true, capture: true});
  if (client) { const mo = new MutationObserver(() => { if (finish()) mo.disconnect(); });
                mo.observe(el.querySelector('svg'), {subtree: true, childList: true, attributes: true, characterData: true}); }
  else { const on = () => { if (finish()) el.removeEventListener('rnnx-redrawn', on); }; el.addEventListener('rnnx-redrawn', on); }
}"""
_WAIT = """async () => {
  const L = window.__rnnxLat, start = performance.now();
  await new Promise(ok => { const check = () => (L.done !== null || performance.now() - start > 10000) ? ok() : setTimeout(check, 1); check(); });
  await new Promise(ok => requestAnimationFrame(ok));             // the frame that shows it
  return L.done === null ? null : performance.now() - L.t0; }"""

def live_value(page, name:str, sel:str=LIVE) -> str:
    "The value a live explorer's control `name` shows (a radio group: the checked option)."
    return page.locator(f'{sel} input[name="{name}"]:checked, {sel} input[name="{name}"][type="range"]').first.input_value()

def live_press(page, name:str, key:str, sel:str=LIVE) -> float|None:
    """Focus the live explorer's control `name` (a radio group: its checked option) and press `key`, as a reader with a
    keyboard would; returns the milliseconds from the key press to the frame that shows the new picture (None: no change)."""
    page.locator(f'{sel} input[name="{name}"]:checked, {sel} input[name="{name}"][type="range"]').first.focus()
    page.evaluate(_ARM, [sel, name in IN_BROWSER])
    page.keyboard.press(key)
    return page.evaluate(_WAIT)

def processed_notebooks() -> Path:
    """Run nbdev's processing of the notebooks (what nbdev_docs does before handing them to Quarto); returns _proc/.
    pytest's parallel workers share _proc/: one at a time processes it, the next finds it up to date."""
    import fcntl
    # In a process of its own: nbdev writes the calling process's live ipywidgets state into every processed notebook's
    # metadata, so widgets a test made earlier in this worker (e.g. the live explorers of test_colab.py) would add
    # their state, about 29 KB, to every page measured here.
    with open(ROOT / '.proc.lock', 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        out = subprocess.run([sys.executable, '-c', 'from nbdev.serve import proc_nbs; print(proc_nbs(n_workers=0))'],
                             cwd=ROOT, check=True, capture_output=True, text=True).stdout
        proc = Path(out.strip().splitlines()[-1])
        return proc if proc.is_absolute() else ROOT / proc

def page_file(name:str) -> str:
    "The site's file of a notebook: 03_trajectories -> trajectories.html, primer -> primer.html, api/viz -> api/viz.html."
    d, _, stem = name.rpartition('/')
    return (d + '/' if d else '') + re.sub(r'^\d+_', '', stem) + '.html'

def render_docs_page(chapter:str, out_dir:Path, proc:Path) -> Path:
    "The docs page of a chapter as the site shows it: Quarto's page where `quarto` exists, else nbconvert HTML of nbdev's processed notebook."
    page = page_file(chapter)
    if shutil.which('quarto'):
        subprocess.run(['nbdev_docs'], cwd=ROOT, check=True, capture_output=True)
        return ROOT / '_docs' / page
    import nbformat
    src = (out_dir / Path(page).name).with_suffix('.ipynb')    # api/viz -> out_dir/viz.ipynb: nbconvert writes beside it
    nb = nbformat.read(proc / f'{chapter}.ipynb', as_version=4)
    for c in nb.cells:                 # Quarto shows only the output of a `#| echo: false` cell: so does this page
        if c.cell_type == 'code' and re.search(r'^#\|\s*echo:\s*false', c.source, re.M): c.metadata.setdefault('tags', []).append('remove_input')
        if c.cell_type == 'code' and re.search(r'^#\|\s*column:\s*page\s*$', c.source, re.M):
            c.metadata.setdefault('tags', []).append('column-page')   # Quarto's wider page column; nbconvert: class celltag_column-page
    nbformat.write(nb, src)
    subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'html', str(src), '--output-dir', str(out_dir),
                    '--TagRemovePreprocessor.enabled=True', '--TagRemovePreprocessor.remove_input_tags=remove_input'], check=True, capture_output=True)
    return out_dir / Path(page).name

if __name__ == '__main__':   # .ci/run asks here which browser to use: prints its path, or exits 1 saying why there is none
    try: print(chromium_path())
    except RuntimeError as e: sys.exit(str(e))
