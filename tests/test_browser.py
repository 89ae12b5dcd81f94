"End to end in a real browser: the live explorer in Voila, and the kernel-free player on the docs page."
import pytest
from browser import ARTIFACTS, LIVE, ROOT, Voila, live_press, live_value, render_docs_page

def _lines(page) -> str: return page.locator(f'{LIVE} svg g.mark-line path').first.get_attribute('d')   # unit 1 over time

# The app's controls: (name, key that moves it from where the app opens, whether Python recomputes)
APP_CONTROLS = [('t', 'ArrowRight', False), ('rho', 'ArrowRight', True), ('scale', 'ArrowRight', True),
                ('steps', 'ArrowLeft', True), ('seed', 'ArrowRight', True)]

def test_voila_explorer_sliders_change_the_plot(browser, tmp_path):
    """README's Voila route, the app: every control its text names is there, moves with the arrow keys, and changes the
    picture (t the cursor, in the browser; every other control the hidden states, recomputed in Python)."""
    with Voila(ROOT / 'apps' / 'trajectories.ipynb', tmp_path) as server:
        page = browser.new_page(viewport={'width': 1400, 'height': 900})
        errors = []; page.on('pageerror', lambda e: errors.append(str(e)))
        page.goto(server.url, timeout=60_000)
        page.wait_for_selector(f'{LIVE} svg g.mark-line path', timeout=60_000)
        page.screenshot(path=ARTIFACTS / 'voila_explorer_start.png')
        names = [n.strip() for n in page.locator(f'{LIVE} .vega-bind-name').all_inner_texts()]
        promised = page.locator('.jp-RenderedMarkdown strong').all_inner_texts()
        assert sorted(names) == sorted(promised), f'the app offers {names}, its text promises {promised}'
        assert live_value(page, 't') == '30'
        for name, key, python in APP_CONTROLS:
            v0, d0 = live_value(page, name), _lines(page)
            assert live_press(page, name, key) is not None, f'{name}: no new picture after {key}'
            assert live_value(page, name) != v0, f'{name}: {key} did not move it'
            assert (_lines(page) != d0) == python, f'{name}: the hidden states {"did not change" if python else "changed"}'
        assert live_value(page, 't') == '31'
        page.screenshot(path=ARTIFACTS / 'voila_explorer_moved.png')
        assert not errors, errors

# Chapters 3, 4 and 7 show Vega-Lite explorables (tests/test_explorables.py); chapter 9 keeps a frame player, tested here.

@pytest.mark.parametrize('chapter, n_frames', [('09_dynamics', 10)])   # every sixth of 60 steps
def test_docs_page_player_scrubs_without_a_kernel(browser, tmp_path, proc_dir, chapter, n_frames):
    page_path = render_docs_page(chapter, tmp_path, proc_dir)
    page = browser.new_page(viewport={'width': 1300, 'height': 900})
    errors = []; page.on('pageerror', lambda e: errors.append(str(e)))
    page.route('http*://**', lambda route: route.abort())   # no network: the page must work from itself alone
    page.goto(page_path.as_uri())
    slider = page.locator('input.anim-slider').first
    img = page.locator('img[id^="_anim_img"]').first
    slider.scroll_into_view_if_needed()
    assert slider.get_attribute('max') == str(n_frames - 1)     # one frame per step (or per setting)
    src0 = img.get_attribute('src')
    slider.fill(str(n_frames // 2))                 # drag the frame slider
    page.wait_for_function("s => document.querySelector('img[id^=_anim_img]').src !== s", arg=src0, timeout=5_000)
    assert img.get_attribute('src') != src0
    page.locator('.anim-buttons button').nth(2).click()   # one step back ('Previous frame')
    assert page.evaluate("document.querySelector('input.anim-slider').value") == str(n_frames // 2 - 1)
    img.screenshot(path=ARTIFACTS / f'docs_{chapter}_player.png')
    assert 'VBox(children' not in page.content(), "the docs page shows a dead live widget"
    assert not errors, errors

@pytest.mark.parametrize('chapter', ['09_dynamics'])
def test_players_show_their_poster_without_javascript(browser, tmp_path, proc_dir, chapter):
    "Where no script runs (GitHub, nbconvert, an untrusted notebook) every player still shows a picture."
    page_path = render_docs_page(chapter, tmp_path, proc_dir)
    ctx = browser.new_context(java_script_enabled=False, viewport={'width': 1300, 'height': 900})
    page = ctx.new_page()
    page.route('http*://**', lambda route: route.abort())
    page.goto(page_path.as_uri())
    imgs = page.locator('img[id^="_anim_img"]')
    assert imgs.count() >= 1
    for i in range(imgs.count()):
        img = imgs.nth(i)
        img.scroll_into_view_if_needed()
        assert img.evaluate("e => e.complete && e.naturalWidth > 100"), f'player {i} of {chapter} shows no poster'
    imgs.first.screenshot(path=ARTIFACTS / f'docs_{chapter}_poster_nojs.png')

def test_docs_page_shows_exercises_with_folded_solutions(browser, tmp_path, proc_dir):
    "Each exercise of a chapter renders on its docs page; with Quarto its solution opens on a click, without it the page still carries it."
    import shutil
    from rnn_walkthrough.exercises import EXERCISES
    page_path = render_docs_page('02_manual', tmp_path, proc_dir)
    page = browser.new_page(viewport={'width': 1300, 'height': 900})
    errors = []; page.on('pageerror', lambda e: errors.append(str(e)))
    page.route('http*://**', lambda route: route.abort())
    page.goto(page_path.as_uri())
    names = [n for n, ex in EXERCISES.items() if ex.chapter == '02_manual']
    assert len(names) >= 3
    for name in names:
        heading = page.get_by_role('heading', name=f'Exercise', exact=False).filter(has_text=name).first
        heading.scroll_into_view_if_needed()
        assert heading.is_visible(), f'exercise {name} has no visible heading'
        verdict = page.get_by_text(f'✓ {name}: all', exact=False).first
        if shutil.which('quarto'):     # Quarto folds the solution into a collapsed callout: hidden until clicked
            assert not verdict.is_visible()
            page.locator('.callout-tip .callout-header', has_text='Solution').nth(names.index(name)).click()
            verdict.wait_for(state='visible', timeout=5_000)
        else:                          # nbconvert knows no callouts: the solution is on the page, unfolded
            assert verdict.count() == 1
    page.screenshot(path=ARTIFACTS / 'docs_02_manual_exercises.png', full_page=False)
    assert not errors, errors
