import os, sys
from pathlib import Path
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))   # the browser helpers

# 'thorough' (the default, used by CI) and 'dev' (quick, for local iteration: HYPOTHESIS_PROFILE=dev pytest tests)
settings.register_profile('thorough', max_examples=300, deadline=None)
settings.register_profile('dev', max_examples=30, deadline=None)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'thorough'))

import pytest

@pytest.fixture(scope='session')
def proc_dir() -> Path:
    "nbdev's processed notebooks (what nbdev_docs hands to Quarto), made once per test session."
    from browser import processed_notebooks
    return processed_notebooks()

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    "Keep each phase's report on the test item, so a fixture can tell whether its test failed."
    rep = yield
    setattr(item, f'rep_{rep.when}', rep)
    return rep
