"The notebooks are committed the way the docs site needs them: executed, cleaned, and with every chapter listed."
from pathlib import Path
import json, pytest, yaml

NBS = Path(__file__).parents[1] / 'nbs'
CHAPTERS = sorted(p.name for p in NBS.glob('[0-9][0-9]_*.ipynb'))

@pytest.mark.parametrize('name', CHAPTERS + ['index.ipynb'])
def test_notebook_is_executed_and_clean(name):
    nb = json.loads((NBS / name).read_text())
    code = [c for c in nb['cells'] if c['cell_type'] == 'code']
    assert any(c['outputs'] for c in code), f'{name} has no saved outputs: execute it before committing'
    assert all(c['execution_count'] is None for c in code), f'{name} is not cleaned: run nbdev_clean'
    errors = [o for c in code for o in c['outputs'] if o['output_type'] == 'error']
    assert not errors, f'{name} has a saved error output'

def test_every_chapter_is_in_sidebar_and_navbar():
    sidebar = yaml.safe_load((NBS / 'sidebar.yml').read_text())['website']['sidebar']['contents']
    quarto = (NBS / '_quarto.yml').read_text()
    for name in CHAPTERS:
        assert name in sidebar, f'{name} missing from sidebar.yml'
        assert f'href: {name}' in quarto, f'{name} missing from the Chapters menu of _quarto.yml'
