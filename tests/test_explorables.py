"""The kernel-free explorables (rnn_walkthrough.explorables) on the docs pages, in a real browser with the network blocked.

Each chapter page is rendered as the site shows it (tests/browser.py: Quarto where it exists, else nbconvert), given
Quarto's `<meta name="quarto:offset">` tag when it lacks one, and served from 127.0.0.1 with the site's one shared
library file, vega-bundle.js, beside it. Every request that is not to that server (or file:, data:) is aborted.

The page's own weight is what it loads beyond what every page of the site shares: the document and its same-origin
resources, decoded, without the theme (nbconvert's inline <style>, Quarto's site_libs/) and without vega-bundle.js;
base64 `data:` images count at their binary size, as Quarto ships figures as files. Run with -s to see it."""
import base64, functools, http.server, re, shutil, threading
from pathlib import Path
import pytest
from browser import ARTIFACTS, ROOT, render_docs_page

CHAPTERS = ['03_trajectories', '04_bptt', '07_gates', 'primer']
CONTROLS = {'03_trajectories': 3, '04_bptt': 2, '07_gates': 1, 'primer': 3}   # sliders and button groups per explorable: rho, scale (and t); 07 steps t only; primer r, theta, t
SHARED = 'vega-bundle.js'
LIMIT = 300_000                       # bytes of a chapter page's own weight

@pytest.fixture(scope='module')
def site(proc_dir, tmp_path_factory):
    "The chapters' pages in one folder with vega-bundle.js, served on 127.0.0.1; yields (base url, {chapter: page file})."
    out = tmp_path_factory.mktemp('site')
    pages = {}
    for ch in CHAPTERS:
        src = render_docs_page(ch, out, proc_dir)
        html = src.read_text()
        if 'name="quarto:offset"' not in html:             # nbconvert's page: add what Quarto writes into every page
            html = html.replace('<head>', '<head>\n<meta name="quarto:offset" content="./">', 1)
        pages[ch] = out / src.name
        pages[ch].write_text(html)
        if src.parent != out and (src.parent / 'site_libs').exists() and not (out / 'site_libs').exists():
            shutil.copytree(src.parent / 'site_libs', out / 'site_libs')
    shutil.copy(ROOT / 'nbs' / SHARED, out / SHARED)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{srv.server_port}/', pages
    srv.shutdown()

def _offline(page, base):
    "Abort every request that leaves the local server; collect JS errors (not the aborted CDN loads)."
    page.route('**/*', lambda r: r.continue_() if r.request.url.startswith((base, 'file:', 'data:')) else r.abort())
    errors = []
    page.on('pageerror', lambda e: errors.append(str(e)))
    def console(m):
        if m.type == 'error' and not ('Failed to load resource' in m.text and not m.location.get('url', '').startswith(base)):
            errors.append(m.text)
    page.on('console', console)
    return errors

DATA_IMG = re.compile(rb'data:image/[a-z+]+;base64,([A-Za-z0-9+/=]+)')

def own_weight(html:bytes, resources, shared:int|None=None) -> dict:
    "The page's own bytes: document without inline theme CSS, data: images at binary size, same-origin resources but the shared ones."
    styles = sum(len(m) for m in re.findall(rb'<style[^>]*>.*?</style>', html, re.S))
    html = re.sub(rb'<style[^>]*>.*?</style>', b'', html, flags=re.S)   # the theme's CSS (and the icons inside it) is shared
    b64 = DATA_IMG.findall(html)
    images = sum(len(base64.b64decode(s)) for s in b64)
    doc = len(html) - sum(len(s) for s in b64)
    res = sum(size for name, size in resources if not name.endswith('/' + SHARED) and '/site_libs/' not in name)
    if shared is None: shared = template_bytes() if b'quarto' not in html[:3000] else 0   # nbconvert's template: shared like Quarto's
    doc -= shared
    return dict(total=doc + images + res, document=doc, data_images=images, resources=res, theme_css=styles, template=shared)

@functools.cache
def template_bytes() -> int:
    "What every rendered page carries however empty it is (the page template's own scripts and markup): shared, not counted."
    import subprocess, sys, tempfile, nbformat
    out = Path(tempfile.mkdtemp())
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}})
    nbformat.write(nb, out / 'empty.ipynb')
    subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'html', str(out / 'empty.ipynb')], check=True, capture_output=True)
    return own_weight((out / 'empty.html').read_bytes(), [], shared=0)['document']

def _svg(box): return box.locator('.rnnx-live svg').first.inner_html()

def _move(page, box, inp):
    "Move one control to another value, as a reader would: a range input to a new position, a radio button to another option."
    kind = inp.get_attribute('type')
    if kind == 'radio':
        name = inp.get_attribute('name')
        radios = box.locator(f'input[type=radio][name="{name}"]')
        target = next(radios.nth(i) for i in range(radios.count()) if not radios.nth(i).is_checked())
        target.check()
        return name, target.get_attribute('value')
    lo, hi, now = (float(inp.get_attribute(a) or d) for a, d in (('min', 0), ('max', 1), ('value', 0)))
    value = lo + 0.8 * (hi - lo) if now < lo + 0.5 * (hi - lo) else lo + 0.2 * (hi - lo)
    step = float(inp.get_attribute('step') or 1)
    value = lo + round((value - lo) / step) * step
    inp.fill(f'{value:g}')
    return inp.get_attribute('name'), f'{value:g}'

@pytest.mark.parametrize('chapter', CHAPTERS)
def test_every_slider_changes_the_drawing_offline(browser, site, chapter):
    base, pages = site
    page = browser.new_page(viewport={'width': 1300, 'height': 950})
    errors = _offline(page, base)
    page.goto(base + pages[chapter].name)
    boxes = page.locator('div.rnnx')
    assert boxes.count() >= 1, f'{chapter}: no explorable on the page'
    page.wait_for_function("() => document.querySelectorAll('.rnnx-poster').length == 0 && "
                           "[...document.querySelectorAll('.rnnx-live')].every(e => e.querySelector('svg'))", timeout=30_000)
    for i in range(boxes.count()):
        box = boxes.nth(i)
        box.scroll_into_view_if_needed()
        box.screenshot(path=ARTIFACTS / f'explorable_{chapter}_{i}_default.png')
        inputs = box.locator('.vega-bindings input[type=range], .vega-bindings input[type=radio]:checked')
        assert inputs.count() >= CONTROLS[chapter], f'{chapter}: explorable {i} has {inputs.count()} controls'
        for k in range(inputs.count()):
            before = _svg(box)
            name, value = _move(page, box, inputs.nth(k))
            page.wait_for_function("([id, b]) => document.getElementById(id).querySelector('.rnnx-live svg').innerHTML !== b",
                                   arg=[box.get_attribute('id'), before], timeout=5_000)
            print(f'{chapter}: explorable {i}: {name} -> {value} redrew the chart')
        box.screenshot(path=ARTIFACTS / f'explorable_{chapter}_{i}_moved.png')
    assert not errors, errors
    w = page.evaluate("() => performance.getEntriesByType('resource').filter(r => r.name.startsWith(location.origin)).map(r => [r.name, r.decodedBodySize])")
    weight = own_weight(pages[chapter].read_bytes(), w)
    print(f"\n{chapter}: own weight {weight['total'] / 1000:.0f} KB (document {weight['document'] / 1000:.0f} KB without "
          f"{weight['theme_css'] / 1000:.0f} KB of theme CSS, data images {weight['data_images'] / 1000:.0f} KB binary, "
          f"other same-origin files {weight['resources'] / 1000:.0f} KB); shared {SHARED} not counted")
    assert weight['total'] <= LIMIT, f"{chapter}: the page's own weight is {weight['total']:,} bytes, over {LIMIT:,}: {weight}"

@pytest.mark.parametrize('chapter', CHAPTERS)
def test_explorables_show_their_poster_without_javascript(browser, site, chapter):
    "Where no script runs (GitHub, nbconvert, an untrusted notebook) each explorable shows its default state as a picture."
    base, pages = site
    ctx = browser.new_context(java_script_enabled=False, viewport={'width': 1300, 'height': 950})
    page = ctx.new_page()
    _offline(page, base)
    page.goto(base + pages[chapter].name)
    posters = page.locator('div.rnnx img.rnnx-poster')
    assert posters.count() >= 1
    for i in range(posters.count()):
        img = posters.nth(i)
        img.scroll_into_view_if_needed()
        assert img.is_visible() and img.evaluate("e => e.complete && e.naturalWidth > 300"), f'{chapter}: explorable {i} shows no poster'
        img.screenshot(path=ARTIFACTS / f'explorable_{chapter}_{i}_nojs.png')
