"""manual_backward (NumPy) against autograd's backward on the same forward pass.

CPU, float32, N=64, T=200, D=8, M=128, K=4; both libraries on the same number of threads. Only the backward pass is
timed: PyTorch replays its recorded graph (retain_graph=True), NumPy is given the hidden states of its forward pass.
Goal: NumPy <= 1.0x torch. Run: python benchmarks/bench_bptt.py
"""
import os, statistics, time
import numpy as np, torch
from threadpoolctl import threadpool_limits
from rnn_walkthrough.bptt import manual_backward
from rnn_walkthrough.data import make_data
from rnn_walkthrough.manual import RNNWeights, manual_forward
from rnn_walkthrough.model import SimpleRNN

N, T, D, M, K, THREADS = 64, 200, 8, 128, 4, int(os.environ.get('THREADS', os.cpu_count()))
torch.set_num_threads(THREADS)

def median_ms(f, n=30):
    f(); f(); ts = []
    for _ in range(n):
        t0 = time.perf_counter(); f(); ts.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(ts)

torch.manual_seed(0)
model = SimpleRNN(D, M, K)
X = make_data(N, T, D, seed=0).astype(np.float32)
G = np.random.default_rng(0).standard_normal((N, T, K)).astype(np.float32)
Y = model(X)
G_t = torch.as_tensor(G)
def torch_backward():
    model.zero_grad(set_to_none=True); Y.backward(G_t, retain_graph=True)

w = RNNWeights.from_model(model)
with threadpool_limits(THREADS):
    H = manual_forward(X, w)[1]
    numpy_ms = median_ms(lambda: manual_backward(X, w, G, H=H))
    numpy_fwd_bwd_ms = median_ms(lambda: manual_backward(X, w, G))
torch_ms = median_ms(torch_backward)
grads, _ = manual_backward(X, w, G, H=H)
assert np.allclose(grads.W_hh, model.rnn.weight_hh_l0.grad.numpy(), rtol=1e-3, atol=1e-3)

print(f"N={N}, T={T}, D={D}, M={M}, K={K}, float32, {THREADS} thread(s), median of 30")
print(f"torch autograd backward:                 {torch_ms:8.2f} ms")
print(f"manual_backward (given H):               {numpy_ms:8.2f} ms   ratio {numpy_ms / torch_ms:.2f}x (goal <= 1.0x)")
print(f"manual_backward (recomputing forward):   {numpy_fwd_bwd_ms:8.2f} ms")
