"""A real browser (Chromium through Playwright) in front of the test database.

The pages are served by a single-threaded server that shares the test's own
database connection, so what a test creates inside its transaction is what the
browser sees, and requests never run side by side on that one connection.
Chromium is Debian's (``apt-get install chromium``); without it these tests skip.
"""

import os
import shutil
import threading
from pathlib import Path

from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections

import pytest

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class _TestSiteServer(threading.Thread):
    """Serves the site on a free loopback port with the main thread's connection."""

    def __init__(self, shared_connection):
        super().__init__(daemon=True)
        self.shared_connection = shared_connection
        self.ready = threading.Event()
        self.httpd = WSGIServer(("127.0.0.1", 0), _QuietHandler)
        self.httpd.set_app(StaticFilesHandler(WSGIHandler()))
        self.port = self.httpd.server_address[1]

    def run(self):
        connections["default"] = self.shared_connection
        self.ready.set()
        self.httpd.serve_forever()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.join()


@pytest.fixture
def site_url(db, shops_index, settings):
    """The site's address, served from this test's database and search indices.

    Django closes "old" connections around each request; here the connection is
    the test's, inside its transaction, so that is switched off meanwhile (as the
    test client does).
    """
    settings.ALLOWED_HOSTS = ["*"]
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    shared = connections["default"]
    shared.inc_thread_sharing()
    server = _TestSiteServer(shared)
    server.start()
    server.ready.wait()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.stop()
        shared.dec_thread_sharing()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def browser(monkeypatch):
    """Chromium, headless. Playwright's sync API runs an event loop in this
    thread, which Django would take for async code: the database calls made by
    the test between page loads are synchronous, so that check is lifted."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    monkeypatch.setitem(os.environ, "DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def axe():
    """Runs axe-core (WCAG 2.1 A and AA rules) on a page; returns the violations.

    axe-core's script is the one bundled by the axe-playwright-python package.
    """
    bundle = pytest.importorskip("axe_playwright_python")
    script = Path(bundle.__file__).parent / "axe.min.js"

    def run(page) -> list[dict]:
        page.add_script_tag(path=str(script))
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        )
        return [
            {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"]
        ]

    return run
