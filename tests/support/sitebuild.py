"""build_site(): a real MkDocs build of a real caseshelf site in a temporary folder."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent.parent


def copy_project(folder: Path) -> Path:
    """The project's own cases, docs and mkdocs.yml copied into folder; returns folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("cases", "docs"):
        shutil.copytree(ROOT / name, folder / name)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def build_site(folder: Path, cases: Path | dict[str, str], *, use_directory_urls: bool = True,
               page_size: int = 50, related_count: int = 5, extra: str = "",
               strict: bool = False, language: str = "en", languages: tuple[str, ...] = (),
               search_batch: int | None = None) -> Path:
    """Build the project's docs with the given cases into folder/site and return that path,
    with the theme (and the interface's catalog) in `language`, or in each of `languages`
    (the first at the root); `search_batch`: the plugin's option of that name."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "docs", folder / "docs", dirs_exist_ok=True)
    if isinstance(cases, dict):
        (folder / "cases").mkdir(exist_ok=True)
        for name, text in cases.items():
            (folder / "cases" / name).write_text(text, encoding="utf-8")
    elif cases != folder / "cases":
        shutil.copytree(cases, folder / "cases", dirs_exist_ok=True)
    (folder / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: caseshelf test
        use_directory_urls: {str(use_directory_urls).lower()}
        theme:
          name: material
          font: false
          language: {language}
        extra:
          generator: false
        plugins:
          - caseshelf:
              page_size: {page_size}
              related_count: {related_count}
              languages: [{", ".join(languages)}]
              search_batch: {search_batch if search_batch else "null"}
        nav:
          - Home: index.md
          - Explore: explore.md
          - Map: map.md
          - Matchmaking: matchmaking.md
          - Download: download.md
          - Open data: data.md
          - Contribute: contribute.md
          - About: about.md
        """) + extra, encoding="utf-8")
    return _build(load_config(config_file=str(folder / "mkdocs.yml"), strict=strict))


def fragments(folder: Path) -> dict[str, dict]:
    """Pagefind's record of each page in a bundle (a folder of the site's index), by URL."""
    import gzip
    import json

    from caseshelf.search import order

    records = {}
    for path in (folder / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes())[len(order.SIGNATURE):])
        records[record["url"]] = record
    return records


def page(site: Path, path: str) -> str:
    """The HTML of a page by its directory URL: page(site, 'themes/health/')."""
    return (site / path / "index.html").read_text(encoding="utf-8")


def build_project(folder: Path, *, site_url: str | None = None,
                  cases: dict[str, str] | None = None) -> Path:
    """The project itself (its mkdocs.yml with every language, its docs and cases, plus
    `cases` written beside them) built into folder/site; returns that path."""
    copy_project(folder)
    for name, text in (cases or {}).items():
        (folder / "cases" / name).write_text(text, encoding="utf-8")
    if site_url:
        with (folder / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(f"site_url: {site_url}\n")
    return _build(load_config(config_file=str(folder / "mkdocs.yml"),
                              site_dir=str(folder / "site")))


def _build(config) -> Path:
    """Build a loaded configuration as `mkdocs build` does; returns its site folder."""
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(config.site_dir)
