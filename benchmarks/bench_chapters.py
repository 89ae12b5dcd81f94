"""Wall time of each chapter under nbdev_test (one notebook at a time, so the times do not overlap).

Budget: the training chapter in at most 60 s on a 2-core machine. Run: python benchmarks/bench_chapters.py [NAME ...]
"""
import subprocess, sys, time
from pathlib import Path

nbs = Path(__file__).parents[1] / 'nbs'
names = sys.argv[1:] or sorted(p.stem for p in nbs.glob('[0-9][0-9]_*.ipynb'))
for name in names:
    t0 = time.perf_counter()
    r = subprocess.run(['nbdev_test', '--path', str(nbs / f'{name}.ipynb')], capture_output=True, text=True)
    print(f"{name:20s} {time.perf_counter() - t0:6.1f} s  {'ok' if r.returncode == 0 else 'FAILED'}")
