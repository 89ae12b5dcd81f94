"""manual_rnn / manual_gru / manual_lstm against the torch module's forward pass.

CPU, float32, N=64, T=200, D=8, M=128, 2 layers, bidirectional, batch_first; both on the same number of threads.
Goal: <= 1.2x torch. Also printed: torch with oneDNN switched off, since on CPU torch's LSTM runs on oneDNN's fused
kernel while its RNN and GRU do not. Run: python benchmarks/bench_parity.py (this machine sets OPENBLAS_CORETYPE, which
holds NumPy's BLAS to AVX2 kernels; `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python ...` measures without it).
Also printed for the GRU and LSTM: the same run with the lesson's plain cells (gru_cell, lstm_cell) in place of the
in-place twins that manual_gru and manual_lstm call, to show what the twins buy.
"""
import os, statistics, time, warnings
from unittest.mock import patch
import numpy as np, torch
from threadpoolctl import threadpool_limits
from rnn_walkthrough import parity
from rnn_walkthrough.parity import manual_gru, manual_lstm, manual_rnn, numpy_params

warnings.filterwarnings('ignore', message='TF32')   # torch's notice about Intel GPUs when oneDNN flags change
N, T, D, M, L, THREADS = 64, 200, 8, 128, 2, int(os.environ.get('THREADS', os.cpu_count()))
torch.set_num_threads(THREADS)

def median_ms(f, n=15):
    f(); ts = []
    for _ in range(n):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(ts)

X = np.random.default_rng(0).standard_normal((N, T, D)).astype(np.float32)
Xt = torch.tensor(X)
PLAIN = {'GRU': ('_gru_cell_inplace', parity.gru_cell), 'LSTM': ('_lstm_cell_inplace', parity.lstm_cell)}
print(f"N={N}, T={T}, D={D}, M={M}, num_layers={L}, bidirectional, float32, {THREADS} thread(s), median of 15")
for name, cls, fn in (('RNN', torch.nn.RNN, manual_rnn), ('GRU', torch.nn.GRU, manual_gru), ('LSTM', torch.nn.LSTM, manual_lstm)):
    torch.manual_seed(0)
    mod = cls(D, M, num_layers=L, bidirectional=True, batch_first=True).eval()
    p = numpy_params(mod)
    with torch.no_grad(): t_ms = median_ms(lambda: mod(Xt))
    run = lambda: fn(X, p, num_layers=L, bidirectional=True, batch_first=True)
    with threadpool_limits(THREADS): n_ms = median_ms(run)
    with torch.no_grad(), torch.backends.mkldnn.flags(enabled=False): plain_ms = median_ms(lambda: mod(Xt))
    print(f"{name:4s}: torch {t_ms:7.1f} ms   numpy {n_ms:7.1f} ms   ratio {n_ms / t_ms:.2f}x (goal <= 1.2x)"
          f"   [torch without oneDNN {plain_ms:7.1f} ms, ratio {n_ms / plain_ms:.2f}x]")
    if name in PLAIN:
        with threadpool_limits(THREADS), patch.object(parity, *PLAIN[name]): cells_ms = median_ms(run)
        print(f"      with the plain {PLAIN[name][1].__name__} instead of {PLAIN[name][0]}: {cells_ms:7.1f} ms, "
              f"{cells_ms / n_ms:.2f}x the in-place run, ratio {cells_ms / t_ms:.2f}x torch")
