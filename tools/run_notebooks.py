"""Execute chapters in place the way they are committed: run every cell with a real kernel (except `#| eval: false` cells,
which nbdev_test skips too: exercise stubs, and long runs whose results ship as files), drop the saved output of
`#| output: false` cells (live widgets, which would be dead on the docs site) and `#| eval: false` cells (exercise stubs) and the notebook-level widget state,
then `nbdev_clean`. Usage: python tools/run_notebooks.py [nbs/NAME.ipynb ...]   (default: every notebook in nbs/)"""
import subprocess, sys
from pathlib import Path
import nbformat
from nbclient import NotebookClient

nbs = Path(__file__).parents[1] / 'nbs'
paths = [Path(p) for p in sys.argv[1:]] or sorted(nbs.glob('**/*.ipynb'))
for p in paths:
    nb = nbformat.read(p, as_version=4)
    skipped = {i: c.source for i, c in enumerate(nb.cells) if c.cell_type == 'code' and '#| eval: false' in c.source}
    for i in skipped: nb.cells[i].source = ''                      # not run: as under nbdev_test
    NotebookClient(nb, timeout=900, kernel_name='python3', resources={'metadata': {'path': str(nbs)}}).execute()
    for i, src in skipped.items(): nb.cells[i].source = src
    for c in nb.cells:
        if c.cell_type == 'code' and ('#| output: false' in c.source or '#| eval: false' in c.source): c.outputs = []
    nb.metadata.pop('widgets', None)
    nbformat.write(nb, p)
    print(f'executed {p.name}')
for p in paths: subprocess.run(['nbdev_clean', '--fname', str(p)], check=True, cwd=nbs.parent)   # only these: others may be open elsewhere
