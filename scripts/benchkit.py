"""What the benchmarks share: the synthetic projects (caseshelf's and the plain-Material
anchor's), a build in a child process with the peak memory of its whole process tree, and
the sizes and transfers a reader sees. The benchmarks themselves: bench.py (`make bench`),
bench_languages.py, bench_import.py, bench_pdf.py, bench_lighthouse.py."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_cases import write_cases  # noqa: E402

ROOT = HERE.parent
ANCHOR_CONFIG = """\
site_name: anchor
theme:
  name: material
  font: false
plugins:
  - search
  - tags
not_in_nav: |
  cases/*
nav:
  - index.md
"""
CHILD_BUILD = """\
import json, os, resource, sys, time
os.environ["NO_MKDOCS_2_WARNING"] = "1"
from mkdocs.commands.build import build
from mkdocs.config import load_config
def once(dirty=False, command="build"):
    start = time.perf_counter()  # `serve` reads mkdocs.yml again before each build
    config = load_config(config_file=sys.argv[1])
    config.plugins.on_startup(command=command, dirty=dirty)
    if not dirty:
        start = time.perf_counter()
    build(config, dirty=dirty)
    config.plugins.on_shutdown()
    return time.perf_counter() - start
profile_to = os.environ.get("BENCH_CPROFILE")  # the build under cProfile, to this file
if profile_to:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
serving = len(sys.argv) > 2  # as `mkdocs serve --dirty`: its first build, then rebuilds
RELOADS, PAUSE = 5, 3.0  # rebuilds after a sentence is added; seconds between saves
seconds = once(dirty=serving, command="serve" if serving else "build")
if profile_to:
    profiler.disable()
    profiler.dump_stats(profile_to)
reload, listed = [], None
for _ in range(RELOADS if serving else 0):  # edit one case, rebuild as `serve --dirty` does
    time.sleep(PAUSE)  # as a person reads the page, then saves again
    with open(sys.argv[2], "a", encoding="utf-8") as f:
        f.write("\\nOne more sentence for the benchmark.\\n")
    reload.append(once(dirty=True, command="serve"))
if serving:
    time.sleep(PAUSE)
    with open(sys.argv[2], encoding="utf-8") as f:  # then its title, which lists show
        text = f.read().replace("\\ntitle: ", "\\ntitle: Edited ", 1)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)
    listed = once(dirty=True, command="serve")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "reload": reload, "listed": listed}))
"""


def timed(command: list[str], repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
    return best, result


def site_size(site: Path) -> tuple[int, list[int]]:
    """Total bytes of the built site, and gzipped sizes of (up to 300) case pages."""
    import gzip

    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    pages = sorted(site.glob("cases/*/index.html"))[:300]
    return total, sorted(len(gzip.compress(p.read_bytes(), 6)) for p in pages)


def gz_summary(sizes: list[int]) -> str:
    return f"{sizes[len(sizes) // 2] / 1024:.1f}/{sizes[-1] / 1024:.1f}"


def _tree_memory(root: int) -> int:
    """Bytes held now by `root` and every process under it: the sum of their PSS (RSS where
    the kernel gives no smaps_rollup)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2:].split()[1])
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        grew, tree = bool(found), tree | found
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                fields = dict(line.split(b":", 1) for line in f.read().splitlines()[1:])
            total += int((fields.get(b"Pss") or fields[b"Rss"]).split()[0]) * 1024
        except (OSError, KeyError, ValueError):
            try:
                with open(f"/proc/{pid}/statm", "rb") as f:
                    total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            except OSError:
                pass
    return total


class TreePeak:
    """The highest memory of a process tree, sampled in a thread while it runs."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid, self.interval, self.peak = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_memory(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def build_in_child(config: Path, edit: Path | None = None, *, warm: bool = False) -> dict:
    """Build in a fresh process: its seconds, the peak memory of its whole process tree
    ("peak"), the child's own peak RSS ("own"), the CPU seconds of the whole tree ("cpu";
    with `edit`, its rebuilds' too) and its reload seconds if `edit`. A cold
    build (the default) starts without the project's cache (.cache/caseshelf/, which an
    earlier build of the same files fills); a `warm` one uses what is there."""
    import json

    if not warm:
        shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    command = [sys.executable, "-c", CHILD_BUILD, str(config)] + ([str(edit)] if edit else [])
    before = _tree_cpu()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=config.parent)
    sampler = TreePeak(child.pid)
    stdout, stderr = child.communicate()
    peak = sampler.stop()
    if child.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["own"], result["peak"] = result["peak"], max(peak, result["peak"])
    result["cpu"] = _tree_cpu() - before
    result["log"] = stderr
    return result


def _tree_cpu() -> float:
    """User and system CPU seconds of every process this one has waited for, theirs
    included: a build's whole tree (its workers, Pagefind, the old site's deletion), as each
    waits for its own."""
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def prepare(folder: Path, size: int, translate_every: int = 0) -> tuple[Path, Path]:
    """The same synthetic cases as a caseshelf project and as a plain Material site (the
    originals only: the anchor has no translations)."""
    ours, anchor = folder / "caseshelf", folder / "anchor"
    cases = write_cases(size, ours / "cases", translate_every=translate_every)
    shutil.copytree(ROOT / "docs", ours / "docs")
    shutil.copy(ROOT / "mkdocs.yml", ours / "mkdocs.yml")
    (anchor / "docs" / "cases").mkdir(parents=True)
    (anchor / "docs" / "index.md").write_text("# Cases\n", encoding="utf-8")
    for path in cases:
        shutil.copy(path, anchor / "docs" / "cases" / path.name)
    (anchor / "mkdocs.yml").write_text(ANCHOR_CONFIG, encoding="utf-8")
    return ours / "mkdocs.yml", anchor / "mkdocs.yml"


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


def transferred(page, action) -> tuple[int, int]:
    """Bytes and requests of what `action` makes a Playwright page load, gzipped where a
    server would compress."""
    import gzip

    seen: list = []

    def record(request) -> None:
        seen.append(request)

    page.on("requestfinished", record)
    action()
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    page.remove_listener("requestfinished", record)
    total = 0
    for request in seen:
        body = request.response().body()
        path = request.url.split("?")[0]
        size = len(gzip.compress(body, 6)) if path.endswith(COMPRESSIBLE) or path.endswith(
            "/") else len(body)
        if os.environ.get("BENCH_VERBOSE"):
            print(f"    {size / 1024:7.1f} KB  {path}")
        total += size
    return total, len(seen)


def browser_tools():
    """Playwright's sync API and the tests' Chromium settings and static server."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright

    from support.browser import ARGS, CHROMIUM, serve
    return sync_playwright, ARGS, CHROMIUM, serve


@contextmanager
def chromium(site: Path):
    """The site served over HTTP, and Debian's Chromium: (the site's address, the browser)."""
    sync_playwright, ARGS, CHROMIUM, serve = browser_tools()  # noqa: N806
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield base, browser
        finally:
            browser.close()


def search_words() -> tuple[str, str]:
    """What a first search looks for: a mid-ranked word of the synthetic cases, and a
    top-ten one."""
    from make_cases import vocabulary

    return vocabulary()[2000], "innovation"


def verdict(value: float, budget: float) -> str:
    return "PASS" if value <= budget else "OVER"


def without_search(config: Path) -> Path:
    """Beside `config`, the same site without the search index (<its name>-nosearch.yml),
    built into site-nosearch/."""
    import re

    text = re.sub(r"^site_dir: .*\n", "", config.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert "      licence: CC-BY-4.0\n" in text
    plain = config.with_name(f"{config.stem}-nosearch.yml")
    plain.write_text(text.replace("      licence: CC-BY-4.0\n",
                                  "      licence: CC-BY-4.0\n      search: false\n")
                     + "site_dir: site-nosearch\n", encoding="utf-8")
    return plain


def one_language_config(config: Path) -> tuple[Path, list[str]]:
    """Beside the project's mkdocs.yml (every language), the same site in its first
    language only, built into site-one-language/; and the languages of mkdocs.yml."""
    import re

    text = config.read_text(encoding="utf-8")
    line = re.search(r"^( +)languages: \[([^\]]*)\].*$", text, re.MULTILINE)
    assert line, "mkdocs.yml sets the plugin's `languages`"
    languages = [tag.strip() for tag in line[2].split(",")]
    one = config.parent / "mkdocs-one-language.yml"
    one.write_text(text.replace(line[0], f"{line[1]}languages: [{languages[0]}]")
                   + "site_dir: site-one-language\n", encoding="utf-8")
    return one, languages
