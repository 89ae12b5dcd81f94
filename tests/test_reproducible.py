"""Every chapter is committed executed and seeded: running it again prints what was saved (what the docs site shows).

The last bits of a float result depend on the CPU's BLAS kernels, and training amplifies them, so a rerun on another
machine cannot print the same digits. The comparison is therefore by token: everything that is not a number must be
identical (whitespace aside), and each number must agree with its saved value

- within one unit of its last printed digit (a value that sits on a rounding boundary), or
- when both are below 1e-6 in magnitude (rounding-error-sized values, whose digits are the CPU's), or
- for integers, exactly;

unless TOLERANCES below gives its cell (notebook, cell id) a looser one, with the reason beside it:
'0.05' (absolute) or '10%' (relative). It lives here, not in the cell: learners read the cells (issue 22).

Training results need one: their last digits follow the CPU. The tolerance then applies to every number the cell
prints, integers included. This test must fail on a cell that draws without a seed and on a saved output that is
stale; the last two tests show that it does.
"""
import json, re
import nbformat, pytest
from nbclient import NotebookClient
from test_notebooks import NBS, CHAPTERS

NUMBER = re.compile(r'[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?')
TOLERANCE = re.compile(r'^([0-9.eE+-]+)\s*(%?)$')
TOLERANCES = {   # (notebook, cell id): (tolerance, why)
    ('05_training.ipynb', 'c016'): ('10%', 'a training result: its last digits follow the CPU'),
    ('05_training.ipynb', 'c017'): ('10%', 'a training result'),
    ('05_training.ipynb', 'ar-run'): ('10%', "the RNN's number is a training result"),
    ('05_training.ipynb', 'c024'): ('0.02', 'a training result'),
    ('05_training.ipynb', 'c031'): ('10%', 'a training result'),
    ('05_training.ipynb', 'phase-run'): ('10%', "the 'after' numbers are training results"),
    ('05_training.ipynb', 'c035'): ('10%', 'a training result'),
    ('05_training.ipynb', 'tbptt-run'): ('0.1', 'training results'),
    ('09_dynamics.ipynb', 'd028b'): ('2%', 'a start near the edge of a basin may fall the other way on another CPU'),
}
TINY = 1e-6

def texts(cells) -> list[tuple[str, str]]:
    "(cell id, text a reader sees) for each text output: printed streams and plain-text results, addresses removed."
    out = []
    for c in cells:
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or '#| output: false' in src or '#| eval: false' in src: continue
        stdout = ''                                   # the kernel may split one print into several stream outputs
        for o in c.get('outputs', []):
            if o['output_type'] == 'stream':
                if o.get('name') == 'stdout': stdout += ''.join(o['text'])
                continue
            t = o.get('data', {}).get('text/plain')
            if t: out.append((c.get('id', ''), re.sub(r' at 0x[0-9a-f]+', '', ''.join(t))))
        if stdout: out.append((c.get('id', ''), re.sub(r' at 0x[0-9a-f]+', '', stdout)))
    return out

def _ulp(s:str) -> float:
    "One unit in the last printed digit of the number written as `s` (0 for an integer)."
    mant, _, exp = s.lower().partition('e')
    if '.' not in mant: return 0.0 if not exp else 10.0 ** int(exp)
    return 10.0 ** (int(exp or 0) - len(mant.split('.')[1]))

def _numbers_agree(saved:str, rerun:str, tol:tuple[float, bool]|None) -> bool:
    a, b = float(saved), float(rerun)
    if a == b: return True
    if tol is not None:
        value, relative = tol
        return abs(a - b) <= (value * max(abs(a), abs(b)) if relative else value)
    if abs(a) < TINY and abs(b) < TINY: return True
    return abs(a - b) <= 1.01 * max(_ulp(saved), _ulp(rerun))

def text_mismatch(saved:str, rerun:str, tol=None) -> str|None:
    "None when the two texts agree (numbers within tolerance, the rest identical); else what differs."
    nums_s, nums_r = NUMBER.findall(saved), NUMBER.findall(rerun)
    words_s, words_r = [re.sub(r'\s+', '', w) for w in NUMBER.split(saved)], [re.sub(r'\s+', '', w) for w in NUMBER.split(rerun)]
    if words_s != words_r or len(nums_s) != len(nums_r):
        return f"text differs:\n  saved: {saved[:300]!r}\n  rerun: {rerun[:300]!r}"
    for s, r in zip(nums_s, nums_r):
        if not _numbers_agree(s, r, tol):
            return f"number {s} became {r}{'' if tol is None else f' (cell tolerance {tol})'} in\n  saved: {saved[:300]!r}\n  rerun: {rerun[:300]!r}"
    return None

def parse_tolerance(text:str) -> tuple[float, bool]:
    "'0.05' -> (0.05, False), absolute; '10%' -> (0.1, True), relative."
    m = TOLERANCE.match(text.strip())
    if m is None: raise ValueError(f"expected a tolerance like '0.05' or '10%', got {text!r}")
    return float(m.group(1)) / (100 if m.group(2) else 1), bool(m.group(2))

def cell_tolerance(name:str, cell_id:str) -> tuple[float, bool]|None:
    "The tolerance TOLERANCES gives the cell `cell_id` of notebook `name`, or None (the strict comparison)."
    t = TOLERANCES.get((name, cell_id))
    return None if t is None else parse_tolerance(t[0])

def rerun_mismatches(nb, name:str='') -> list[str]:
    "Execute a copy of the notebook `nb` (a dict as saved; `name` its file under nbs/) and list every text output that does not match the saved one."
    fresh = nbformat.reads(json.dumps(nb), as_version=4)
    for c in fresh.cells:                          # as nbdev_test does: `#| eval: false` cells (exercise stubs, long runs) do not run
        if c.cell_type == 'code' and '#| eval: false' in c.source: c.source = ''
    NotebookClient(fresh, timeout=600, kernel_name='python3', resources={'metadata': {'path': str(NBS)}}).execute()
    saved, rerun = texts(nb['cells']), texts(fresh.cells)
    if len(saved) != len(rerun): return [f"{len(saved)} text outputs saved, {len(rerun)} printed by the rerun"]
    out, source = [], {c.get('id', ''): ''.join(c['source']) for c in nb['cells']}
    for (cid, s), (_, r) in zip(saved, rerun):
        if (why := text_mismatch(s, r, cell_tolerance(name, cid))): out.append(f"cell {cid} ({source.get(cid, '')[:60]!r}): {why}")
    return out

API_PAGES = sorted(f'api/{p.name}' for p in (NBS / 'api').glob('*.ipynb'))

@pytest.mark.parametrize('name', CHAPTERS + ['index.ipynb'] + API_PAGES)
def test_rerun_gives_the_saved_text(name):
    bad = rerun_mismatches(json.loads((NBS / name).read_text()), name)
    assert not bad, f'{name}: a rerun printed different text; seed every random draw, execute before committing:\n' + '\n'.join(bad)

# The comparison itself: what it must let through and what it must catch.

def test_comparison_tolerates_rounding_not_change():
    assert text_mismatch('err = 6.53e-08\n', 'err = 6.29e-08\n') is None          # rounding-error-sized: the CPU's digits
    assert text_mismatch('[-0.4421  0.1106]', '[-0.4422  0.1106]') is None          # one unit in the last digit
    assert text_mismatch('[ 0.4421 -0.1106]', '[-0.4421 -0.1106]') is not None      # a sign is not rounding
    assert text_mismatch('val MSE 0.0150', 'val MSE 0.0152') is not None           # two units: a real change
    assert text_mismatch('(5, 3)', '(5, 4)') is not None                           # integers must be equal
    assert text_mismatch('mean 0.38', 'median 0.38') is not None                   # words must be equal
    assert text_mismatch('0.094', '0.032', tol=(0.1, False)) is None               # a declared absolute tolerance
    assert text_mismatch('0.094', '0.32', tol=(0.1, False)) is not None
    assert text_mismatch('26 units', '28 units', tol=(0.1, True)) is None          # ... or a relative one
    assert parse_tolerance('0.05') == (0.05, False) and parse_tolerance('10%') == (0.1, True)
    assert cell_tolerance('05_training.ipynb', 'c024') == (0.02, False) and cell_tolerance('05_training.ipynb', 'c001') is None

def test_every_tolerance_names_a_cell_and_no_cell_tells_the_reader():
    "Each TOLERANCES entry names a cell that exists and prints text; no notebook carries the old maintainer comment."
    for (name, cid), (tol, why) in TOLERANCES.items():
        nb = json.loads((NBS / name).read_text()); parse_tolerance(tol)
        assert any(i == cid for i, _ in texts(nb['cells'])), f"{name}: no cell {cid} with text output (TOLERANCES is stale)"
    for p in NBS.rglob('*.ipynb'):
        assert 'rerun tolerance' not in p.read_text(), f"{p.name}: a '# rerun tolerance' comment is maintainer text on a learner page"

def _tiny_notebook(*sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}
    NotebookClient(nb, timeout=120, kernel_name='python3').execute()
    return json.loads(nbformat.writes(nb))

def test_an_unseeded_draw_fails_the_rerun():
    nb = _tiny_notebook("import numpy as np\nprint(np.random.default_rng(0).uniform(size=3))",   # seeded: reproduces
                        "print(np.random.default_rng().uniform(size=3))")                          # unseeded: does not
    bad = rerun_mismatches(nb)
    assert len(bad) == 1 and 'default_rng().uniform' in bad[0], bad

def test_a_stale_output_fails_the_rerun():
    "A chapter whose code changed after it was executed, and one whose saved output was edited, are both caught."
    nb = json.loads((NBS / '00_data.ipynb').read_text())
    cell = next(c for c in nb['cells'] if c['cell_type'] == 'code' and 'seed=0' in ''.join(c['source']))
    cell['source'] = ''.join(cell['source']).replace('seed=0', 'seed=1')            # code edited, not re-executed
    assert rerun_mismatches(nb), 'a changed seed went unnoticed'
    nb = json.loads((NBS / '00_data.ipynb').read_text())
    out = next(o for c in nb['cells'] if c['cell_type'] == 'code' for o in c['outputs'] if 'array(' in ''.join(o.get('data', {}).get('text/plain', '')))
    out['data']['text/plain'] = ''.join(out['data']['text/plain']).replace('0.', '0.9', 1)   # a saved number edited
    assert rerun_mismatches(nb), 'an edited saved output went unnoticed'
