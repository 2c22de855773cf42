"""The date a build stamps on its output, taken from the cases instead of the clock."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from ..cases.model import Case


class SourceDate:
    """Builds of the same cases are byte-identical: MkDocs stamps pages and the sitemap with
    SOURCE_DATE_EPOCH when it is set, so for one build set it from the newest case's `added`
    date (unless the caller set it), and unset it when the build ends."""

    def __init__(self) -> None:
        self.was_set = False  # set by this build, to unset at its end

    def set(self, cases: Sequence[Case]) -> None:
        self.was_set = "SOURCE_DATE_EPOCH" not in os.environ and bool(cases)
        if self.was_set:
            newest = max(case.added for case in cases)
            moment = dt.datetime.combine(newest, dt.time(), tzinfo=dt.UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))

    def restore(self) -> None:
        if self.was_set:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self.was_set = False
