"""The downloadable editions: an offline zip that works from file://, and a ZIM for Kiwix.

Each is built from its own MkDocs build (plain `.html` URLs, and the `offline` or `zim`
edition of the plugin), run as `mkdocs build` in a separate process so that this module
stays free of MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from ..progress import counting, showing

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed entry times: the same site gives the same zip


def build_site(edition: str, config_file: str | Path, site_dir: str | Path) -> None:
    """Run `mkdocs build` for one edition into `site_dir`."""
    env = {**os.environ, "CASESHELF_EDITION": edition, "NO_MKDOCS_2_WARNING": "1"}
    if showing():  # the build is quiet, but shows its progress on this terminal
        env["CASESHELF_PROGRESS"] = "always"
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict",
               "--no-directory-urls", "--config-file", str(config_file),
               "--site-dir", str(site_dir)]
    subprocess.run(command, check=True, env=env)


def zip_site(site_dir: Path, target: Path) -> Path:
    """Zip a built site under one folder, entries in a fixed order with fixed times."""
    folder = target.stem
    target.parent.mkdir(parents=True, exist_ok=True)
    paths = sorted(p for p in site_dir.rglob("*") if p.is_file())
    line, count = counting(len(paths), f"caseshelf: {target.name}: {{done}} of {{total}} files")
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in paths:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
            count.add()
    line.update(force=True)  # how many went in
    line.close()
    return target


def offline_zip(config_file: str | Path = "mkdocs.yml", dist: str | Path = "dist",
                day: dt.date | None = None) -> Path:
    """dist/caseshelf-offline-<date>.zip: unpack it anywhere and open index.html."""
    day = day or dt.datetime.now(dt.UTC).date()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site("offline", config_file, site)
        # only a web server shows the 404 page; from disk its links (rooted at /) lead nowhere
        (site / "404.html").unlink(missing_ok=True)
        return zip_site(site, Path(dist) / f"caseshelf-offline-{day.isoformat()}.zip")


def zim_files(config_file: str | Path = "mkdocs.yml", dist: str | Path = "dist",
              day: dt.date | None = None,
              translate: Callable[[str, str], str] = lambda language, text: text,
              **metadata: str) -> list[Path]:
    """dist/caseshelf_<language>_<date>.zim for Kiwix, one per site language (ISO 639-3
    Language metadata, the description in the language when `translate(language, text)`
    has it), each with full-text indexing, from one build of the site."""
    from .zim import DESCRIPTION, site_languages

    day = day or dt.datetime.now(dt.UTC).date()
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_site("zim", config_file, site)
        Path(dist).mkdir(parents=True, exist_ok=True)
        for language in site_languages(site):
            target = Path(dist) / f"caseshelf_{language}_{day.isoformat()}.zim"
            made.append(_zim(site, target, day, language, **{
                "name": f"caseshelf_{language}_all",
                "description": translate(language, DESCRIPTION), **metadata}))
    return made


def _zim(site: Path, target: Path, day: dt.date, language: str, **metadata: str) -> Path:
    """One language's ZIM, its files counted on a terminal as they go in."""
    from .zim import write_zim

    line, count = counting(0, f"caseshelf: {target.name}: {{done}} of {{total}} files")
    last = f"caseshelf: {target.name}: {{:,}} files in, writing its search index"
    try:
        return write_zim(site, target, day=day, language=language, count=count,
                         added=lambda: line.close(last.format(count.total)), **metadata)
    finally:
        line.close()
