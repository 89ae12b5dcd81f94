"""Write nbs/vega-bundle.js: Vega, Vega-Lite and vega-embed as one script, taken from the vl-convert-python package (no download).

Every docs page with an explorable (rnn_walkthrough.explorables) loads this one file; Quarto copies it to the site because
nbs/_quarto.yml lists it under `project: resources`. Rerun after upgrading vl-convert-python: python tools/write_vega_bundle.py"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parents[1]))   # this checkout's package, installed or not
from rnn_walkthrough.explorables import write_bundle

path = write_bundle(str(Path(__file__).parents[1] / 'nbs' / 'vega-bundle.js'))
print(f'wrote {path}: {Path(path).stat().st_size:,} bytes')
