"""Every chapter page stays within its own weight budget (issue 15): at most 300 KB of its own, measured on the rendered page
by the rule of test_explorables.own_weight (the document without its theme CSS, inline images at their binary size, shared
files not counted). test_explorables.py measures the pages with explorables in the browser as well."""
from pathlib import Path
import pytest
from browser import render_docs_page
from test_explorables import LIMIT, own_weight

CHAPTERS = sorted(p.stem for p in (Path(__file__).parents[1] / 'nbs').glob('[0-9][0-9]_*.ipynb')) + ['primer']

@pytest.mark.parametrize('chapter', CHAPTERS)
def test_chapter_page_within_its_weight_budget(chapter, tmp_path, proc_dir):
    w = own_weight(render_docs_page(chapter, tmp_path, proc_dir).read_bytes(), [])
    print(f"{chapter}: own weight {w['total'] / 1000:.0f} KB (document {w['document'] / 1000:.0f} KB, images {w['data_images'] / 1000:.0f} KB)")
    assert w['total'] <= LIMIT, f"{chapter}: the page carries {w['total']:,} bytes of its own, over {LIMIT:,}: {w}"
