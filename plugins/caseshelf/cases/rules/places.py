"""Rules on places: countries and subdivisions as ISO 3166 codes."""

from __future__ import annotations

from .. import countries
from .base import CaseRule


class CountryRule(CaseRule):
    """Countries are ISO 3166-1 alpha-2 codes (KZ) or ISO 3166-2 subdivision codes (UA-21)."""

    ID = "country"
    DESCRIPTION = "A country is not an ISO 3166 code."
    ADVICE = "Use the code suggested."
    fields = ("countries", "interested_countries", "adapted_in")

    def check(self, case):
        for field in self.fields:
            for where, value in case.items(field):
                if countries.is_valid(value):
                    continue
                guess = countries.guess(value)
                hint = f"'{guess}' ({countries.name_of(guess)})" if guess else None
                if value.upper() != value and countries.is_valid(value.upper()):
                    message = f"the country code '{value}' must be written in capitals"
                elif len(value) == 3 and value.isalpha() and guess:
                    message = f"'{value}' is an ISO alpha-3 code; write the two-letter alpha-2 code"
                elif len(value) > 3 and "-" not in value:
                    message = f"'{value}' is a name, not an ISO 3166 country code"
                else:
                    message = f"'{value}' is not an ISO 3166 country or subdivision code"
                yield self.problem(case, where, message, hint)
