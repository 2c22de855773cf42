"""The languages benchmark of `make bench` (section 7 of bench.py's list): the six-language
build of synthetic cases, one in four translated into one other language, back to back
with the one-language build of the same files and the plain-Material anchor; the size of
a case page, of its first visit and of a first search from it in every language; with
--profile, where the time of both builds goes."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from benchkit import (
    build_in_child,
    chromium,
    one_language_config,
    prepare,
    search_words,
    transferred,
    verdict,
    without_search,
)

PAGE_BUDGET = 6 * 1024  # bytes, a case page gzipped
VISIT_BUDGET = 100 * 1024  # bytes transferred on a first visit of a case page
LANGUAGES_RATIO = 3.0  # the six-language build's time over the one-language build's
TRANSLATE_EVERY = 4


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
    print(f"\n  first visit of a case page, per language (Chromium, empty cache; gzipped where a"
          f" server would compress); budget <= {VISIT_BUDGET // 1024} KB")
    with chromium(site) as (base, browser):
        for language, (pages, translated) in language_samples(site, languages, cases).items():
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


def bench_language_searches(site: Path, languages: list[str], cases: Path) -> None:
    """A reader's first query on a case page of each language, with an empty cache: what
    Pagefind downloads (its script, WASM, the metadata of each index merged, the index
    chunks and the results' fragments)."""
    words = search_words()
    print(f"\n  first search from a case page, per language (Chromium, empty cache; gzipped"
          f" where a server would compress); '{words[0]}' (mid-ranked), '{words[1]}' (top ten)")
    with chromium(site) as (base, browser):
        for language, (pages, _) in language_samples(site, languages, cases).items():
            url = base + pages[len(pages) // 2].parent.relative_to(site).as_posix() + "/"
            measured = []
            for word in words:
                page = browser.new_context().new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")

                def query(page=page, word=word) -> None:
                    page.locator("#cs-q").fill(word)
                    page.wait_for_selector(".cs-search__list li, .cs-search__more",
                                           timeout=30000)
                measured.append(transferred(page, query))
                page.context.close()
            print(f"    {language:<3} " + "   ".join(
                f"{word}: {size / 1024:>6.1f} KB in {count:>2} requests"
                for word, (size, count) in zip(words, measured, strict=True)))


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
            print(f"  {'build':<24} {'time':>7} {'vs one':>7} {'vs anchor':>9} {'CPU':>7}"
                  f" {'peak memory':>12} {'(own)':>8} {'output':>9} {'files':>8}", flush=True)
            many = f"{len(languages)} languages"
            builds = {"anchor (Material)": (anchor_config, anchor_config.parent / "site"),
                      "one language": (one, six.parent / "site-one-language"),
                      many: (six, six.parent / "site"),
                      "one language, no search": (without_search(one), None),
                      f"{many}, no search": (without_search(six), None)}
            runs = {}
            for name, (config, site) in builds.items():  # back to back, each printed when done
                run = runs[name] = build_in_child(config)
                site = site or config.parent / "site-nosearch"
                files = [f for f in site.rglob("*") if f.is_file()]
                total = sum(f.stat().st_size for f in files)
                one_run = runs["one language" + name.removeprefix(many)] \
                    if name.startswith(many) else None
                versus = f"{run['seconds'] / one_run['seconds']:.2f}x" if one_run else "-"
                print(f"  {name:<24} {run['seconds']:>6.1f}s {versus:>7}"
                      f" {run['seconds'] / runs['anchor (Material)']['seconds']:>8.2f}x"
                      f" {run['cpu']:>6.1f}s {run['peak'] / mb:>9.0f} MB {run['own'] / mb:>5.0f} MB"
                      f" {total / mb:>6.0f} MB {len(files):>8,}", flush=True)
                if site.name == "site-nosearch":
                    shutil.rmtree(site)
            sites = {name: site for name, (_, site) in builds.items()}
            base = runs["one language"]["seconds"]
            ratio = runs[many]["seconds"] / base
            print(f"  {len(languages)} languages / one language: {ratio:.2f}x"
                  f" (budget <= {LANGUAGES_RATIO:.0f}x): {verdict(ratio, LANGUAGES_RATIO)}")
            print("  (CPU: user and system seconds of the whole process tree, from its start)")
            search_share(runs, many)
            warnings = [line for line in runs[many]["log"].splitlines()
                        if line.startswith("WARNING")]
            if warnings:
                print(f"  the build logged {len(warnings)} warnings, the first: {warnings[0]}")
            bench_language_pages(sites[many], languages, cases)
            bench_language_visits(sites[many], languages, cases)
            bench_language_searches(sites[many], languages, cases)
            if profile:
                profile_languages(one, six)


def search_share(runs: dict[str, dict], many: str) -> None:
    """What the search index adds to each build, and the ratio of the builds without it:
    each language has an index of its own, which Pagefind builds from every page of that
    language, so its cost grows with the languages as the pages' does."""
    added = {name: (runs[name]["seconds"] - runs[f"{name}, no search"]["seconds"],
                    runs[name]["cpu"] - runs[f"{name}, no search"]["cpu"])
             for name in ("one language", many)}
    bare = runs[f"{many}, no search"]["seconds"] / runs["one language, no search"]["seconds"]
    print(f"  without the search index, {many} / one language: {bare:.2f}x; the index adds "
          + "; ".join(f"{seconds:.1f} s ({cpu:.1f} CPU s) to {name}"
                      for name, (seconds, cpu) in added.items()))


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
