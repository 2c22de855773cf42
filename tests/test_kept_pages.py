"""Pages kept between builds (rendered.py, `.cache/caseshelf/pages-<edition>/`): a page whose
inputs are those of a page an earlier build wrote is copied from there, not rendered again.
The site is the same byte for byte as a build without the cache, after an edit too; an
entry made by another version of caseshelf, of a library or of a template is never used;
an interrupted build leaves no entry that a later build would trust."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config

from caseshelf import rendered
from caseshelf.cases.cache import CACHE
from support.sitebuild import _build, copy_project

POISON = b"<!doctype html><title>poisoned</title>"


def configure(folder: Path, *options: str, languages: str = "") -> Path:
    """The project's mkdocs.yml in `folder` with plugin options added (and, with
    `languages`, that list instead of the six)."""
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      licence: CC-BY-4.0\n" in text
    text = text.replace("      licence: CC-BY-4.0\n", "      licence: CC-BY-4.0\n" + "".join(
        f"      {option}\n" for option in options))
    if languages:
        assert "languages: [en, fr, es, ar, ru, zh]" in text
        text = text.replace("languages: [en, fr, es, ar, ru, zh]", f"languages: {languages}")
    config.write_text(text, encoding="utf-8")
    return config


def build(config: Path) -> dict[str, bytes]:
    site = _build(load_config(config_file=str(config)))
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def entries(folder: Path) -> dict[str, int]:
    """The kept pages of the web edition: each entry's name and when it was written."""
    kept = folder / CACHE / "pages-web"
    return {p.name: p.stat().st_mtime_ns for p in kept.iterdir()}


def differing(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    return sorted(name for name in first.keys() | second.keys()
                  if first.get(name) != second.get(name))


def edit(folder: Path) -> None:
    """A contributor's edit: one case's summary, so its page and every listing of it change."""
    path = folder / "cases" / "bangladesh-nationwide-telehealth.md"
    text = path.read_text(encoding="utf-8")
    assert "\nsummary: " in text
    path.write_text(text.replace("\nsummary: ", "\nsummary: Edited, ", 1), encoding="utf-8")


TEXT_EDITED = ("bangladesh-nationwide-telehealth.md", "nepal-glocal-teen-hero.fr.md")
LANGUAGES = ("", "fr/", "es/", "ar/", "ru/", "zh/")  # the sites' folders


def edit_texts(folder: Path) -> None:
    """Edits to two texts, which only their own pages show: a case's, read in its original
    in every language, and a case's French translation's."""
    for name in TEXT_EDITED:
        with open(folder / "cases" / name, "a", encoding="utf-8") as case:
            case.write("\nA sentence added to the text.\n")


def pages_of(site: Path, names: set[str], folder: Path) -> set[str]:
    """The site's pages whose files are these entries (an entry is a second name of one)."""
    kept = {os.stat(folder / CACHE / "pages-web" / name).st_ino for name in names}
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")
            if p.stat().st_ino in kept}


@pytest.mark.build
def test_kept_pages_give_the_site_a_build_without_them_gives(tmp_path):
    """The project in its six languages, on two processes: a cold build keeps every page,
    a rebuild copies every page, and after an edit the rebuild renders only the pages the
    edit changed (after edits to texts, only the pages that show them); each is the same,
    byte for byte, as a build with no cache at all."""
    folder = copy_project(tmp_path / "kept")
    config = configure(folder, "workers: 2")
    cold = build(config)
    first = entries(folder)
    originals = [p for p in (folder / "cases").glob("*.md") if p.stem.count(".") == 0]
    case_pages = [name for name in cold if name.endswith("/index.html") and "cases/" in name]
    assert len(case_pages) == 6 * len(originals) > 60
    assert len(first) > 2 * len(case_pages)  # every case page kept, and the browse pages
    searched = {p.name: p.stat().st_mtime_ns for p in (folder / CACHE / "search").iterdir()}
    assert len(searched) == 6  # a batch of the search index in each language
    assert differing(cold, build(config)) == []
    assert entries(folder) == first  # the rebuild wrote no entry: it copied every page
    assert {p.name: p.stat().st_mtime_ns for p in (folder / CACHE / "search").iterdir()
            } == searched  # and every batch of the index
    edit(folder)
    edited = build(config)
    now = entries(folder)
    written = [name for name in now if now[name] != first.get(name)]
    assert 6 <= len(written) < len(first) / 3  # its page in six languages, its listings
    assert len(now) == len(first)  # an entry a page: the stale ones are gone
    assert set(now) - set(first) == set(written)
    clean = copy_project(tmp_path / "clean")
    edit(clean)
    plain = build(configure(clean, "workers: 1", "cache: false"))
    assert not (clean / ".cache").exists()
    assert differing(plain, edited) == []
    assert "Edited, " in plain["cases/bangladesh-nationwide-telehealth/index.html"].decode()
    edit_texts(folder)  # rendered again: the pages that show the texts, and /download/
    edited = build(config)  # (the open data's sizes and hashes); no listing
    after = entries(folder)
    written = {name for name in after if after[name] != now.get(name)}
    assert pages_of(folder / "site", written, folder) == {
        f"{site}{page}/index.html" for site in LANGUAGES
        for page in ("cases/bangladesh-nationwide-telehealth", "download")
    } | {"fr/cases/nepal-glocal-teen-hero/index.html"}
    edit_texts(clean)
    assert differing(build(configure(clean, "cache: false")), edited) == []


@pytest.mark.build
def test_an_entry_is_used_only_for_the_inputs_that_made_it(tmp_path, monkeypatch):
    """Every entry poisoned: the next build shows the poison (entries are used), and a
    build by another version of caseshelf, with another version of a library installed,
    or with a template of the site's theme folder changed, shows none of it."""
    folder = copy_project(tmp_path / "poisoned")
    (folder / "overrides").mkdir()
    (folder / "overrides" / "notes.html").write_text("{# the site's own #}\n", encoding="utf-8")
    config = configure(folder, "search: false", languages="[en]")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n"
                                   "  custom_dir: overrides\n"), encoding="utf-8")
    page = "cases/bangladesh-nationwide-telehealth/index.html"

    def poison() -> None:  # of each entry's size (a page cut short is not used)
        for name in entries(folder):
            entry = folder / CACHE / "pages-web" / name
            entry.write_bytes(POISON.ljust(entry.stat().st_size, b" "))

    clean = build(config)
    poison()
    assert build(config)[page].startswith(POISON)  # the sanity check: kept pages are used
    for name in entries(folder):  # entries that are not whole: cut short
        entry = folder / CACHE / "pages-web" / name
        entry.write_bytes(entry.read_bytes()[:-4])
    assert differing(clean, build(config)) == []
    poison()
    with monkeypatch.context() as patch:
        patch.setattr(rendered, "__version__", "0.0.0-another")
        assert differing(clean, build(config)) == []
    poison()
    installed = rendered._installed
    with monkeypatch.context() as patch:
        patch.setattr(rendered, "_installed", lambda: installed() + b"\0Jinja2==0.0.1")
        assert differing(clean, build(config)) == []
    poison()
    (folder / "overrides" / "notes.html").write_text("{# changed #}\n", encoding="utf-8")
    assert differing(clean, build(config)) == []


@pytest.mark.build
def test_an_interrupted_build_leaves_no_entry_a_later_build_trusts(tmp_path, monkeypatch):
    """A build stopped while it makes its 20th entry, as when the process is killed: the
    entries it made are whole, none other is there, and the next build makes the site a
    build without the cache makes. An entry cut short is not used."""
    folder = copy_project(tmp_path / "stopped")
    config = configure(folder, "search: false", "workers: 1", languages="[en, fr]")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # as it was is put back after the test
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    made = []
    link = os.link

    def stopping(source, target) -> None:
        made.append(target)
        if len(made) == 20:
            raise KeyboardInterrupt
        link(source, target)

    with monkeypatch.context() as patch:
        patch.setattr(os, "link", stopping)
        with pytest.raises(KeyboardInterrupt):
            build(config)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # which the stopped build set
    kept = folder / CACHE / "pages-web"
    assert sorted(entries(folder)) == sorted(Path(path).name for path in made[:19])
    for name in entries(folder):
        key, _, size = name.partition("-")
        assert (kept / name).stat().st_size == int(size) and len(key) == 48
    cut = sorted(entries(folder))[0]
    (kept / cut).write_bytes((kept / cut).read_bytes()[:-1])
    again = build(config)
    assert (kept / cut).stat().st_size == int(cut.partition("-")[2])  # not used: made again
    clean = copy_project(tmp_path / "clean")
    assert differing(build(configure(clean, "search: false", "workers: 1", "cache: false",
                                     languages="[en, fr]")), again) == []


def test_a_page_whose_rendering_warned_is_not_kept(tmp_path):
    """A page that warned (a link to a page that does not exist) is rendered again by the
    next build, so the warning is given again; a value without a digest keeps no page."""
    warnings: list[str] = []
    kept = rendered.KeptPages(tmp_path, b"fingerprint", lambda uri: {"n": 1}, warnings.append)

    class Page:
        def __init__(self, name: str) -> None:
            self.file = type("File", (), {"src_uri": f"{name}.md", "dest_uri": f"{name}/",
                                          "abs_dest_path": str(tmp_path / "site" / name)})()
            self.url, self.title, self.content, self.meta, self.toc = f"{name}/", name, "", {}, []

    def write(page: Page, output: str) -> None:  # as MkDocs writes a page kept
        kept.keep(page, output)
        Path(page.file.abs_dest_path).write_text(output, encoding="utf-8")

    quiet, loud = Page("quiet"), Page("loud")
    (tmp_path / "site").mkdir()
    assert not kept.restore(quiet) and not kept.restore(loud)
    write(quiet, "<p>quiet</p>")
    kept.warn("a link to nowhere")
    write(loud, "<p>loud</p>")
    kept.link()
    assert warnings == ["a link to nowhere"]
    for page in tmp_path.joinpath("site").iterdir():  # a new build's site
        page.unlink()
    again = rendered.KeptPages(tmp_path, b"fingerprint", lambda uri: {"n": 1}, print)
    assert again.restore(quiet) and not again.restore(loud)
    assert (tmp_path / "site" / "quiet").read_bytes() == b"<p>quiet</p>"
    other = rendered.KeptPages(tmp_path, b"fingerprint", lambda uri: {"n": object()}, print)
    assert not other.restore(quiet) and other.unkeyable == 1
    other.keep(quiet, "<p>quiet, again</p>")  # nothing is kept under no key
    other.link()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*again.used, "site"])


def test_digests_tell_values_apart():
    """Equal values give one digest; values that differ in any part, type or split give
    different ones: short texts and numbers are their own digests, so their forms must
    each say where they end."""
    from markupsafe import Markup

    of = rendered.Digest().of
    values = [["ab", "c"], ["a", "bc"], ["abc"], [1], [True], ["1"], [1.0], [None], [""],
              [Markup("a")], ["a"], ("a",), {"a": "b"}, {"ab": ""}, ["x" * 64], ["x" * 65],
              ["x" * 65 + "y"], [["a"], "b"], [["a", "b"]], {"a", "b"}, {"ab"}]
    digests = [of(value) for value in values]
    assert len(set(digests)) == len(values)
    assert [rendered.Digest().of(value) for value in values] == digests  # another build's
    assert of(["x" * 1000]) == of(["x" * 1000]) and of({"b", "a"}) == of({"a", "b"})


@pytest.mark.build
def test_a_dirty_build_leaves_the_entries_as_they_were(tmp_path, caplog):
    """`mkdocs build --dirty` writes into the files of the site a build left, which the
    entries share: each is unlinked first, so every entry keeps its bytes, and the next
    build makes the site a build without the cache makes."""
    from mkdocs.commands.build import build as mkdocs_build

    folder = copy_project(tmp_path / "dirty")
    config = configure(folder, "search: false", "workers: 1", languages="[en, fr]")
    build(config)
    kept = folder / CACHE / "pages-web"
    before = {name: (kept / name).read_bytes() for name in entries(folder)}
    edit(folder)
    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=True)
    try:
        mkdocs_build(loaded, dirty=True)
    finally:
        loaded.plugins.on_shutdown()
    for record in caplog.records:  # MkDocs says what a dirty build is for
        record.expected = "'dirty' build" in record.getMessage()
    site = folder / "site"
    assert "Edited, " in (site / "cases/bangladesh-nationwide-telehealth/index.html").read_text(
        encoding="utf-8")
    assert {name: (kept / name).read_bytes() for name in entries(folder)} == before
    clean = copy_project(tmp_path / "clean")
    edit(clean)
    assert differing(build(configure(clean, "search: false", "workers: 1", "cache: false",
                                     languages="[en, fr]")), build(config)) == []
