"""Rules between files, run once every file is checked: two files, one web address; two
cases, one title."""

from __future__ import annotations

import os
from collections import defaultdict

from ..problems import Severity
from ..translations import is_translation
from .base import FilesRule


class SlugCollisionRule(FilesRule):
    """No two file names give the same web address once case is ignored (Kiosks.md and
    kiosks.md clash on a case-insensitive file system). Translations are not cases."""

    ID = "slug-collision"
    DESCRIPTION = "Two files would have the same web address."
    ADVICE = "Rename one of them."

    def check(self, files):
        by_slug: dict[str, list[str]] = defaultdict(list)
        for result in files:
            if not is_translation(result.path):  # duplicate-translation judges those
                name = os.path.splitext(os.path.basename(result.path))[0]  # as Path.stem
                by_slug[name.casefold()].append(result.path)
        for paths in by_slug.values():
            for path in paths[1:]:
                yield self.at(path, 1, 1, f"this file's name gives the same web address as "
                              f"{paths[0]}; rename one of them")


class DuplicateTitleRule(FilesRule):
    """Warn when two valid cases have the same title (ignoring case and outer spaces); a
    translation is not a case (only valid cases have a `result.title`)."""

    ID = "duplicate-title"
    SEVERITY = Severity.WARNING
    DESCRIPTION = "Another case has the same title."
    ADVICE = "Make the title distinct, or check it is not the same case."

    def check(self, files):
        by_title = defaultdict(list)
        for result in files:
            if result.title is not None:
                by_title[result.title.casefold().strip()].append(result)
        for same in by_title.values():
            for result in same[1:]:
                yield self.at(result.path, *result.title_at,
                              f"another case has the same title: {same[0].path}")
