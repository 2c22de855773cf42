"""Benchmarks for `make bench`: print what was measured, beside an anchor run on the same files.

1. Validation: `caseshelf validate` (a fresh process, as a contributor or CI runs it) on
   1,000 and 10,000 synthetic cases, next to the anchor: a plain loop over the same files
   with python-frontmatter and jsonschema, cold (every file checked) and warm (again, with
   the cache of checked files the first run kept). Target: 10,000 cases in at most 2 s.
2. Site build: the caseshelf site in one language (the first of mkdocs.yml, as the anchor
   has one) and, as the anchor, a plain mkdocs-material site of the same cases
   (`not_in_nav`, with the tags and search plugins), each built in a fresh process, on every
   core it may use: time, peak memory, output size and gzipped case-page size, at 1,000,
   10,000 and (--large) 50,000 cases. Targets at 10,000 cases: at most 1.0x the anchor's
   time; at 50,000, at most 5.5x the 10,000-case time (linear) and at most 4 GB of memory.
   Each build starts without the project's cache (.cache/caseshelf/), except the warm
   rebuild: at 10,000 cases, after editing one case, a full build with the cache the cold
   build kept. Target: at most 10% of the cold build.
3. Reload: after editing one case, the `--dirty` rebuild `mkdocs serve --dirty` runs, at
   the largest size, in one language, reading mkdocs.yml again as `serve` does; the case
   is saved five times, 3 s apart, and the median is judged. Target: at most 2 s at 10,000
   cases.
4. Search, on the 10,000- and 50,000-case sites: the seconds Pagefind indexing adds to the
   10,000-case build, and the bytes a reader transfers (gzipped where a server would
   compress; Pagefind's own files are already compressed) for (a) the first visit of a
   case page, no search: target <= 100 KB; (b) the first search query, with Pagefind's
   script, WASM, metadata and index chunks (of each bundle: search/pagefind.py indexes a
   language in batches): target <= 150 KB at 10,000 cases; (c) a second query. Measured
   in Debian's Chromium via Playwright.
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
   Chromium, at most 100 KB transferred; and, reported, a first search from that page in
   every language (a mid-ranked and a top-ten word). 1,000 cases by default; `make
   bench-languages` (or BENCH_LANGUAGES_LARGE=1) adds 10,000 (scripts/bench_languages.py).
8. PDF: the compendium of 1,000 synthetic cases (`caseshelf pdf`, scripts/bench_pdf.py):
   time, peak memory, pages, size and time per 100 pages. Targets: at most 3 minutes and
   1.5 GB, and a file small enough to e-mail.
9. Import: `caseshelf import` of 10,000 rows from CSV and from XLSX, beside a plain
   csv + PyYAML loop (scripts/bench_import.py). Target: at most 10 s for either.

Memory is the peak of the whole process tree of a build (the build, its checker workers,
Pagefind), sampled from /proc every 0.1 s: the sum of each process's proportional set size
(PSS: a page shared by forked workers counts once in all), or of RSS where PSS is not given.

    python scripts/bench.py [--sizes 1000 10000] [--large 50000] [--repeat 3]
                            [--language-sizes 1000]
                            [--only validate|site|offline|lighthouse|languages|import|pdf]
                            [--lighthouse-runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchkit import (  # noqa: E402
    build_in_child,
    chromium,
    gz_summary,
    one_language_config,
    prepare,
    search_words,
    site_size,
    timed,
    transferred,
    without_search,
)
from make_cases import write_cases  # noqa: E402

TARGET_SECONDS = 2.0  # 10,000 cases, cold
TARGET_SIZE = 10000  # the size of the site targets: the anchor, the warm rebuild, search
LARGE_GROWTH = 1.1  # the large build's time per case over TARGET_SIZE's: 5.5x at 50,000
LARGE_MEMORY = 4 * 1024 ** 3  # bytes, the 50,000-case build's whole process tree
RELOAD_SECONDS = 2.0  # the `serve --dirty` rebuild after editing one case of 10,000


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


def bench_search(site: Path) -> None:
    case_pages = sorted(site.glob("cases/*/index.html"))
    print(f"\nsearch: bytes transferred on the {len(case_pages):,}-case site,"
          " gzipped where a server would compress")

    case = case_pages[len(case_pages) // 2]
    typical, common = search_words()

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

    with chromium(site) as (base, browser):
        first, typical_first, common_second = visit(typical, common)
        _, common_first, _ = visit(common, typical)
    rows = [("(a) first visit of a case page, no search", first, 100),
            (f"(b) first query, '{typical}' (a mid-ranked word)", typical_first, 150),
            (f"(b) first query, '{common}' (a top-ten word)", common_first, 150),
            (f"(c) a second query, '{common}'", common_second, None)]
    for label, (size, count), target in rows:
        verdict = f"target <= {target} KB: {'met' if size <= target * 1024 else 'NOT met'}" \
            if target else ""
        print(f"  {label:<52} {size / 1024:>7.1f} KB in {count:>2} requests  {verdict}")
    print("  (b) includes Pagefind's script, its WASM, its metadata and the index chunks")


def bench_site(sizes: list[int], large: int = 0) -> None:
    """Each size's cold build beside the anchor's; at TARGET_SIZE (else the largest of
    `sizes`) the warm rebuild, the build without search and the search bytes; at `large`
    (0: none) the cold builds again, judged against TARGET_SIZE's, and the search bytes."""
    mb = 1024 * 1024
    print("\nsite build: one fresh process per build, wall-clock seconds"
          " (anchor: plain mkdocs-material, cases not_in_nav, tags + search plugins)\n")
    print(f"{'cases':>7}  {'caseshelf':>9}  {'anchor':>8}  {'ratio':>6}  {'s/1k cases':>10}"
          f"  {'peak memory':>15}  {'output':>17}  {'case page gz (median/max)':>27}")
    per_thousand, anchors, peaks, searched = {}, {}, {}, {}
    middle = TARGET_SIZE if TARGET_SIZE in sizes else max(sizes)
    for size in sorted(set(sizes) | ({large} if large else set())):
        with tempfile.TemporaryDirectory() as tmp:
            ours_config, anchor_config = prepare(Path(tmp), size)
            ours_config, _ = one_language_config(ours_config)  # as the anchor: one language
            ours = build_in_child(ours_config)
            theirs = build_in_child(anchor_config)
            ours_total, ours_pages = site_size(ours_config.parent / "site-one-language")
            their_total, their_pages = site_size(anchor_config.parent / "site")
            if size == middle:
                edited = sorted((ours_config.parent / "cases").glob("*.md"))[size // 2]
                with open(edited, "a", encoding="utf-8") as case:
                    case.write("\nOne more sentence for the benchmark.\n")
                warm = build_in_child(ours_config, warm=True)
                plain = build_in_child(without_search(ours_config))
            if size in (middle, large):
                searched[size] = Path(tempfile.mkdtemp()) / "site"
                shutil.move(ours_config.parent / "site-one-language", searched[size])
        per_thousand[size] = ours["seconds"] / size * 1000
        anchors[size], peaks[size] = theirs["seconds"], ours["peak"]
        print(f"{size:>7}  {ours['seconds']:>8.1f}s  {theirs['seconds']:>7.1f}s"
              f"  {ours['seconds'] / theirs['seconds']:>5.2f}x  {per_thousand[size]:>9.2f}s"
              f"  {ours['peak'] / mb:>5.0f} / {theirs['peak'] / mb:>4.0f} MB"
              f"  {ours_total / mb:>6.1f} / {their_total / mb:>5.1f} MB"
              f"  {gz_summary(ours_pages)} vs {gz_summary(their_pages)} KB", flush=True)
    print("(peak memory, of the whole process tree, and output: caseshelf / anchor)")
    if middle == TARGET_SIZE:
        ratio = per_thousand[middle] * middle / 1000 / anchors[middle]
        print(f"\n{middle:,} cases: {ratio:.2f}x the anchor (target <= 1.0x:"
              f" {'met' if ratio <= 1.0 else 'NOT met'})")
    if large:
        times = {size: per_thousand[size] * size / 1000 for size in (middle, large)}
        growth = times[large] / times[middle]
        linear = LARGE_GROWTH * large / middle
        bounded = peaks[large] <= LARGE_MEMORY
        print(f"{large:,} cases: {times[large]:.1f} s, {growth:.2f}x the {middle:,}-case build"
              f" (target <= {linear:.1f}x: {'met' if growth <= linear else 'NOT met'});"
              f" peak memory of the whole build {peaks[large] / mb:,.0f} MB (target <="
              f" {LARGE_MEMORY / mb:,.0f} MB: {'met' if bounded else 'NOT met'})")
    added = per_thousand[middle] * middle / 1000 - plain["seconds"]
    share = warm["seconds"] / (per_thousand[middle] * middle / 1000)
    print(f"\nwarm rebuild: after editing one case of {middle:,}, a full build with the cache "
          f"of the cold one (.cache/caseshelf/) took {warm['seconds']:.1f} s, {share:.0%} of "
          f"the cold build (target <= 10%: {'met' if share <= 0.10 else 'NOT met'})")
    print(f"\nwithout the search index the {middle:,}-case build takes {plain['seconds']:.1f} s"
          f" ({plain['seconds'] / anchors[middle]:.2f}x the anchor): Pagefind indexing, which"
          f" overlaps the rendering of the browse pages, adds {added:.1f} s")
    for site in searched.values():
        try:
            bench_search(site)
        finally:
            shutil.rmtree(site.parent)


def bench_reload(size: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ours_config, _ = prepare(Path(tmp), size)
        ours_config, _ = one_language_config(ours_config)  # as the site section: one language
        edited = sorted((ours_config.parent / "cases").glob("*.md"))[size // 2]
        result = build_in_child(ours_config, edited)
    times = sorted(result["reload"])
    median = statistics.median(times)
    print(f"\nreload (`mkdocs serve --dirty`, {size:,} cases, one language; its first build"
          f" {result['seconds']:.2f} s): after a sentence is added to a case's text, saved"
          f" {len(times)} times 3 s apart, the rebuild (mkdocs.yml read again included) took"
          f" {median:.2f} s, the median ({', '.join(f'{t:.2f}' for t in times)}; target <="
          f" {RELOAD_SECONDS:.0f} s at 10,000 cases:"
          f" {'met' if median <= RELOAD_SECONDS else 'NOT met'}, slowest"
          f" {'within' if times[-1] <= RELOAD_SECONDS else 'over'}); after its title is changed"
          f" (every list that shows it is rebuilt), {result['listed']:.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="caseshelf benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, TARGET_SIZE])
    parser.add_argument("--large", type=int, default=50000,
                        help="cases in the large site build (time and memory); 0 for none")
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
        bench_site(args.sizes, args.large)
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
        from bench_languages import bench_languages

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
            figures[size] = ours, warm
            print(f"{size:>7}  {ours:>11.2f}s cold  {ours / size * 1000:>7.2f}ms  {theirs:>7.2f}s"
                  f"  {ours / theirs:>5.2f}x")
            print(f"{'':>7}  {warm:>11.2f}s warm  {warm / size * 1000:>7.2f}ms  {theirs:>7.2f}s"
                  f"  {warm / theirs:>5.2f}x")
    if 10000 in figures:
        for kind, seconds in zip(("cold", "warm"), figures[10000], strict=True):
            verdict = "met" if seconds <= TARGET_SECONDS else "NOT met"
            print(f"{'' if kind == 'warm' else chr(10)}target: 10,000 cases validated {kind} in"
                  f" <= {TARGET_SECONDS:.0f} s: {verdict} ({seconds:.2f} s)")
        print("  (warm: with the cache the deploy workflow restores, when no case changed)")


if __name__ == "__main__":
    sys.exit(main())
