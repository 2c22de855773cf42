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

import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from browser import ARGS, CHROMIUM, QuietHandler, serve  # noqa: E402  (the tests' server)

LIGHTHOUSE = ROOT / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = " ".join(["--headless=new", *ARGS])
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")


class GzipHandler(QuietHandler):
    """Static files, gzipped when the client accepts it and the file is text."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the folder's URL with a slash
            path = path / "index.html"
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or path.suffix not in TEXT):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


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
        with serve(site, GzipHandler) as base:
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
