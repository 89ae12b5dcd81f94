"""Every figure on a lesson page (issue 22): a Quarto figure (`#| label: fig-…`, a caption that says what to see, alt text),
its plotting code folded, sharp on high-density screens (a PNG of twice the pixels it is shown at, by
`viz.sharp_png`), no wider than the text column, and no text under MIN_TEXT_PX at its displayed size.
Reads the saved outputs of the committed notebooks: no kernel."""
import base64, io, json, re
from pathlib import Path
import pytest
from PIL import Image

NBS = Path(__file__).parents[1] / 'nbs'
PAGES = sorted(p.stem for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer']
COLUMN_PX, MIN_TEXT_PX = 680, 9          # as rnn_walkthrough.viz says (this file imports nothing of the package)
IMAGE = ('image/png', 'image/svg+xml')

def directives(src:str) -> dict:
    "The cell's Quarto/nbdev options `#| key: value` (a bare `#| hide` maps to '')."
    out = {}
    for m in re.finditer(r'^#\|\s*([\w-]+)\s*:?\s*(.*)$', src, re.M): out[m.group(1)] = m.group(2).strip().strip('"\'')
    return out

def figure_cells(page:str):
    "(cell id, options, image outputs, visible code lines) of each cell whose figure the page shows."
    nb = json.loads((NBS / f'{page}.ipynb').read_text())
    for c in nb['cells']:
        if c['cell_type'] != 'code': continue
        src = ''.join(c['source']); opts = directives(src)
        if 'hide' in opts or opts.get('include') == 'false' or opts.get('output') == 'false': continue
        imgs = [o for o in c.get('outputs', []) if any(k in o.get('data', {}) for k in IMAGE)]
        if not imgs: continue
        code = [l for l in src.splitlines() if l.strip() and not l.startswith('#|')]
        yield c['id'], opts, imgs, code

def problems(page:str) -> list[str]:
    out, labels = [], set()
    for cid, opts, imgs, code in figure_cells(page):
        where = f"{page} cell {cid}"
        label = opts.get('label', '')
        if not label.startswith('fig-'): out.append(f"{where}: no '#| label: fig-…' (got {label!r})")
        elif label in labels: out.append(f"{where}: label {label} used twice on the page")
        labels.add(label)
        if len(opts.get('fig-cap', '').split()) < 4: out.append(f"{where}: no '#| fig-cap:' saying what to see")
        if len(opts.get('fig-alt', '').split()) < 4: out.append(f"{where}: no '#| fig-alt:' describing the figure")
        if len(imgs) != 1: out.append(f"{where}: {len(imgs)} images under one label (one figure per labelled cell)")
        if len(code) > 2 and opts.get('code-fold') not in ('true', 'show') and opts.get('echo') != 'false':
            out.append(f"{where}: {len(code)} lines of plotting code above the figure, not folded ('#| code-fold: true')")
        for o in imgs:
            if 'image/png' not in o['data']: continue
            md = o.get('metadata', {}).get('image/png', {})
            w, h = Image.open(io.BytesIO(base64.b64decode(''.join(o['data']['image/png'])))).size
            if 'width' not in md: out.append(f"{where}: a {w}-px PNG without display size: not made by sharp_png (light_inline_figures)"); continue
            if abs(w - 2 * md['width']) > 2: out.append(f"{where}: {w} px shown at {md['width']}: not 2x")
            if md['width'] > COLUMN_PX: out.append(f"{where}: shown {md['width']} px wide, wider than the {COLUMN_PX}-px column")
            if isinstance(md.get('text_px'), float) and md['text_px'].is_integer():
                out.append(f"{where}: text_px {md['text_px']} saved as a float: JupyterLab saves it as {int(md['text_px'])}, changing the file")
            if md.get('text_px', 0) < MIN_TEXT_PX: out.append(f"{where}: smallest text {md.get('text_px')} px as shown, under {MIN_TEXT_PX} px")
    return out

@pytest.mark.parametrize('page', PAGES)
def test_figures_are_numbered_captioned_sharp_and_legible(page):
    assert not (p := problems(page)), '\n'.join(p)

def test_the_check_catches_a_bare_figure(tmp_path, monkeypatch):
    "A figure cell with no options and a 1x PNG fails every rule."
    im = Image.new('RGB', (900, 300), 'white'); buf = io.BytesIO(); im.save(buf, format='png')
    cell = dict(cell_type='code', id='x', metadata={}, source='fig, ax = plt.subplots()\nax.plot(x)\nax.set_title("t")\n',
                outputs=[dict(output_type='display_data', metadata={}, data={'image/png': base64.b64encode(buf.getvalue()).decode()})])
    (tmp_path / 'bare.ipynb').write_text(json.dumps(dict(cells=[cell], metadata={}, nbformat=4, nbformat_minor=5)))
    monkeypatch.setattr(__import__(__name__), 'NBS', tmp_path)
    p = problems('bare')
    assert len(p) == 5 and 'label' in p[0] and 'fig-cap' in p[1] and 'fig-alt' in p[2] and 'not folded' in p[3] and 'sharp_png' in p[4]
    cell['source'] = '#| label: fig-x\n#| fig-cap: "What to see in it."\n#| fig-alt: "A line rising left to right."\n#| code-fold: true\n' + cell['source']
    cell['outputs'][0]['metadata'] = {'image/png': {'width': 900, 'height': 300, 'text_px': 8.0}}
    (tmp_path / 'bare.ipynb').write_text(json.dumps(dict(cells=[cell], metadata={}, nbformat=4, nbformat_minor=5)))
    p = problems('bare')
    assert len(p) == 4 and 'not 2x' in p[0] and 'wider than' in p[1] and 'as a float' in p[2] and 'under 9' in p[3]
