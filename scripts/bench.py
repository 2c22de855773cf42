"""Benchmarks for `make bench`: print what was measured, beside an anchor run on the same files.

1. Validation: `caseshelf validate` (a fresh process, as a contributor or CI runs it) on
   1,000 and 10,000 synthetic cases, next to the anchor: a plain loop over the same files
   with python-frontmatter and jsonschema, cold (every file checked) and warm (again, with
   the cache of checked files the first run kept). Target: 10,000 cases in at most 2 s.
2. Site build: the caseshelf site in one language (the first of mkdocs.yml, as the anchor
   has one) and, as the anchor, a plain mkdocs-material site of the same cases
   (`not_in_nav`, with the tags and search plugins), each built in a fresh process, on every
   core it may use: time, peak memory, output size and gzipped case-page size. Targets at
   10,000 cases: at most 1.0x the anchor's time; at 50,000, at most 5.5x the 10,000-case
   time (linear) and at most 4 GB of memory. Each build starts without the project's cache
   (.cache/caseshelf/), except the warm rebuild: at the largest size, after editing one
   case, a full build with the cache the cold build kept. Target: at most 10% of the cold
   build.
3. Reload: after editing one case, the `--dirty` rebuild `mkdocs serve --dirty` runs, at
   the largest size, in one language. Target: at most 2 s at 10,000 cases.
4. Search, on the largest site: the seconds Pagefind indexing adds to the build, and the
   bytes a reader transfers (gzipped where a server would compress; Pagefind's own files
   are already compressed) for (a) the first visit of a case page, no search: target
   <= 100 KB; (b) the first search query, with Pagefind's script, WASM and index chunks:
   target <= 150 KB; (c) a second query. Measured in Debian's Chromium via Playwright.
5. Offline: the size of the offline zip at each size, and of its search index.
6. Lighthouse on the home page and a case page of a 1,000-case site and of the anchor
   (scripts/bench_lighthouse.py). Targets: performance, accessibility and best practices
   1.00, SEO >= 0.95, at most 100 KiB on a first visit, no third-party requests.
7. Languages: the six-language build (en, fr, es, ar, ru, zh, as mkdocs.yml has it) of
   synthetic cases, one in four translated into one other language, back to back with the
   one-language build (`languages: [en]`) of the same files and the plain-Material anchor:
   time, peak memory, output. Budgets: at most 3x the one-language build; a case page of
   every language at most 6 KB gzipped (median and heaviest of up to 300 a language,
   translated pages first); the first visit of a case page of every language, in
   Chromium, at most 100 KB transferred. 1,000 cases by default; `make bench-languages`
   (or BENCH_LANGUAGES_LARGE=1) adds 10,000.
8. PDF: the compendium of 1,000 synthetic cases (`caseshelf pdf`, scripts/bench_pdf.py):
   time, peak memory, pages, size and time per 100 pages. Targets: at most 3 minutes and
   1.5 GB, and a file small enough to e-mail.
9. Import: `caseshelf import` of 10,000 rows from CSV and from XLSX, beside a plain
   csv + PyYAML loop (scripts/bench_import.py). Target: at most 10 s for either.

Memory is the peak of the whole process tree of a build (the build, its checker workers,
Pagefind), sampled from /proc every 0.1 s: the sum of each process's proportional set size
(PSS: a page shared by forked workers counts once in all), or of RSS where PSS is not given.

    python scripts/bench.py [--sizes 1000 10000] [--repeat 3] [--language-sizes 1000]
                            [--only validate|site|offline|lighthouse|languages|import|pdf]
                            [--lighthouse-runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_cases import write_cases  # noqa: E402

TARGET_SECONDS = 2.0  # 10,000 cases, cold
RELOAD_SECONDS = 2.0  # the `serve --dirty` rebuild after editing one case of 10,000
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
    config = load_config(config_file=sys.argv[1])
    config.plugins.on_startup(command=command, dirty=dirty)
    start = time.perf_counter()
    build(config, dirty=dirty)
    config.plugins.on_shutdown()
    return time.perf_counter() - start
profile_to = os.environ.get("BENCH_CPROFILE")  # the build under cProfile, to this file
if profile_to:
    import cProfile
    profiler = cProfile.Profile()
    profiler.enable()
serving = len(sys.argv) > 2  # as `mkdocs serve --dirty`: its first build, then a rebuild
seconds = once(dirty=serving, command="serve" if serving else "build")
if profile_to:
    profiler.disable()
    profiler.dump_stats(profile_to)
reload = listed = None
if serving:  # edit one case, then rebuild the way `mkdocs serve --dirty` does
    with open(sys.argv[2], "a", encoding="utf-8") as f:
        f.write("\\nOne more sentence for the benchmark.\\n")
    reload = once(dirty=True, command="serve")
    with open(sys.argv[2], encoding="utf-8") as f:  # then its title, which lists show
        text = f.read().replace("\\ntitle: ", "\\ntitle: Edited ", 1)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        f.write(text)
    listed = once(dirty=True, command="serve")
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "reload": reload, "listed": listed}))
"""


def anchor(folder: str) -> int:
    """The naive check: load each file with python-frontmatter, validate with jsonschema."""
    import frontmatter
    from jsonschema import Draft7Validator

    from caseshelf.cases.vocabularies import schema

    validator = Draft7Validator(schema())
    errors = 0
    for path in sorted(Path(folder).glob("*.md")):
        post = frontmatter.load(path)
        data = {k: v.isoformat() if hasattr(v, "isoformat") else v
                for k, v in post.metadata.items()}
        errors += sum(1 for _ in validator.iter_errors(data))
    return errors


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
    ("peak"), the child's own peak RSS ("own") and its reload seconds if `edit`. A cold
    build (the default) starts without the project's cache (.cache/caseshelf/, which an
    earlier build of the same files fills); a `warm` one uses what is there."""
    import json

    if not warm:
        shutil.rmtree(config.parent / ".cache", ignore_errors=True)
    command = [sys.executable, "-c", CHILD_BUILD, str(config)] + ([str(edit)] if edit else [])
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=config.parent)
    sampler = TreePeak(child.pid)
    stdout, stderr = child.communicate()
    peak = sampler.stop()
    if child.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{stderr[-3000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["own"], result["peak"] = result["peak"], max(peak, result["peak"])
    result["log"] = stderr
    return result


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


def bench_search(site: Path) -> None:
    sync_playwright, ARGS, CHROMIUM, serve = browser_tools()  # noqa: N806
    case_pages = sorted(site.glob("cases/*/index.html"))
    print(f"\nsearch: bytes transferred on the {len(case_pages):,}-case site,"
          " gzipped where a server would compress")

    case = case_pages[len(case_pages) // 2]
    from make_cases import vocabulary

    typical, common = vocabulary()[2000], "innovation"  # a mid-ranked word; a top-ten word

    def visit(first_word: str, second_word: str):
        page = browser.new_context().new_page()
        url = base + case.parent.relative_to(site).as_posix() + "/"
        box = page.locator("#cs-q")

        def query(word: str):
            def run():
                box.fill("")  # clears the results, so the wait below is for this query's
                page.wait_for_selector(".cs-search__more", state="detached", timeout=30000)
                box.fill(word)
                page.wait_for_selector(".cs-search__list li, .cs-search__more", timeout=30000)
            return run

        measured = [transferred(page, lambda: page.goto(url)),
                    transferred(page, query(first_word)), transferred(page, query(second_word))]
        page.context.close()
        return measured

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        first, typical_first, common_second = visit(typical, common)
        _, common_first, _ = visit(common, typical)
        browser.close()
    rows = [("(a) first visit of a case page, no search", first, 100),
            (f"(b) first query, '{typical}' (a mid-ranked word)", typical_first, 150),
            (f"(b) first query, '{common}' (a top-ten word)", common_first, 150),
            (f"(c) a second query, '{common}'", common_second, None)]
    for label, (size, count), target in rows:
        verdict = f"target <= {target} KB: {'met' if size <= target * 1024 else 'NOT met'}" \
            if target else ""
        print(f"  {label:<52} {size / 1024:>7.1f} KB in {count:>2} requests  {verdict}")
    print("  (b) includes Pagefind's script, its WASM, its metadata and the index chunks")


def bench_site(sizes: list[int]) -> None:
    mb = 1024 * 1024
    print("\nsite build: one fresh process per build, wall-clock seconds"
          " (anchor: plain mkdocs-material, cases not_in_nav, tags + search plugins)\n")
    print(f"{'cases':>7}  {'caseshelf':>9}  {'anchor':>8}  {'ratio':>6}  {'s/1k cases':>10}"
          f"  {'peak memory':>15}  {'output':>17}  {'case page gz (median/max)':>27}")
    per_thousand, anchors = {}, {}
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            ours_config, anchor_config = prepare(Path(tmp), size)
            ours_config, _ = one_language_config(ours_config)  # as the anchor: one language
            ours = build_in_child(ours_config)
            theirs = build_in_child(anchor_config)
            ours_total, ours_pages = site_size(ours_config.parent / "site-one-language")
            their_total, their_pages = site_size(anchor_config.parent / "site")
            if size == max(sizes):
                edited = sorted((ours_config.parent / "cases").glob("*.md"))[size // 2]
                with open(edited, "a", encoding="utf-8") as case:
                    case.write("\nOne more sentence for the benchmark.\n")
                warm = build_in_child(ours_config, warm=True)
                plain = build_in_child(without_search(ours_config))
                search_site = Path(tempfile.mkdtemp()) / "site"
                shutil.move(ours_config.parent / "site-one-language", search_site)
        per_thousand[size] = ours["seconds"] / size * 1000
        anchors[size] = theirs["seconds"]
        print(f"{size:>7}  {ours['seconds']:>8.1f}s  {theirs['seconds']:>7.1f}s"
              f"  {ours['seconds'] / theirs['seconds']:>5.2f}x  {per_thousand[size]:>9.2f}s"
              f"  {ours['peak'] / mb:>5.0f} / {theirs['peak'] / mb:>4.0f} MB"
              f"  {ours_total / mb:>6.1f} / {their_total / mb:>5.1f} MB"
              f"  {gz_summary(ours_pages)} vs {gz_summary(their_pages)} KB")
    if len(per_thousand) > 1:
        small, large = min(per_thousand), max(per_thousand)
        print(f"\ngrowth: {per_thousand[large] / per_thousand[small]:.2f}x the time per case at "
              f"{large:,} cases as at {small:,} (1.00x is linear)")
    print("(peak memory, of the whole process tree, and output: caseshelf / anchor)")
    largest = max(sizes)
    added = per_thousand[largest] * largest / 1000 - plain["seconds"]
    share = warm["seconds"] / (per_thousand[largest] * largest / 1000)
    print(f"\nwarm rebuild: after editing one case of {largest:,}, a full build with the cache "
          f"of the cold one (.cache/caseshelf/) took {warm['seconds']:.1f} s, {share:.0%} of "
          f"the cold build (target <= 10%: {'met' if share <= 0.10 else 'NOT met'})")
    print(f"\nwithout the search index the {largest:,}-case build takes {plain['seconds']:.1f} s"
          f" ({plain['seconds'] / anchors[largest]:.2f}x the anchor): Pagefind indexing, which"
          f" overlaps the rendering of the browse pages, adds {added:.1f} s")
    try:
        bench_search(search_site)
    finally:
        shutil.rmtree(search_site.parent)


PAGE_BUDGET = 6 * 1024  # bytes, a case page gzipped
VISIT_BUDGET = 100 * 1024  # bytes transferred on a first visit of a case page
LANGUAGES_RATIO = 3.0  # the six-language build's time over the one-language build's
TRANSLATE_EVERY = 4


def verdict(value: float, budget: float) -> str:
    return "PASS" if value <= budget else "OVER"


def without_search(config: Path) -> Path:
    """Beside `config`, the same site without the search index, built into site-nosearch/."""
    text = config.read_text(encoding="utf-8")
    assert "      licence: CC-BY-4.0\n" in text
    plain = config.parent / "mkdocs-nosearch.yml"
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


def language_samples(site: Path, languages: list[str],
                     cases: Path) -> dict[str, tuple[list[Path], set[str]]]:
    """Per language: up to 300 of its case pages, those translated into it first, and the
    slugs of its translated cases."""
    samples = {}
    for language in languages:
        root = site if language == languages[0] else site / language
        translated = {p.name.split(".")[0] for p in cases.glob(f"*.{language}.md")}
        pages = sorted(root.glob("cases/*/index.html"),
                       key=lambda p: (p.parent.name not in translated, p.parent.name))
        samples[language] = (pages[:300], translated)
    return samples


def page_sizes(pages: list[Path]) -> list[int]:
    import gzip

    return sorted(len(gzip.compress(p.read_bytes(), 6)) for p in pages)


def bench_language_pages(site: Path, languages: list[str], cases: Path) -> None:
    print(f"\n  case page, gzipped (level 6), per language: median and heaviest of up to 300"
          f" (translated first); budget <= {PAGE_BUDGET:,} B")
    for language, (pages, translated) in language_samples(site, languages, cases).items():
        sizes = page_sizes(pages)
        own = page_sizes([p for p in pages if p.parent.name in translated])
        mine = f"translated {len(own):>3}: {own[len(own) // 2]:>5,} / {own[-1]:>5,} B" \
            if own else f"{'(the originals)':<30}"
        print(f"    {language:<3} {len(sizes):>3} pages: median {sizes[len(sizes) // 2]:>5,} B,"
              f" heaviest {sizes[-1]:>5,} B   {mine}   {verdict(sizes[-1], PAGE_BUDGET)}")


def bench_language_visits(site: Path, languages: list[str], cases: Path) -> None:
    sync_playwright, ARGS, CHROMIUM, serve = browser_tools()  # noqa: N806
    print(f"\n  first visit of a case page, per language (Chromium, empty cache; gzipped where a"
          f" server would compress); budget <= {VISIT_BUDGET // 1024} KB")
    samples = language_samples(site, languages, cases)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for language, (pages, translated) in samples.items():
            own = [page for page in pages if page.parent.name in translated] or pages
            page_file = own[len(own) // 2]
            url = base + page_file.parent.relative_to(site).as_posix() + "/"
            page = browser.new_context().new_page()
            size, count = transferred(page, lambda page=page, url=url: page.goto(url))
            page.context.close()
            kind = "translated" if page_file.parent.name in translated else "original"
            print(f"    {language:<3} /{page_file.parent.relative_to(site).as_posix()}/"
                  f" ({kind}): {size / 1024:>6.1f} KB in {count:>2} requests"
                  f"   {verdict(size, VISIT_BUDGET)}")
        browser.close()


def bench_languages(sizes: list[int], profile: bool = False) -> None:
    """The six-language build beside the one-language build of the same files and the
    anchor, then each language's case pages and first visit."""
    mb = 1024 * 1024
    print(f"\nlanguages: one case in {TRANSLATE_EVERY} translated into one other language (fr,"
          " es, ar, ru, zh in turn); each build a fresh process, run back to back; memory is"
          " the peak of the whole process tree")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            six, anchor_config = prepare(Path(tmp), size, translate_every=TRANSLATE_EVERY)
            one, languages = one_language_config(six)
            cases = six.parent / "cases"
            translations = len(list(cases.glob("*.*.md")))
            print(f"\n{size:,} cases, {translations:,} translations,"
                  f" languages {', '.join(languages)}")
            print(f"  {'build':<18} {'time':>8} {'vs one':>7} {'vs anchor':>9}"
                  f" {'peak memory':>12} {'(own)':>8} {'output':>9} {'files':>8}", flush=True)
            many = f"{len(languages)} languages"
            builds = {"anchor (Material)": (anchor_config, anchor_config.parent / "site"),
                      "one language": (one, six.parent / "site-one-language"),
                      many: (six, six.parent / "site")}
            runs = {}
            for name, (config, site) in builds.items():  # back to back, each printed when done
                run = runs[name] = build_in_child(config)
                files = [f for f in site.rglob("*") if f.is_file()]
                total = sum(f.stat().st_size for f in files)
                versus = f"{run['seconds'] / runs['one language']['seconds']:.2f}x" \
                    if "one language" in runs else "-"
                print(f"  {name:<18} {run['seconds']:>7.1f}s {versus:>7}"
                      f" {run['seconds'] / runs['anchor (Material)']['seconds']:>8.2f}x"
                      f" {run['peak'] / mb:>9.0f} MB {run['own'] / mb:>5.0f} MB"
                      f" {total / mb:>6.0f} MB {len(files):>8,}", flush=True)
            sites = {name: site for name, (_, site) in builds.items()}
            base = runs["one language"]["seconds"]
            ratio = runs[many]["seconds"] / base
            print(f"  {len(languages)} languages / one language: {ratio:.2f}x"
                  f" (budget <= {LANGUAGES_RATIO:.0f}x): {verdict(ratio, LANGUAGES_RATIO)}")
            warnings = [line for line in runs[many]["log"].splitlines()
                        if line.startswith("WARNING")]
            if warnings:
                print(f"  the build logged {len(warnings)} warnings, the first: {warnings[0]}")
            bench_language_pages(sites[many], languages, cases)
            bench_language_visits(sites[many], languages, cases)
            if profile:
                profile_languages(one, six)


def profile_languages(one: Path, six: Path, top: int = 15) -> None:
    """Both builds again under cProfile: the functions whose time grows most from the
    one-language build to the six-language one (the main process; Pagefind and the
    checker's workers are other processes)."""
    import pstats

    stats = {}
    for name, config in (("one", one), ("six", six)):
        for site in ("site", "site-one-language"):  # else the build's cleaning is profiled
            shutil.rmtree(config.parent / site, ignore_errors=True)
        out = config.parent / f"{name}.prof"
        os.environ["BENCH_CPROFILE"] = str(out)
        try:
            build_in_child(config)
        finally:
            del os.environ["BENCH_CPROFILE"]
        stats[name] = pstats.Stats(str(out)).stats  # {func: (cc, nc, tottime, cumtime, callers)}

    def label(func) -> str:
        path, line, name = func
        short = path.split("site-packages/")[-1].split("plugins/")[-1]
        return f"{short}:{line}({name})" if line else name

    def growth(column: int) -> list:
        one_stats, six_stats = stats["one"], stats["six"]
        rows = [(six_stats[f][column] - one_stats.get(f, (0, 0, 0, 0))[column], f)
                for f in six_stats]
        return sorted(rows, reverse=True)[:top]

    for column, what in ((2, "own time (tottime)"), (3, "cumulative time (cumtime)")):
        print(f"\n  cProfile, one -> six languages: the {top} functions whose {what} grows most")
        for grown, func in growth(column):
            before = stats["one"].get(func, (0, 0, 0, 0))
            after = stats["six"][func]
            print(f"    +{grown:6.2f}s  {before[column]:6.2f}s -> {after[column]:6.2f}s"
                  f"  calls {before[1]:>8,} -> {after[1]:>8,}  {label(func)}")


def bench_reload(size: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours_config, _ = prepare(Path(tmp), size)
        ours_config, _ = one_language_config(ours_config)  # as the site section: one language
        edited = sorted((ours_config.parent / "cases").glob("*.md"))[size // 2]
        result = build_in_child(ours_config, edited)
    print(f"\nreload (`mkdocs serve --dirty`, {size:,} cases, one language; its first build"
          f" {result['seconds']:.2f} s): after a sentence is added to a case's text, the"
          f" rebuild took {result['reload']:.2f} s (target <= {RELOAD_SECONDS:.0f} s at 10,000"
          f" cases: {'met' if result['reload'] <= RELOAD_SECONDS else 'NOT met'}); after its"
          f" title is changed (every list that shows it is rebuilt), {result['listed']:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="caseshelf benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept")
    parser.add_argument("--only",
                        choices=["validate", "site", "offline", "lighthouse", "languages",
                                 "import", "pdf"])
    parser.add_argument("--language-sizes", type=int, nargs="+", default=None,
                        help="cases in the language builds (default 1000; 1000 10000 with"
                        " BENCH_LANGUAGES_LARGE=1)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile the one- and six-language builds with cProfile")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median is printed")
    parser.add_argument("--anchor", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.anchor:
        print(anchor(args.anchor))
        return 0
    if args.only in (None, "validate"):
        bench_validate(args)
    if args.only in (None, "site"):
        bench_site(args.sizes)
        bench_reload(max(args.sizes))
    if args.only in (None, "offline"):
        bench_offline(args.sizes)
    if args.only in (None, "lighthouse"):
        bench_lighthouse_sites(args.lighthouse_runs)
    if args.only in (None, "import"):
        from bench_import import bench_import

        bench_import(max(args.sizes), repeat=1)
    if args.only in (None, "languages"):
        large = os.environ.get("BENCH_LANGUAGES_LARGE", "") not in ("", "0")
        bench_languages(args.language_sizes or ([1000, 10000] if large else [1000]),
                        args.profile)
    if args.only in (None, "pdf"):
        from bench_pdf import bench_pdf

        bench_pdf()
    return 0


def bench_lighthouse_sites(runs: int, size: int = 1000) -> None:
    from bench_lighthouse import bench_lighthouse

    with tempfile.TemporaryDirectory() as tmp:
        ours_config, anchor_config = prepare(Path(tmp), size)
        build_in_child(ours_config)
        build_in_child(anchor_config)
        bench_lighthouse(ours_config.parent / "site", anchor_config.parent / "site", runs)


def bench_offline(sizes: list[int]) -> None:
    import time as clock
    import zipfile

    from caseshelf.editions import build as editions

    print("\noffline edition (caseshelf offline): zip size and its search index")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            config, _ = prepare(Path(tmp), size)
            start = clock.perf_counter()
            target = editions.offline_zip(config, Path(tmp) / "dist")
            seconds = clock.perf_counter() - start
            with zipfile.ZipFile(target) as zf:
                index = next(i for i in zf.infolist() if i.filename.endswith("offline-index.js"))
            mb = 1024 * 1024
            print(f"{size:>7} cases  zip {target.stat().st_size / mb:>6.1f} MB"
                  f"  (built in {seconds:.0f} s)  search index {index.file_size / mb:.1f} MB,"
                  f" {index.compress_size / mb:.1f} MB in the zip")


def bench_validate(args: argparse.Namespace) -> None:
    caseshelf = str(Path(sys.executable).parent / "caseshelf")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"validate: best of {args.repeat} runs, each a fresh process, wall-clock seconds\n")
    header = (f"{'cases':>7}  {'caseshelf validate':>18}  {'per case':>9}  {'anchor':>8}"
              f"  {'ratio':>6}")
    print(header + "   (anchor: python-frontmatter + jsonschema loop, same files)")
    print(f"{'':>7}  cold: every file checked (--no-cache); warm: the same files again, with the"
          " cache the first run kept")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            write_cases(size, folder)
            ours, result = timed([caseshelf, "validate", "--no-cache", str(folder)], args.repeat)
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:])
                raise SystemExit(f"validation of the synthetic cases failed ({result.returncode})")
            kept = ["--cache", str(Path(tmp) / f"cache-{size}")]
            timed([caseshelf, "validate", *kept, str(folder)], 1)  # fills the cache
            warm, _ = timed([caseshelf, "validate", *kept, str(folder)], args.repeat)
            theirs, _ = timed([sys.executable, __file__, "--anchor", str(folder)], 1)
            figures[size] = ours
            print(f"{size:>7}  {ours:>11.2f}s cold  {ours / size * 1000:>7.2f}ms  {theirs:>7.2f}s"
                  f"  {ours / theirs:>5.2f}x")
            print(f"{'':>7}  {warm:>11.2f}s warm  {warm / size * 1000:>7.2f}ms  {theirs:>7.2f}s"
                  f"  {warm / theirs:>5.2f}x")
    if 10000 in figures:
        verdict = "met" if figures[10000] <= TARGET_SECONDS else "NOT met"
        print(f"\ntarget: 10,000 cases validated cold in <= {TARGET_SECONDS:.0f} s: {verdict} "
              f"({figures[10000]:.2f} s)")


if __name__ == "__main__":
    sys.exit(main())
