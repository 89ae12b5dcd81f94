"The counts the front page writes in words (chapters, exercises, lines of the quick start) are the real ones, in nbs/index.ipynb and in the README made from it."
import json, re
from pathlib import Path
import pytest
from rnn_walkthrough.exercises import EXERCISES

ROOT = Path(__file__).parents[1]
NBS = ROOT / 'nbs'
WORDS = 'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen'.split()

def _cells() -> dict:
    return {c.get('id'): ''.join(c['source']) for c in json.loads((NBS / 'index.ipynb').read_text())['cells']}

def real_counts() -> dict:
    "What the prose must say: the chapters on disk, the exercises registered for them (not the primer's), the quick start's lines of code."
    chapters = sorted(p.stem for p in NBS.glob('[0-9][0-9]_*.ipynb'))
    per_chapter = [sum(ex.chapter == c for ex in EXERCISES.values()) for c in chapters]
    quick_start = [l for l in _cells()['c004'].splitlines() if l.strip()]
    return {'chapters': len(chapters), 'first chapter': int(chapters[0][:2]), 'last chapter': int(chapters[-1][:2]),
            'exercises per chapter, at least': min(per_chapter), 'exercises in all': sum(per_chapter), 'lines of the quick start': len(quick_start)}

def _int(word:str) -> int: return WORDS.index(word.lower()) if word.lower() in WORDS else int(word)

# Each count as the prose writes it: (what it counts, the pattern whose groups are the numbers, in order)
PATTERNS = [(('chapters', 'first chapter', 'last chapter'), r'\b(\w+) short, executable chapters \((\d+) to (\d+)\)'),
            (('exercises per chapter, at least', 'exercises in all'), r'ends with at least (\w+) \*\*exercises that check your code\*\* \((\d+) in all\)'),
            (('lines of the quick start',), r'\bin (\w+) lines of code\b')]

def prose_counts(text:str) -> dict:
    "The counts the text writes, by name; a sentence that is gone is an error, so that the test cannot pass by losing its claim."
    out = {}
    for names, pattern in PATTERNS:
        m = re.search(pattern, text)
        assert m, f'no sentence matches {pattern!r}: if the prose changed, change the pattern with it'
        out.update(zip(names, map(_int, m.groups())))
    return out

def count_errors(text:str, real:dict) -> list[str]:
    "One line for each count the text gets wrong, and for any other 'N chapters' it writes."
    said = prose_counts(text)
    bad = [f'the prose says {said[k]} {k}, there are {v}' for k, v in real.items() if said[k] != v]
    for m in re.finditer(r'\b(\w+) chapters\b', text):   # any other count of chapters must be right too
        if m[1].lower() in WORDS[2:] and _int(m[1]) != real['chapters']: bad.append(f'{m[0]!r}: there are {real["chapters"]} chapters')
    return bad

def _index_prose() -> str:
    return '\n'.join(s for s in _cells().values())

@pytest.mark.parametrize('name, read', [('nbs/index.ipynb', _index_prose), ('README.md', lambda: (ROOT / 'README.md').read_text())])
def test_the_counts_in_the_prose_are_the_real_ones(name, read):
    assert not count_errors(read(), real_counts()), (name, count_errors(read(), real_counts()))

def test_a_wrong_count_is_named():
    "Plant a wrong count of each kind in the index's prose: the check names it."
    text, real = _index_prose(), real_counts()
    n, e = real['chapters'], real['exercises in all']
    wrong = re.sub(r'\b\w+(?= short, executable chapters)', WORDS[n - 3].capitalize(), text, count=1)
    assert count_errors(wrong, real) == [f'the prose says {n - 3} chapters, there are {n}']
    assert count_errors(text.replace(f'({e} in all)', f'({e - 1} in all)'), real) == [f'the prose says {e - 1} exercises in all, there are {e}']
    assert count_errors(text + f'\nThe {WORDS[n - 3]} chapters of this course.', real) == [f"'{WORDS[n - 3]} chapters': there are {n} chapters"]
    with pytest.raises(AssertionError, match='no sentence matches'): count_errors(re.sub(r'in \w+ lines of code', 'in a few lines of code', text), real)
