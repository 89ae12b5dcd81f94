"""Every number a chapter's prose writes is printed by that chapter (or set by its code, or on a short reviewed
allow-list): tests/prose_numbers.py says exactly what traces a number. Run `python tests/prose_numbers.py` to list
every untraced number of every chapter."""
import copy, json
import pytest
from prose_numbers import NBS, ALLOWED, chapter_report, untraced

CHAPTERS = sorted(p.name for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer.ipynb']

@pytest.mark.parametrize('name', CHAPTERS)
def test_every_prose_number_comes_from_the_chapter(name):
    bad = chapter_report(name)
    assert not bad, (f'{name}: numbers in the prose that no output of the chapter prints (print them from a cell, '
                     'or reword; see tests/prose_numbers.py):\n' + '\n'.join(bad))

def _markdown_with(nb, needle):
    return next(c for c in nb['cells'] if c['cell_type'] == 'markdown' and needle in ''.join(c['source']))

def test_a_planted_stale_number_is_caught():
    "A number edited in the prose, one added from nowhere, and one whose output changed: each is named."
    nb, allowed = json.loads((NBS / '05_training.ipynb').read_text()), ALLOWED['05_training.ipynb']
    assert untraced(nb, allowed) == []
    stale = copy.deepcopy(nb)                                   # the prose says 0.61 where the output prints 0.60
    c = _markdown_with(stale, '(0.12 and 0.60)')
    c['source'] = ''.join(c['source']).replace('(0.12 and 0.60)', '(0.12 and 0.61)')
    assert [b.split()[0] for b in untraced(stale, allowed)] == ["'0.61'"], untraced(stale, allowed)
    invented = copy.deepcopy(nb)                                # claims no cell computes
    c = _markdown_with(invented, '(0.12 and 0.60)')
    c['source'] = ''.join(c['source']) + ' Training takes about 47 minutes and reaches 97.3% accuracy.'
    assert [b.split()[0] for b in untraced(invented, allowed)] == ["'47'", "'97.3%'"], untraced(invented, allowed)
    rerun = copy.deepcopy(nb)                                   # the output changed, the prose did not
    for cell in rerun['cells']:
        for o in cell.get('outputs', []):
            if 'text' in o: o['text'] = ''.join(o['text']).replace('x 0.01 = 0.056', 'x 0.01 = 0.061')
    assert [b.split()[0] for b in untraced(rerun, allowed)] == ["'0.056'"], untraced(rerun, allowed)

def test_rounding_percent_and_powers_of_ten_are_read_as_printed():
    nb = {'cells': [{'cell_type': 'code', 'source': 'x = 32', 'outputs': [
                        {'output_type': 'stream', 'name': 'stdout', 'text': 'r = 0.8312, share 0.583, grad 10^-4.1, 1,280 lines\n'}]},
                    {'cell_type': 'markdown', 'source': ''}]}
    def bad(md): nb['cells'][1]['source'] = md; return untraced(nb)
    assert bad('r is 0.83, 58% of them, about $10^{-4}$, 1,280 lines, M = 32, chapter 12, in 2024.') == []
    assert len(bad('r is 0.84.')) == 1                            # not what 0.8312 rounds to
    assert len(bad('r is 0.831.')) == 0 and len(bad('r is 0.8313.')) == 1
    assert len(bad('about $10^{-6}$')) == 1 and len(bad('60% of them')) == 1 and len(bad('1,281 lines')) == 1
