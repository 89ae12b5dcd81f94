# JupyterLab's settings for this project: `jupyter lab --config=jupyter_lab_config.py nbs/` (README, "Step through the chapters").
# Opening or running a chapter must leave its file as committed (git status clean); tests/test_jupyterlab.py checks both.
# 1. JupyterLab writes the running kernel's name and language into a notebook's metadata as soon as it opens it. The
#    notebooks are stored as nbdev_clean leaves them (kernelspec display_name = its name, no language_info); the hook
#    below saves that metadata the same way, so that opening and saving a chapter leaves its file byte for byte as it was.
# 2. Autosave (every 120 s) would write a run's outputs and execution counts into the chapter. jupyter-lab-settings/
#    overrides.json turns it off (a default: a setting of your own in JupyterLab's Settings Editor still wins); Ctrl+S
#    saves, as you choose. That folder replaces JupyterLab's default app settings folder (<sys.prefix>/share/jupyter/lab/
#    settings, empty in a pip install): an overrides.json or page_config.json placed there is not read in this route.
from pathlib import Path

def _metadata_as_committed(model, **kwargs):
    "Before a save: the notebook-level metadata as nbdev_clean writes it."
    if model.get('type') != 'notebook': return
    meta = model['content'].get('metadata', {})
    meta.pop('language_info', None)
    spec = meta.get('kernelspec')
    if spec and spec.get('name'): spec['display_name'] = spec['name']

c.ContentsManager.pre_save_hook = _metadata_as_committed  # noqa: F821 (c: the config object Jupyter passes)
c.LabApp.app_settings_dir = str(Path(__file__).resolve().parent / 'jupyter-lab-settings')  # noqa: F821
