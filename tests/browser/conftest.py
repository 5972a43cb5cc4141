"""Real-browser fixtures: the app served on 127.0.0.1 in a thread, Debian's Chromium via Playwright."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from checker.web import create_app
from checker.web.demo import load_demo
from checker.web.extensions import db
from tests.helpers import AXE
from tests.helpers import app_config

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    """Without Chromium or axe-core the browser tests cannot run: skip locally, fail in CI."""
    missing = [
        name
        for name, path in (("chromium", Path(CHROMIUM)), ("axe-core", AXE))
        if not path.exists()
    ]
    if not missing or os.environ.get("CI"):
        return  # in CI a missing browser is a failure: the tests run and fail loudly
    reason = f"{', '.join(missing)} not installed: run `make browser-deps`"
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


class LiveServer(str):
    """The server's address, with the app behind it."""


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """The app with demo data on a free port of 127.0.0.1."""
    folder = tmp_path_factory.mktemp("live")
    os.environ["CHECKER_INSTANCE_PATH"] = str(folder)
    config = app_config(folder, f"sqlite:///{folder / 'live.sqlite'}") | {"WTF_CSRF_ENABLED": True}
    app = create_app(config)
    with app.app_context():
        db.create_all()
        load_demo()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = LiveServer(f"http://127.0.0.1:{server.server_port}")
    url.app = app  # for checks against the server's own register (issued reports)
    yield url
    server.shutdown()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # axe-core is injected as a script; the app's CSP rightly forbids that, so the test context
    # bypasses CSP (the CSP itself is asserted in the HTTP tests).
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
