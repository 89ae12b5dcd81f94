"Every docs page stays within its own weight budget (issue 15): a chapter's cell sources and saved outputs, images at binary size, at most 300 KB. The browser measurement of the pages with explorables is in test_explorables.py; this one covers every page without a browser."
import base64, re
from pathlib import Path
import nbformat, pytest

NBS = Path(__file__).parents[1] / 'nbs'
PAGES = sorted(p.relative_to(NBS).as_posix() for p in [*NBS.glob('*.ipynb'), *NBS.glob('api/*.ipynb')])
LIMIT = 300_000
DATA_IMG = re.compile(r'data:image/[a-z+]+;base64,([A-Za-z0-9+/=]+)')

def own_weight(path) -> int:
    "Bytes a docs page carries of its own: sources, text and HTML outputs (their inline base64 images at binary size), PNG outputs."
    total = 0
    for c in nbformat.read(path, as_version=4).cells:
        total += len(c.source.encode())
        for o in c.get('outputs', []):
            if o.get('output_type') == 'stream': total += len(o['text'].encode())
            data = o.get('data', {})
            if 'image/png' in data: total += len(base64.b64decode(data['image/png']))
            elif 'text/html' in data:
                html = data['text/html']; imgs = DATA_IMG.findall(html)
                total += len(html.encode()) - sum(map(len, imgs)) + sum(len(base64.b64decode(s)) for s in imgs)
            elif 'text/plain' in data: total += len(data['text/plain'].encode())
    return total

@pytest.mark.parametrize('page', PAGES)
def test_page_within_its_weight_budget(page):
    weight = own_weight(NBS / page)
    print(f"{page}: {weight / 1000:.0f} KB")
    assert weight <= LIMIT, f"{page} carries {weight:,} bytes of its own, over {LIMIT:,}: shrink its figures or players"

def test_the_measure_counts_images_at_binary_size(tmp_path):
    "The rule itself: a 3000-byte PNG output counts 3000 bytes, not its 4000 characters of base64."
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('x')
    cell.outputs = [nbformat.v4.new_output('display_data', data={'image/png': base64.b64encode(b'\0' * 3000).decode()})]
    nb.cells = [cell]; nbformat.write(nb, tmp_path / 'a.ipynb')
    assert own_weight(tmp_path / 'a.ipynb') == 3001
