"""Which files under the paths given are case files, and a problem for each file that is
not one: every file in a folder is a case or is reported, never skipped without a word."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from . import document, front_matter
from .problems import CaseFileError, Problem
from .text import short_slug


class UsageError(Exception):
    """A path given on the command line does not exist."""


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The case files under the given files and folders, and problems for stray files.

    Every file in a folder is a case: a file that does not end in `.md`, or that is hidden
    (the site, like most tools, skips a name that starts with a dot), is reported, not
    skipped, so no case is ever left out of the site without a word.
    """
    files: list[Path] = []
    stray: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for parts, name, is_file in _entries(path):
                found = _path(name)
                hidden = next((part for part in parts if part.startswith(".")), None)
                if not is_file:  # a link to nothing, a pipe: nothing to read
                    stray.append(document.UNREADABLE.at(
                        str(found), 1, 1, "this is not a file that can be read (a link to a "
                        "file that does not exist, or a device); remove it"))
                elif hidden:
                    stray.append(_hidden(found, hidden))
                elif found.suffix == ".md":
                    files.append(found)
                else:
                    stray.append(document.FILE_TYPE.at(
                        str(found), 1, 1, "only Markdown case files ending in '.md' belong in "
                        "the cases folder; rename or move this file"))
        elif path.is_file():
            if path.name.startswith("."):
                stray.append(_hidden(path, path.name))
            else:
                files.append(path)
        else:
            raise UsageError(f"no such file or folder: {given}")
    return files, stray


# Each name's Path, kept: `serve` lists the same files again after every save.
_path = functools.lru_cache(maxsize=1 << 16)(Path)


def _entries(folder: Path) -> list[tuple[tuple[str, ...], str, bool]]:
    """Everything under a folder but folders, as os.walk finds it (a link to a folder is not
    followed), with its names below the folder and whether it is a file (a link: its
    target), in the order of sorted(folder.rglob("*")) (by those names). The folder is read
    once, without a call to the system for each file."""
    found = []

    def walk(top: str, parts: tuple[str, ...]) -> None:
        with os.scandir(top) as entries:
            for entry in entries:
                if entry.is_dir():
                    if not entry.is_symlink():
                        walk(entry.path, (*parts, entry.name))
                else:
                    found.append(((*parts, entry.name), entry.path, entry.is_file()))
    walk(str(folder), ())
    return sorted(found)


def _hidden(path: Path, hidden: str) -> Problem:
    """The problem with a hidden file: what makes it hidden, and a name for it."""
    if hidden != path.name:
        message = (f"the folder '{hidden}' is hidden (its name starts with a dot), so the site "
                   "would skip the files in it; move this file out of it")
        return document.HIDDEN_FILE.at(str(path), 1, 1, message)
    if not path.name.endswith(".md"):
        message = (f"the file '{path.name}' is hidden (its name starts with a dot) and is not "
                   "a case; remove it, or move it out of the cases folder")
        return document.HIDDEN_FILE.at(str(path), 1, 1, message)
    if path.name == ".md":
        message = ("the file name has nothing before '.md', so the file is hidden and the "
                   "site would skip it; name it after the case, in lowercase words joined "
                   "by hyphens")
    else:
        message = (f"the file name '{path.name}' starts with a dot, so the file is hidden and "
                   "the site would skip it; rename it without the dot")
    name = short_slug(path.name.removesuffix(".md")) or _slug_of_title(path)
    return document.HIDDEN_FILE.at(str(path), 1, 1, message, f"'{name}.md'" if name else None)


def _slug_of_title(path: Path) -> str:
    """A file name made from the case's title, or '' if the title cannot be read."""
    try:
        doc = document.read(path)
        title = front_matter.parse(doc.yaml_text, path=str(path), first_line=2).data["title"]
    except (CaseFileError, OSError, TypeError, KeyError):
        return ""
    return short_slug(title) if isinstance(title, str) else ""
