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

@pytest.fixture(scope='module')
def browser():
    "The test browser (tests/browser.py decides which) under Playwright, one per test module."
    from playwright.sync_api import sync_playwright
    from browser import ARTIFACTS, CHROMIUM_ARGS, chromium_path
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()

@pytest.fixture(autouse=True)
def screenshot_on_failure(request):
    "When a test that uses the browser fails, save what every open page showed, for CI's artifact (test-artifacts/)."
    yield
    if 'browser' not in request.fixturenames: return
    from browser import ARTIFACTS
    b = request.getfixturevalue('browser')
    if getattr(request.node, 'rep_call', None) is not None and request.node.rep_call.failed:
        for i, page in enumerate(p for ctx in b.contexts for p in ctx.pages):
            try: page.screenshot(path=ARTIFACTS / f'FAILED_{request.node.name}_{i}.png', full_page=True)
            except Exception as e: print(f'no screenshot of page {i}: {e}')
    for ctx in b.contexts: ctx.close()
