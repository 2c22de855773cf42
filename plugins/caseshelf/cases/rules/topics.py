"""Rules on what a case is about: themes and SDGs, from the vocabularies in data/."""

from __future__ import annotations

import difflib

from .. import synonyms, vocabularies
from .base import CaseRule


class ThemeRule(CaseRule):
    """Themes come from the themes vocabulary (data/themes.yml)."""

    ID = "theme"
    DESCRIPTION = "A theme is not in the themes list."
    ADVICE = "Use a slug from the table above."

    def check(self, case):
        known = vocabularies.themes()
        for where, value in case.items("themes"):
            if value in known:
                continue
            level = synonyms.level_named(value)
            if level:
                yield self.problem(case, where, f"'{value}' is a level of government, not a "
                                   f"theme; write it as level_of_government: {level}")
                continue
            close = synonyms.theme_named(value) or next(
                iter(difflib.get_close_matches(value.lower(), list(known), n=1, cutoff=0.6)), None)
            yield self.problem(case, where, f"unknown theme '{value}'; the themes are listed in "
                               "docs/contribute.md", f"'{close}'" if close else None)


class SdgRule(CaseRule):
    """SDGs are goals 1 to 17 or targets from the official list ("16.6", "17.a")."""

    ID = "sdg"
    DESCRIPTION = "An SDG goal or target does not exist."
    ADVICE = "Goals are 1 to 17; targets are listed for each goal in the message."

    def check(self, case):
        for where, value in case.items("sdgs", int):
            if not 1 <= value <= 17:
                yield self.problem(case, where, f"there is no SDG {value}; the goals are 1 to 17")
        for where, value in case.items("sdgs"):
            text = value.strip()
            if text.isdigit() and 1 <= int(text) <= 17 or text in vocabularies.targets():
                continue
            number = text.split(".")[0]
            goal = vocabularies.goals().get(int(number)) if number.isdigit() else None
            if goal:
                message = (f"'{value}' is not a target of SDG {goal.number}; its targets are "
                           f"{', '.join(goal.targets)}")
            else:
                message = (f"'{value}' is not an SDG goal or target; "
                           'write a goal (16) or a target ("16.6")')
            meant = synonyms.sdg_named(value)
            hint = None if meant is None else str(meant) if isinstance(meant, int) else f'"{meant}"'
            yield self.problem(case, where, message, hint)
