"""Rules on places: countries and subdivisions as ISO 3166 codes, regional bodies by key."""

from __future__ import annotations

from .. import countries, groupings
from ..vocabularies import groupings as all_groupings
from .base import CaseRule


class CountryRule(CaseRule):
    """Countries are ISO 3166-1 alpha-2 codes (KZ), ISO 3166-2 subdivision codes (UA-21), or
    XK (Kosovo). A known name that a comma split into two items of a [...] list ('Hong Kong,
    China') is reported once, as one name."""

    ID = "country"
    DESCRIPTION = "A country is not an ISO 3166 code."
    ADVICE = "Use the code suggested."
    fields = ("countries", "interested_countries", "adapted_in")

    def check(self, case):
        for field in self.fields:
            items = countries.rejoined(case.fm, field)
            for index, value in items:
                if not isinstance(value, str) or countries.is_valid(value):
                    continue
                guess = countries.guess(value)
                hint = f"'{guess}' ({countries.name_of(guess)})" if guess else None
                if value.upper() != value and countries.is_valid(value.upper()):
                    message = f"the country code '{value}' must be written in capitals"
                elif len(value) == 3 and value.isalpha() and value.isascii() and guess:
                    message = f"'{value}' is an ISO alpha-3 code; write the two-letter alpha-2 code"
                elif value != case.data[field][index]:  # joined from two or three items
                    message = (f"'{value}' is one name, not an ISO 3166 country code (its comma "
                               "splits it in two in a [...] list)")
                elif countries.code_for(value) or (len(value) > 3 and "-" not in value):
                    message = f"'{value}' is a name, not an ISO 3166 country code"
                else:
                    message = f"'{value}' is not an ISO 3166 country or subdivision code"
                yield self.problem(case, (field, index), message, hint)


class GroupingRule(CaseRule):
    """Regional bodies are keys of the groupings vocabulary (data/groupings.yml)."""

    ID = "grouping"
    DESCRIPTION = "A regional body is not in the list of regional bodies."
    ADVICE = "Use a key from the table of regional bodies, such as `CARICOM`."

    def check(self, case):
        for where, value in case.items("groupings"):
            if value in all_groupings():
                continue
            guess = groupings.guess(value)
            hint = f"'{guess}' ({all_groupings()[guess].name})" if guess else None
            if groupings.key_for(value):
                message = f"'{value}' is a name; write the key of the regional body"
            else:
                message = f"'{value}' is not in the list of regional bodies"
            yield self.problem(case, where, message, hint)
