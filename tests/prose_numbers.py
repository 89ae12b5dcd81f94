"""Every number the prose of a chapter writes comes from that chapter: the checker behind tests/test_prose_numbers.py.

A number in a markdown cell is *traced* when one of these holds:

- a saved output of the same notebook prints a number that, rounded to the precision the prose writes, is that number
  ("0.83" is traced by an output 0.8312; "58%" by 58% or by 0.58; "10^{-4}" by any number between 1e-4.5 and 1e-3.5);
- the number is a literal in a code cell of the same notebook: a value the chapter sets (M = 32, 200 epochs, ρ = 1.2);
- it is a definitional constant every reader can check without running anything: a single digit, a chapter or
  section reference ("chapter 4", "07_gates.ipynb"), a year (1990-2039), or a number inside a link target;
- it is on the notebook's reviewed allow-list (ALLOWED below), each entry with the reason it needs no output.

Anything else is a number from nowhere: the test fails and names it, with the sentence it sits in.
"""
import json, math, re
from pathlib import Path

NBS = Path(__file__).parents[1] / 'nbs'

# Reviewed exceptions: {notebook: {number as written: why it needs no output}}. Keep it short.
ALLOWED: dict[str, dict[str, str]] = {
    '02_manual.ipynb': {'128': "What to try: a size the reader is asked to time (M=128)",
                        '200': "What to try: a size the reader is asked to time (200 steps)"},
    '05_training.ipynb': {'1.5': "What to try: a spectral radius the reader is asked to start from",
                          '100': "What to try: a chunk length the reader is asked to try"},
    '06_nn_rnn_parity.ipynb': {'10^{-8}': "float32's unit roundoff, 2^-24 = 6.0e-8: a constant of the number format",
                               '300': "the Hypothesis profile 'thorough' in tests/conftest.py: max_examples=300"},
    '10_lengths.ipynb': {'400': "tests/test_10_lengths.py: max_examples=400 per kind",
                         '1811.00075': "an arXiv identifier in a citation",
                         '100': "What to try: a length the reader is asked to try"},
}

_NUM = re.compile(r'(?<![\w.^])(?P<neg>[−-])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<exp>[eE][−+-]?\d+)?(?P<pct>\s?%)?(?![\w.]*\.ipynb)')
_POW10 = re.compile(r'10\^\{?(?P<exp>[−-]?\d+(?:\.\d+)?)\}?')
_LINK_TARGET = re.compile(r'\]\([^)]*\)')
_CHAPTER_REF = re.compile(r'\b(?:[Cc]hapters?|[Ss]ections?|[Ee]xercises?|[Ff]igures?|[Ss]teps? \d+ (?:to|and|–) |\bch\.)\s*\d+(?:\s*(?:,|and|to|–|-|or)\s*\d+)*')
_OUT_NUM = re.compile(r'[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?%?')
_CODE_NUM = re.compile(r'(?<![\w.])(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?')

def _source(c) -> str: return ''.join(c['source']) if isinstance(c['source'], list) else c['source']

def output_numbers(nb) -> list[float]:
    "Every number printed by a saved output: streams, plain text, markdown and HTML (tags and base64 images dropped)."
    out = []
    for c in nb['cells']:
        if c['cell_type'] != 'code': continue
        for o in c.get('outputs', []):
            texts = [''.join(o.get('text', ''))]
            for k in ('text/plain', 'text/markdown', 'text/html', 'text/latex'):
                t = ''.join(o.get('data', {}).get(k, ''))
                if k == 'text/html': t = re.sub(r'<script.*?</script>|data:[^"\')]+|<[^>]+>', ' ', t, flags=re.S)
                texts.append(t)
            for t in texts:
                t = t.replace('−', '-').replace(',', '')       # 1,280 and a typographic minus print as numbers
                out += [10.0 ** float(e) for e in re.findall(r'10\^\{?([-+]?\d+(?:\.\d+)?)', t)]   # 10^-4.5
                for m in _OUT_NUM.findall(t):
                    pct = m.endswith('%')
                    try: v = float(m.rstrip('%'))
                    except ValueError: continue
                    out += [v / 100, v] if pct else [v]            # a printed 58% traces "0.58" too
    return out

def code_literals(nb) -> set[float]:
    "Every number written literally in a code cell: the values the chapter sets."
    vals = set()
    for c in nb['cells']:
        if c['cell_type'] == 'code':
            for m in _CODE_NUM.findall(_source(c)):
                try: vals.add(float(m))
                except ValueError: pass
    return vals

def _traced(value:float, decimals:int, printed:list[float]) -> bool:
    "Is `value`, written with `decimals` decimals, what some printed number rounds to?"
    tol = 0.5 * 10.0 ** -decimals * (1 + 1e-9)
    return any(abs(abs(p) - abs(value)) <= tol for p in printed)

def _prose(md:str) -> str:
    """The markdown a reader reads as text: code (fenced blocks and `inline` spans: commands and code to type, whose
    numbers are settings), link targets, images, HTML tags and addresses removed."""
    md = re.sub(r'```.*?```', ' ', md, flags=re.S)
    md = re.sub(r'`[^`]*`', ' ', md)
    md = re.sub(r'!\[[^\]]*\]\([^)]*\)', ' ', md)
    md = _LINK_TARGET.sub(']', md)
    md = re.sub(r'<[^>]+>', ' ', md)
    md = re.sub(r'\bhttps?://\S+', ' ', md)
    md = re.sub(r'(?m)^# \d+\. ', '# ', md)                 # a page title's chapter number: "# 10. Sequences of ..."
    return md

def untraced(nb, allowed:dict[str, str]|None=None) -> list[str]:
    "Each number in the notebook's markdown that no output, code literal, definitional rule or allow-list entry traces."
    printed, literals, allowed = output_numbers(nb), code_literals(nb), allowed or {}
    bad = []
    for c in nb['cells']:
        if c['cell_type'] != 'markdown': continue
        text = _prose(_source(c))
        skip = [m.span() for m in _CHAPTER_REF.finditer(text)]
        for m in _POW10.finditer(text):                       # 10^{-4.4}: traced by a printed number of that size
            e = float(m['exp'].replace('−', '-'))
            d = len(m['exp'].split('.')[1]) if '.' in m['exp'] else 0
            ok = any(p != 0 and abs(math.log10(abs(p)) - e) <= 0.5 * 10.0 ** -d + 1e-9 for p in printed) or 10.0 ** e in literals
            if not ok and m.group(0) not in allowed: bad.append(_where(text, m, m.group(0)))
            skip.append(m.span())
        for m in _NUM.finditer(text):
            if any(a <= m.start() < b for a, b in skip): continue
            written = m['num'] + (m['exp'] or '')
            shown = (m['neg'] or '') + written + (m['pct'] or '')
            if written in allowed or shown in allowed: continue
            value = float(written.replace(',', '').replace('−', '-'))
            decimals = len(m['num'].split('.')[1]) if '.' in m['num'] else 0
            if m['exp']:                                       # 1e-14, 2.5e-3: precision of the mantissa, scaled
                decimals -= int(m['exp'][1:].replace('−', '-'))
            elif decimals == 0 and (value < 10 or 1990 <= value <= 2039): continue   # a digit; a year
            if value in literals: continue
            cands = printed + [100 * p for p in printed] if m['pct'] else printed   # "58%": a printed 0.58 traces it
            if _traced(value, decimals, cands): continue
            bad.append(_where(text, m, shown))
    return bad

def _where(text:str, m:re.Match, written:str) -> str:
    a, b = max(0, m.start() - 60), min(len(text), m.end() + 40)
    return f"{written!r} in “…{' '.join(text[a:b].split())}…”"

def chapter_report(name:str) -> list[str]:
    nb = json.loads((NBS / name).read_text())
    return untraced(nb, ALLOWED.get(name, {}))

if __name__ == '__main__':   # python tests/prose_numbers.py [NAME.ipynb ...]: list every untraced number
    import sys
    names = sys.argv[1:] or sorted(p.name for p in NBS.glob('[0-9][0-9]_*.ipynb')) + ['primer.ipynb']
    for n in names:
        bad = chapter_report(n)
        print(f'== {n}: {len(bad)} untraced')
        for b in bad: print('  ', b)
