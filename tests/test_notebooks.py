"The notebooks are committed the way the docs site needs them: executed, cleaned, and with every chapter listed."
from pathlib import Path
import json, pytest, yaml

NBS = Path(__file__).parents[1] / 'nbs'
CHAPTERS = sorted(p.name for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer.ipynb']   # the lesson pages: chapters and the primer

@pytest.mark.parametrize('name', CHAPTERS + ['index.ipynb'])
def test_notebook_is_executed_and_clean(name):
    nb = json.loads((NBS / name).read_text())
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    assert any(c['outputs'] for c in code), f'{name} has no saved outputs: execute it before committing'
    assert all(c['execution_count'] is None for c in code), f'{name} is not cleaned: run nbdev_clean'
    errors = [o for c in code for o in c['outputs'] if o['output_type'] == 'error']
    assert not errors, f'{name} has a saved error output'
    live = [c['source'][:60] for c in code for o in c['outputs'] if 'application/vnd.jupyter.widget-view+json' in o.get('data', {})]
    assert not live, f'{name} saved a live widget, which would be dead on the docs site (mark the cell #| output: false): {live}'
    assert 'widgets' not in nb['metadata'], f'{name} saved widget state'

def _media(nb): return sorted(k for c in nb['cells'] if c['cell_type'] == 'code' for o in c.get('outputs', []) for k in o.get('data', {}) if k in ('image/png', 'text/html'))

@pytest.mark.parametrize('name', CHAPTERS + ['index.ipynb'])
def test_processed_pages_keep_the_stored_outputs(name, proc_dir):
    "nbdev's processing for the docs site keeps every figure and player the notebook saved."
    src, proc = json.loads((NBS / name).read_text()), json.loads((proc_dir / name).read_text())
    assert _media(src), f'{name} saved no figure or player'
    assert _media(proc) == _media(src), f'the processed page of {name} lost outputs'

def test_every_chapter_is_in_sidebar_and_navbar():
    sidebar = yaml.safe_load((NBS / 'sidebar.yml').read_text())['website']['sidebar']['contents']
    quarto = (NBS / '_quarto.yml').read_text()
    for name in CHAPTERS:
        assert name in sidebar, f'{name} missing from sidebar.yml'
        assert f'href: {name}' in quarto, f'{name} missing from the Chapters menu of _quarto.yml'
