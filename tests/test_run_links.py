"""Every chapter page, and the primer, offers a way to run it (issue 22): right under its title, an Open-in-Colab badge and a
download link that point at this very notebook in the repository settings.ini names, and the `git clone` of that
repository; README's *Install* starts with the same clone."""
import configparser, json, re
from pathlib import Path
import pytest

ROOT = Path(__file__).parents[1]
PAGES = sorted(p.name for p in (ROOT / 'nbs').glob('[0-9][0-9]_*.ipynb')) + ['primer.ipynb']

def repo() -> str:
    cfg = configparser.ConfigParser(); cfg.read(ROOT / 'settings.ini')
    return f"{cfg['DEFAULT']['user']}/{cfg['DEFAULT']['repo']}"

def run_links(cells:list, name:str) -> list[str]:
    "What is missing or wrong in the cell under the title (empty when all is there)."
    md = [(i, ''.join(c['source'])) for i, c in enumerate(cells) if c['cell_type'] == 'markdown']
    title = next((k for k, (i, s) in enumerate(md) if s.lstrip().startswith('# ')), None)
    if title is None or title + 1 >= len(md): return ['no markdown cell under the title']
    text, r = md[title + 1][1], repo()
    want = {'the Colab badge': f'(https://colab.research.google.com/github/{r}/blob/main/nbs/{name})',
            'the download link': f'(https://raw.githubusercontent.com/{r}/main/nbs/{name})',
            'the clone command': f'`git clone https://github.com/{r}`'}
    bad = [f'{what}: expected {url}' for what, url in want.items() if url not in text]
    if 'colab-badge.svg' not in text: bad.append('the Colab badge image')
    return bad

@pytest.mark.parametrize('name', PAGES)
def test_each_page_links_colab_a_download_and_the_clone(name):
    cells = json.loads((ROOT / 'nbs' / name).read_text())['cells']
    assert not run_links(cells, name), (name, run_links(cells, name))

def test_a_link_to_another_notebook_is_caught():
    cells = json.loads((ROOT / 'nbs' / '03_trajectories.ipynb').read_text())['cells']
    assert run_links(cells, '04_bptt.ipynb')                       # chapter 3's links do not open chapter 4
    assert run_links([c for c in cells if c.get('id') != 'run-this-page'], '03_trajectories.ipynb')

def test_readme_install_starts_with_the_clone():
    readme = (ROOT / 'README.md').read_text()
    block = re.search(r'## Install.*?```sh\n(.*?)```', readme, re.S)
    assert block and block[1].startswith(f'git clone https://github.com/{repo()} && cd {repo().split("/")[1]}\n'), block and block[1][:200]

@pytest.mark.parametrize('name', [p for p in PAGES if p[:2].isdigit()])
def test_each_chapter_title_carries_its_number(name):
    "The page title, and so the sidebar entry Quarto makes from it, says 'chapter N' the way the prose does: '# 3. Hidden-...'."
    cells = json.loads((ROOT / 'nbs' / name).read_text())['cells']
    title = next(''.join(c['source']) for c in cells if c['cell_type'] == 'markdown' and ''.join(c['source']).lstrip().startswith('# '))
    assert title.startswith(f'# {int(name[:2])}. '), title.splitlines()[0]
