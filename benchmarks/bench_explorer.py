"""Latency of one TrajectoryExplorer update (recompute with manual_forward + redraw) against a bare redraw.

T=100 steps, M=16 hidden units. Two comparisons, both on the explorer's own figure:
- update vs fig.canvas.draw(): the recompute and the artist updates on top of a draw (no PNG);
- full refresh (what a slider move costs: recompute, draw, PNG for the image widget) vs a bare savefig to PNG.
Goal: update <= 1.3x the bare redraw. Run: python benchmarks/bench_explorer.py
"""
import io, statistics, time
import matplotlib; matplotlib.use('Agg')
from rnn_walkthrough.manual import RNNWeights
from rnn_walkthrough.viz import TrajectoryExplorer

def median_ms(f, n=40):
    f(); ts = []
    for _ in range(n):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(ts)

from matplotlib.backends.backend_agg import FigureCanvasAgg
ex = TrajectoryExplorer(RNNWeights.random(3, 16, 2, seed=0), T=100, seed=0)
FigureCanvasAgg(ex.fig)   # the explorer's figure is closed (shown as PNG); give it a canvas that really draws
rhos = iter([0.5, 1.5] * 1000)
c = ex.controls

def update_no_png():   # recompute + artist updates + draw, without the PNG the widget needs
    c['rho'].unobserve(ex._on_change, names='value'); c['rho'].value = next(rhos); c['rho'].observe(ex._on_change, names='value')
    ex._recompute()
    for update in ex._views: update(ex.H, c['t'].value)
    ex.fig.canvas.draw()

def full_update(): ex.set(rho=next(rhos))
def bare_png(): ex.fig.savefig(io.BytesIO(), format='png', dpi=80)
def recompute_only(): c['rho'].unobserve(ex._on_change, names='value'); c['rho'].value = next(rhos); c['rho'].observe(ex._on_change, names='value'); ex._recompute()

draw = median_ms(ex.fig.canvas.draw); upd = median_ms(update_no_png)
png = median_ms(bare_png); full = median_ms(full_update); rec = median_ms(recompute_only)
print(f"T=100, M=16 (median of 40)")
print(f"recompute only (manual_forward + rescale W_hh): {rec:7.2f} ms")
print(f"bare fig.canvas.draw():                         {draw:7.2f} ms")
print(f"update (recompute + artists + draw):            {upd:7.2f} ms   ratio {upd / draw:.2f}x (goal <= 1.3x)")
print(f"bare savefig PNG:                               {png:7.2f} ms")
print(f"full slider update (recompute + PNG to widget): {full:7.2f} ms   ratio {full / png:.2f}x")
