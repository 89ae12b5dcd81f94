"Thorough profile of the parity chapter's property test: at least 300 random configurations per cell type."
import pytest
from hypothesis import given, settings
from rnn_walkthrough.parity import check_parity, parity_configs, parity_tolerance

@pytest.mark.parametrize('kind', ['RNN', 'GRU', 'LSTM'])
def test_manual_equals_torch_every_option(kind):
    @settings(max_examples=max(settings().max_examples, 300), deadline=None)
    @given(cfg=parity_configs(kind))
    def prop(cfg):
        err = check_parity(kind, **cfg)
        assert err < parity_tolerance(cfg['float64']), (kind, cfg, err)
    prop()
