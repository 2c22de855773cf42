"""Lighthouse on a 1,000-case site, for `make bench` (never in the unit tests: scores vary).

Lighthouse (npm, pinned in tools/package-lock.json) runs Debian's Chromium with its default
mobile emulation and simulated slow-4G throttling, on the home page and a case page of the
caseshelf site and, as the anchor, of a plain mkdocs-material site of the same cases. Both
sites are served on 127.0.0.1 by a small server that gzips text the way any web host does.
Each page is audited `runs` times; the median run (by performance score) is printed.

Targets: performance 1.00, accessibility 1.00, best practices 1.00, SEO >= 0.95, total byte
weight <= 100 KiB on a first visit, no third-party requests.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run"
                " --disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it and the file is text."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript",
                      ".wasm": "application/wasm"}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in TEXT or not self.path.split("?")[0].endswith(
                    ("/",) + TEXT)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def log_message(self, *args):
        pass


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


@contextmanager
def serve(site: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def audit(url: str) -> dict:
    """One Lighthouse run: the four scores, total bytes and third-party requests."""
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        result = subprocess.run(
            ["node", str(LIGHTHOUSE), url, f"--chrome-path={CHROMIUM}",
             f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile", "--output=json",
             f"--output-path={report}", "--quiet", f"--only-categories={','.join(CATEGORIES)}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM})
        if result.returncode != 0 or not report.exists():
            raise SystemExit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    origin = urlsplit(url).netloc
    requests = data["audits"]["network-requests"]["details"]["items"]
    failing = sorted(
        f"{category}:{ref['id']}"
        for category in CATEGORIES for ref in data["categories"][category]["auditRefs"]
        if ref["weight"] and (data["audits"][ref["id"]]["score"] or 0) < 1
        and data["audits"][ref["id"]]["scoreDisplayMode"] in ("binary", "numeric"))
    return {
        "scores": {c: data["categories"][c]["score"] for c in CATEGORIES},
        "bytes": data["audits"]["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "third_party": sorted({r["url"] for r in requests
                               if urlsplit(r["url"]).scheme in ("http", "https")
                               and urlsplit(r["url"]).netloc != origin}),
        "below_full": failing,
        "warnings": data.get("runWarnings", []),
    }


def median_run(url: str, runs: int) -> dict:
    results = sorted((audit(url) for _ in range(runs)),
                     key=lambda r: r["scores"]["performance"] or 0)
    return results[len(results) // 2]


def bench_lighthouse(ours: Path, anchor: Path, runs: int = 3) -> None:
    """Print the Lighthouse table for two built sites (caseshelf and the anchor)."""
    case = sorted(p.parent.name for p in (ours / "cases").glob("*/index.html"))[0]
    pages = {"home": "", "case page": f"cases/{case}/"}
    version = json.loads((LIGHTHOUSE.parent.parent / "package.json").read_text())["version"]
    print(f"\nlighthouse {version} (mobile emulation, simulated slow 4G,"
          f" Debian Chromium), median of {runs} runs per page, gzip served on 127.0.0.1\n")
    print(f"{'site':<10} {'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}"
          f"  {'bytes':>10} {'requests':>8} {'3rd party':>9}")
    below = []
    for name, site in (("caseshelf", ours), ("anchor", anchor)):
        with serve(site) as base:
            for label, path in pages.items():
                run = median_run(base + path, runs)
                s = run["scores"]
                print(f"{name:<10} {label:<10}" + "".join(
                    f" {s[c]:>5.2f}" if s[c] is not None else "     -" for c in CATEGORIES)
                    + f"  {run['bytes'] / 1024:>6.1f} KiB {run['requests']:>8}"
                    f" {len(run['third_party']):>9}")
                if name == "caseshelf" and run["below_full"]:
                    below.append(f"  {label}: " + ", ".join(run["below_full"]))
                for warning in run["warnings"]:
                    print(f"    warning: {warning}")
    print("targets (caseshelf): perf 1.00, a11y 1.00, best 1.00, seo >= 0.95, <= 100 KiB,"
          " 0 third-party requests")
    if below:
        print("audits below a full score on caseshelf pages:\n" + "\n".join(below))
