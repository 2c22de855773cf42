"""Serve a built site on 127.0.0.1, drive Debian's Chromium with Playwright, and run
axe-core in it."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).resolve().parent.parent.parent / "tools/node_modules/axe-core/axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1, levels A and AA
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm"}

    def log_message(self, *args):  # keep test output clean
        pass

    def list_directory(self, path):  # a static host answers a folder without index.html 404
        self.send_error(404)


@contextmanager
def serve(site: Path, handler_class: type = QuietHandler):
    """The site at http://127.0.0.1:<free port>/ for the duration of the block."""
    handler = functools.partial(handler_class, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Watched:
    """A page whose requests and console errors are recorded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on a Playwright page as it is now, one line
    per element: rule, impact, CSS selector, what to fix."""
    assert AXE.exists(), "make test installs axe-core (npm, tools/package-lock.json)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", WCAG)
    return [f"{rule['id']} ({rule['impact']}) at {' '.join(node['target'])}: {rule['help']}. "
            + " ".join(node["failureSummary"].split())
            for rule in result["violations"] for node in rule["nodes"]]
