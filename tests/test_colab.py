"""What can be checked here, offline, of the live explorers in Colab's frontend (issue 29).

Colab shows third-party widgets through its custom widget manager, which loads a widget's front end by its module
name and version (anywidget's, for ours); anywidget turns that manager on itself when it finds google.colab. Checked
here with a stand-in google.colab.output: the manager is turned on and each output names it, and the widgets' ES module
is self-contained (it imports nothing and loads nothing from the web, so no JupyterLab extension and no CDN is needed).
Not checked (no Colab here): that Colab's manager serves anywidget's front end, and how the chart looks there."""
import re, sys, types
import pytest

@pytest.fixture
def colab(monkeypatch):
    "A stand-in for google.colab.output: records whether the custom widget manager was turned on."
    calls = []
    out = types.ModuleType('google.colab.output')
    out.enable_custom_widget_manager = lambda: calls.append('on')
    out._widgets = types.SimpleNamespace(_installed_url='https://colab.example/widget-manager.js')
    google, colab_mod = types.ModuleType('google'), types.ModuleType('google.colab')
    google.colab, colab_mod.output = colab_mod, out
    for name, mod in (('google', google), ('google.colab', colab_mod), ('google.colab.output', out)): monkeypatch.setitem(sys.modules, name, mod)
    import anywidget._util
    anywidget._util.enable_custom_widget_manager_once.cache_clear()
    return calls

def _widgets():
    from rnn_walkthrough.data import make_data
    from rnn_walkthrough.explorables import LiveGradNorm, LiveTrajectory
    from rnn_walkthrough.manual import RNNWeights
    return [LiveTrajectory(RNNWeights.random(3, 5, 2, seed=0), T=12, steps=6), LiveGradNorm(make_data(1, 12, 3, seed=0)[0])]

def test_in_colab_the_custom_widget_manager_is_on_and_named_in_every_output(colab):
    for w in _widgets():
        data, meta = w._repr_mimebundle_()
        assert colab == ['on'], f'{type(w).__name__}: Colab custom widget manager not turned on'
        assert meta['application/vnd.jupyter.widget-view+json']['colab']['custom_widget_manager']['url'].endswith('widget-manager.js')
        assert (w._model_module, w._view_module) == ('anywidget', 'anywidget'), 'a front end of our own would need an extension'

def test_the_widget_module_is_self_contained():
    for w in _widgets():
        esm = w._esm
        assert not re.search(r'(?m)^\s*import[\s{*"\']|\bimport\(', esm), 'the ES module imports something: offline or in Colab it may not load'
        assert not re.search(r'<script[^>]+src=|fetch\(\s*["\']https?:', esm), 'the ES module loads something from the web'
        assert esm.count('export default') == 1 and 'vegaEmbed' in esm
