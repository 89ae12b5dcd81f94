# JupyterLab's settings for this project: `jupyter lab --config=jupyter_lab_config.py nbs/` (README, "Step through the chapters").
# JupyterLab writes the running kernel's name and language into a notebook's metadata as soon as it opens it, and
# autosaves: every chapter would show as modified without a change. The notebooks are stored as nbdev_clean leaves them
# (kernelspec display_name = its name, no language_info); this hook saves that metadata the same way, so that opening
# a chapter leaves its file byte for byte as it was (tests/test_jupyterlab.py checks it).

def _metadata_as_committed(model, **kwargs):
    "Before a save: the notebook-level metadata as nbdev_clean writes it."
    if model.get('type') != 'notebook': return
    meta = model['content'].get('metadata', {})
    meta.pop('language_info', None)
    spec = meta.get('kernelspec')
    if spec and spec.get('name'): spec['display_name'] = spec['name']

c.ContentsManager.pre_save_hook = _metadata_as_committed  # noqa: F821 (c: the config object Jupyter passes)
