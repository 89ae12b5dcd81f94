"""find_fixed_points on the trained 3-bit flip-flop network (M=24, shipped as rnn_walkthrough/weights/flipflop.npz).

512 starts: states along 64 trajectories of T=100 steps, pushed off by Gaussian noise of standard deviation sigma (as in
the dynamics chapter, whose last search uses sigma=1). Prints the median seconds of 15 runs, the fraction of starts that
converged (||F(h) - h|| < tol = 1e-10), and the fixed points found. Run: python benchmarks/bench_fixed_points.py
(THREADS=1 to pin NumPy's BLAS to one thread).
"""
import os, statistics, time
import numpy as np
from threadpoolctl import threadpool_limits
from rnn_walkthrough.dynamics import find_fixed_points, flip_flop_task, load_weights
from rnn_walkthrough.manual import manual_forward

THREADS, S, REPEATS = int(os.environ.get('THREADS', os.cpu_count())), 512, 15
w = load_weights('flipflop')
_, H = manual_forward(flip_flop_task(64, 100, seed=2)[0], w)
rng = np.random.default_rng(0)
visited = H.reshape(-1, w.M)[rng.choice(64 * 100, S, replace=False)]
print(f"M={w.M}, S={S} starts, float64, {THREADS} thread(s), median of {REPEATS}")
for sigma in (0.0, 0.3, 1.0):
    starts = visited + sigma * rng.standard_normal(visited.shape)
    with threadpool_limits(THREADS):
        find_fixed_points(w, starts)                                   # warm-up
        ts = []
        for _ in range(REPEATS):
            t0 = time.perf_counter(); fp = find_fixed_points(w, starts); ts.append(time.perf_counter() - t0)
    print(f"sigma = {sigma}: {statistics.median(ts):.3f} s, converged {fp.converged.mean():.1%}, {len(fp.points)} fixed points "
          f"({fp.stable.sum()} stable, {(~fp.stable).sum()} saddles), largest residual {fp.residual.max():.1e}")
