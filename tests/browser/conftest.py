"""Browser tests: Playwright driving Debian's Chromium against the live test server, with the samples loaded.

Fixtures: `browser` (one Chromium for the session), `samples` (the national divisions and the five sample documents,
as `make run` loads them), `new_page` (a factory of pages on the live server, any viewport) and `page` (a 1280x900
page with the samples loaded). Every page records its JavaScript console errors and uncaught exceptions in
`page.js_errors`; a test fails at teardown if any page it opened logged one.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from disclosures.models import Region
from disclosures.services.regions import region_load_csv

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "seeds"
# `make screenshots` writes the README's pictures; an ordinary test run keeps its own out of the work tree.
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS_DIR") or ROOT / "tests" / "browser" / "screenshots")
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Generous: every wait is on page state (an element, a URL, a download), so a quick page costs nothing and a page
# slowed by a busy machine (another test run, a load test) still passes.
TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
    # Set only while browsers run: `check --deploy` (another test) rightly refuses this variable.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _browser()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: `apt-get install chromium` (.ci/run does).")
    sync_api.expect.set_options(timeout=TIMEOUT_MS)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def seed(prefix: str) -> Path:
    """The sample document whose file name starts with `prefix` (000 顺平 … 004 镇安)."""
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def load_samples(*, exclude: tuple[str, ...] = ()) -> None:
    # tests/conftest.py loads the divisions once per test database; the flush that ends each transactional test
    # (the live server needs one) empties them again. pytest-django runs the `db` tests before the transactional
    # ones, so the other tests still find them.
    if not Region.objects.exists():
        region_load_csv()
    paths = sorted(str(p) for p in SEEDS.glob("*.txt") if not p.name.startswith(exclude))
    call_command("import_disclosures", *paths, stdout=StringIO())


@pytest.fixture
def samples(transactional_db):
    """The national divisions and the five sample documents, as `make run` loads them."""
    load_samples()


@pytest.fixture
def samples_but_gaoyi(transactional_db):
    """The samples without 003 (高邑 2026), for the upload test to import it through the browser."""
    load_samples(exclude=("003_",))


@pytest.fixture
def new_page(browser, live_server):
    """A factory of Playwright pages on the live server: new_page(viewport=PHONE, ...) -> page (own context)."""
    contexts = []
    pages = []

    def make(*, viewport=DESKTOP, **context_options):
        context = browser.new_context(
            locale="zh-CN", viewport=viewport, accept_downloads=True, device_scale_factor=1, **context_options
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.base_url = live_server.url
        page.js_errors = []
        page.on("console", lambda msg: msg.type == "error" and page.js_errors.append(f"{page.url}: {msg.text}"))
        page.on("pageerror", lambda exc: page.js_errors.append(f"{page.url}: uncaught {exc}"))
        pages.append(page)
        return page

    yield make
    errors = [e for p in pages for e in p.js_errors]
    for context in contexts:
        context.close()
    assert not errors, "JavaScript errors in the browser:\n" + "\n".join(errors)


@pytest.fixture
def page(new_page, samples):
    return new_page()


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save <SCREENSHOTS>/<name>.png: the viewport (1280x900 by default), not the full page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled", caret="hide")
    return path
