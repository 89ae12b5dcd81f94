"Property tests too heavy for a notebook: the NumPy forward pass equals PyTorch's across random shapes."
import subprocess, sys
import numpy as np, pytest, torch
from hypothesis import given, strategies as st

from rnn_walkthrough.data import make_data
from rnn_walkthrough.model import SimpleRNN
from rnn_walkthrough.manual import RNNWeights, manual_forward

dims = st.integers(1, 9)

@given(N=dims, T=st.integers(1, 30), D=dims, M=dims, K=dims, seed=st.integers(0, 2**31 - 1), with_h0=st.booleans())
def test_manual_forward_equals_torch_float64(N, T, D, M, K, seed, with_h0):
    torch.manual_seed(seed)
    model = SimpleRNN(D, M, K).double()
    X = make_data(N, T, D, seed=seed)
    h0 = np.random.default_rng(seed).uniform(-1, 1, (N, M)) if with_h0 else None
    with torch.no_grad(): Y_t = model(X, None if h0 is None else torch.as_tensor(h0[None])).numpy()
    Yhat, H = manual_forward(X, RNNWeights.from_model(model), h0)
    assert Yhat.shape == (N, T, K) and H.shape == (N, T, M)
    assert np.abs(Yhat - Y_t).max() < 1e-12
    assert np.abs(H).max() < 1

@given(T=st.integers(1, 30), D=dims, M=dims, K=dims, seed=st.integers(0, 2**31 - 1))
def test_single_sequence_is_batch_of_one(T, D, M, K, seed):
    w = RNNWeights.random(D, M, K, seed=seed)
    X = make_data(1, T, D, seed=seed)
    Y1, H1 = manual_forward(X[0], w)
    Yb, Hb = manual_forward(X, w)
    assert Y1.shape == (T, K) and H1.shape == (T, M)
    np.testing.assert_allclose(Y1, Yb[0], rtol=0, atol=1e-14)
