"""The docs pages read like a book at 1280 px (issue 22): no page wider than the window, no code or printed output
scrolling sideways out of the text column (the site wraps it: styles.css and _quarto.yml's code-overflow), no figure,
table or explorable wider than the column or clipped by it, and no link to an anchor that the target page lacks
(nbdev links a backticked name to its show_doc heading, which private names do not get).

Pages are rendered as the site shows them (tests/browser.py: Quarto's page where `quarto` exists, else nbconvert's
HTML of nbdev's processed notebook). On nbconvert's page the test gives the document Quarto's 680-px text column (1200 px for
a `#| column: page` cell) and the site's styles.css, without the In/Out prompts, so the same rules are measured on both."""
import functools, http.server, re, shutil, threading
from pathlib import Path
import pytest
from browser import ROOT, page_file, render_docs_page

NBS = ROOT / 'nbs'
PAGES = (['index'] + sorted(p.stem for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer']
         + sorted(f'api/{p.stem}' for p in (NBS / 'api').glob('*.ipynb')))
COLUMN_PX, PAGE_COLUMN_PX, MIN_TEXT_PX, WINDOW = 680, 1200, 9, dict(width=1280, height=900)   # Quarto at 1280 px: 680 and 1229
SITE_URL = 'https://rnn-walkthrough.github.io/rnn_walkthrough/'
AS_QUARTO = """<link rel="stylesheet" href="{up}styles.css">
<style>main {{ max-width: %dpx; margin: 0 auto; padding: 0; }} .jp-InputPrompt, .jp-OutputPrompt {{ display: none; }}
.jp-Cell {{ padding-left: 0; padding-right: 0; }}
.celltag_column-page {{ width: %dpx; margin-left: -%dpx; }}</style>""" % (COLUMN_PX, PAGE_COLUMN_PX, (PAGE_COLUMN_PX - COLUMN_PX) // 2)

@pytest.fixture(scope='module')
def site(proc_dir, tmp_path_factory):
    "Every page in one folder (api/ pages in api/), with styles.css and vega-bundle.js, served on 127.0.0.1."
    out = tmp_path_factory.mktemp('site'); (out / 'api').mkdir()
    for name in PAGES:
        dest = out / page_file(name)
        src = render_docs_page(name, dest.parent, proc_dir)
        html = src.read_text()
        if 'quarto' not in html[:3000]:                  # nbconvert's page: Quarto's column and the site's CSS
            up = '../' if '/' in name else ''
            html = html.replace('</head>', AS_QUARTO.format(up=up) + '\n</head>', 1)
            if 'name="quarto:offset"' not in html: html = html.replace('<head>', f'<head>\n<meta name="quarto:offset" content="./{up}">', 1)
        dest.write_text(html)
    for f in ('styles.css', 'vega-bundle.js'): shutil.copy(NBS / f, out / f)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    handler.log_message = lambda *a: None
    srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f'http://127.0.0.1:{srv.server_port}/'
    srv.shutdown()

MEASURE = """() => {
  const main = document.querySelector('#quarto-document-content') || document.querySelector('main');
  const col = main.getBoundingClientRect(), seen = e => e.offsetParent !== null && e.getBoundingClientRect().width > 0;
  const what = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '');
  const out = {page: document.documentElement.scrollWidth, column: Math.round(col.width), pre: [], wide: [], clipped: []};
  for (const p of main.querySelectorAll('pre')) if (seen(p) && p.scrollWidth > p.clientWidth + 1)
    out.pre.push(`${p.scrollWidth} px in ${p.clientWidth}: ${p.innerText.split('\\n').find(l => l.length > 60) || p.innerText.slice(0, 80)}`);
  for (const e of main.querySelectorAll('img, canvas, table, .vega-embed, .jp-RenderedSVG > svg, .cell-output-display > svg, .jupyter-widgets')) {
    if (!seen(e)) continue;
    const r = e.getBoundingClientRect(), box = (e.closest('.column-page, .celltag_column-page') || main).getBoundingClientRect();
    if (r.right > box.right + 1) out.wide.push(`${what(e)} ${Math.round(r.width)} px, ${Math.round(r.right - box.right)} px past its column`);
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') out.clipped.push(`${what(e)} shows ${e.clientWidth} of ${e.scrollWidth} px`);
    for (let a = e.parentElement; a && a !== main; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible' && a.clientWidth + 1 < r.width) { out.clipped.push(`${what(e)} ${Math.round(r.width)} px in a ${a.clientWidth}-px ${what(a)}`); break; }
  }
  out.text = [];                                                 // explorables' text as drawn: its size times the chart's scale
  for (const svg of main.querySelectorAll('.vega-embed svg')) {
    if (!seen(svg) || !svg.width.baseVal.value) continue;
    const scale = svg.getBoundingClientRect().width / svg.width.baseVal.value;
    for (const t of svg.querySelectorAll('text')) if (t.textContent.trim())
      out.text.push([Math.round(parseFloat(getComputedStyle(t).fontSize) * scale * 10) / 10, t.textContent.slice(0, 30)]);
  }
  return out; }"""

@pytest.fixture(scope='module')
def measured(site, browser):
    page = browser.new_page(viewport=WINDOW)
    page.route('**/*', lambda r: r.continue_() if r.request.url.startswith((site, 'file:', 'data:')) else r.abort())
    res = {}
    for name in PAGES:
        page.goto(site + page_file(name)); page.wait_for_timeout(400)     # the explorables draw
        res[name] = page.evaluate(MEASURE)
    page.close()
    return res

@pytest.mark.parametrize('name', PAGES)
def test_page_fits_the_window_and_its_column(measured, name):
    m = measured[name]
    assert m['page'] <= WINDOW['width'], f"{name}: the page is {m['page']} px wide in a {WINDOW['width']}-px window"
    assert not m['pre'], f"{name}: {len(m['pre'])} code/output blocks scroll sideways:\n" + '\n'.join(m['pre'][:10])
    small = sorted(t for t in m['text'] if t[0] < MIN_TEXT_PX)
    assert not small, f"{name}: explorable text under {MIN_TEXT_PX} px as drawn: {small[:5]}"
    bad = m['wide'] + m['clipped']
    assert not bad, f"{name}: wider than the {m['column']}-px column or clipped:\n" + '\n'.join(bad[:10])

def pandoc_id(text:str) -> str:
    "The id pandoc (Quarto) gives a heading: formatting dropped, lowercase, spaces to '-', no leading non-letters."
    t = re.sub(r'<[^>]+>', '', text)
    t = re.sub(r'\[([^\]]*)\]\([^)]*\)', r'\1', t).replace('`', '').replace('*', '').strip().lower()
    t = re.sub(r'\s+', '-', ''.join(ch for ch in t if ch.isalnum() or ch in '_-. \t'))
    return re.sub(r'^[^a-z]+', '', t) or 'section'

HEADING = re.compile(r'^#{1,6}\s+(.*?)\s*(?:\{#([A-Za-z][\w.:-]*)[^}]*\})?\s*$', re.M)   # pandoc takes no {#_id}
HTML_ID = re.compile(r'(?:\bid|\bname)=["\']([^"\']+)["\']')
LINK = re.compile(r'\]\(([^)\s]+)\)|href=["\']([^"\']+)["\']')
FENCE = re.compile(r'```.*?```', re.S)

def page_texts(nb:dict) -> list[str]:
    "The markdown a page shows: its markdown cells and the markdown/HTML outputs (show_doc's headings among them)."
    out = []
    for c in nb['cells']:
        if c['cell_type'] == 'markdown': out.append(''.join(c['source']))
        for o in c.get('outputs', []):
            for k in ('text/markdown', 'text/html'): out.append(''.join(o.get('data', {}).get(k, '')))
    return out

def anchors(nb:dict) -> set[str]:
    "Every id the page will have: headings (explicit {#id} or pandoc's), HTML ids, Quarto figure labels."
    ids = set()
    for t in page_texts(nb):
        for text, explicit in HEADING.findall(FENCE.sub('', t)): ids.add(explicit or pandoc_id(text))
        ids |= set(HTML_ID.findall(t))
    for c in nb['cells']:
        if c['cell_type'] == 'code': ids |= set(re.findall(r'^#\|\s*label:\s*(\S+)', ''.join(c['source']), re.M))
    return ids

def _target(href:str, here:str) -> tuple[str, str]|None:
    "(page, anchor) of a link into the site, pages named as in PAGES ('04_bptt', 'api/viz'); None for a link elsewhere."
    path, _, anchor = href.partition('#')
    if path.startswith(SITE_URL): path = path[len(SITE_URL):]
    elif re.match(r'^[a-z]+:', path): return None
    elif path: path = str(Path(here).parent / path).removeprefix('./')
    else: return here, anchor
    while '/../' in '/' + path: path = re.sub(r'(^|/)[^/]+/\.\./', r'\1', path, count=1)
    stem = re.sub(r'\.(ipynb|html)$', '', path)
    by_file = {page_file(n)[:-5]: n for n in PAGES}          # 'bptt' -> '04_bptt', 'api/viz' -> 'api/viz'
    return (stem if stem in PAGES else by_file.get(stem, stem)), anchor

def broken_anchors(proc:Path) -> list[str]:
    "'page: link' for each link from a page into the site whose anchor the target page will not have."
    import json
    nbs = {n: json.loads((proc / f'{n}.ipynb').read_text()) for n in PAGES}
    ids, out = {n: anchors(nb) for n, nb in nbs.items()}, []
    for n, nb in nbs.items():
        for t in page_texts(nb):
            for a, b in LINK.findall(FENCE.sub('', t)):
                tgt = _target(a or b, n)
                if tgt and tgt[1] and tgt[0] in ids and tgt[1] not in ids[tgt[0]]: out.append(f"{page_file(n)}: {a or b}")
    return sorted(set(out))

def test_every_link_into_the_site_finds_its_anchor(proc_dir):
    "Read from nbdev's processed notebooks with pandoc's rule for heading ids: the ids Quarto's pages will have."
    assert not (bad := broken_anchors(proc_dir)), f"{len(bad)} links to anchors that do not exist:\n" + '\n'.join(bad)

def test_the_link_check_knows_pandocs_ids():
    assert pandoc_id('_bptt') == 'bptt' and pandoc_id('RNNWeights.from_model') == 'rnnweights.from_model'
    assert pandoc_id('3. Hidden-state trajectories') == 'hidden-state-trajectories' and pandoc_id('The `fit` loop') == 'the-fit-loop'
    assert _target(SITE_URL + 'bptt.html#_bptt', 'index') == ('04_bptt', '_bptt')
    assert _target('../02_manual.ipynb#rnn_step', 'api/viz') == ('02_manual', 'rnn_step')
    assert _target('#pca', 'primer') == ('primer', 'pca') and _target('https://pytorch.org/docs#x', 'index') is None
    nb = {'cells': [{'cell_type': 'markdown', 'source': ['## The Jacobian {#jacobian}\n\nSee [it](#jacobian).']}]}
    assert anchors(nb) == {'jacobian'}
    nb = {'cells': [{'cell_type': 'markdown', 'source': ['### _bptt {#_bptt}\n\n### _newton <span id="_newton"></span>']}]}
    assert '_bptt' not in anchors(nb) and '_newton' in anchors(nb)   # pandoc 3.9 prints '{#_bptt}' as text

def duplicated_options(src:str) -> set[str]:
    "The `#| key:` cell options a cell gives twice (Quarto refuses the page: 'duplicated mapping key')."
    keys = re.findall(r'^#\|\s*([\w-]+)\s*:', src, re.M)
    return {k for k in keys if keys.count(k) > 1}

def test_no_processed_cell_gives_an_option_twice(proc_dir):
    "nbdev adds `code-fold` to every `exports` cell; a cell that folds itself (an exercise's answer) must not get a second."
    import json
    bad = [f"{p.relative_to(proc_dir)} cell {c.get('id')}: {sorted(d)}" for p in sorted(proc_dir.rglob('*.ipynb'))
           for c in json.loads(p.read_text())['cells'] if (d := duplicated_options(''.join(c['source'])))]
    assert not bad, 'cells Quarto would refuse:\n' + '\n'.join(bad)
    assert duplicated_options('#| code-fold: show\n#| code-summary: "x"\n#| code-fold: true\n') == {'code-fold'}

LESSONS = ['index'] + sorted(p.stem for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer']

def artifacts(name:str, nb:dict) -> list[str]:
    "What issue 22 found on the pages and must not come back: machinery text learners read, answers one click away."
    out, texts = [], page_texts(nb)
    for t in texts:
        if 'Call self as a function' in t: out.append(f"{name}: show_doc of a function without a docstring ('Call self as a function.')")
    if name in LESSONS:
        shown = texts + [''.join(c['source']) for c in nb['cells'] if c['cell_type'] == 'code'
                         and not re.search(r'^#\|\s*(hide|exporti|include:\s*false)', ''.join(c['source']), re.M)]   # eval: false cells show
        for t in shown:
            if m := re.search(r'(?i)\bmaintainers?\b|rerun tolerance|the issue\b', t): out.append(f"{name}: maintainer text on a learner page: ...{t[max(0, m.start() - 40):m.end() + 40]!r}...")
        for t in texts:
            for h in re.findall(r'^#+ Exercise\b.*$', t, re.M):
                if '`' in h or '](' in h: out.append(f"{name}: an exercise heading that links (to the answer's docs): {h!r}")
    return out

def test_no_artifacts_on_the_pages(proc_dir):
    import json
    bad = [a for n in PAGES for a in artifacts(n, json.loads((proc_dir / f'{n}.ipynb').read_text()))]
    assert not bad, '\n'.join(bad)

def test_the_artifact_check_catches_them():
    md = lambda s: {'cell_type': 'markdown', 'source': [s]}
    nb = {'cells': [md('### Exercise 1: `rnn_step`'), md('## For maintainers'),
                    {'cell_type': 'code', 'source': ['x = 1'], 'outputs': [{'data': {'text/markdown': ['*Call self as a function.*']}}]}]}
    assert len(artifacts('02_manual', nb)) == 3 and len(artifacts('api/viz', nb)) == 1
