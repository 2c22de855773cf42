"""The "Propose a case" GitHub issue form, made from the schema and the vocabularies so it
never drifts from them, and the reverse: turning a filled form's issue body into a case.

GitHub renders a form's answers as Markdown: a `### Label` heading per field, then the
answer, or `_No response_`. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from ..cases import countries, vocabularies
from ..cases.rules import RECOMMENDED_SECTIONS
from ..cases.text import short_slug, slugify
from .yaml_text import dump

PATH = ".github/ISSUE_TEMPLATE/propose-a-case.yml"
NO_RESPONSE = "_No response_"

# (id, label, kind, description, required); kinds: input, textarea, themes, goals, groupings,
# enum:<field>
FIELDS = [
    ("title", "Title", "input", "The name of the practice, as its owners call it.", True),
    ("summary", "Summary", "textarea",
     "One plain-text paragraph of at most 400 characters, shown in listings.", True),
    ("countries", "Countries", "input",
     "Where it runs: ISO codes (KZ, TH) or names, separated by commas. For a region or city, "
     "the ISO 3166-2 code (UA-21). Required unless you choose a regional body below.", False),
    ("groupings", "Regional bodies", "groupings",
     "Optional: the regional bodies whose members it covers as a whole, instead of listing "
     "every member above.", False),
    ("themes", "Themes", "themes", "One or more themes.", True),
    ("sdgs", "Sustainable Development Goals", "goals", "The goals it contributes to.", True),
    ("sdg_targets", "SDG targets", "input",
     "Optional: targets such as 16.6, 17.17, separated by commas.", False),
    ("source_body", "Source: publishing organisation", "input",
     "The organisation that published the document the facts come from.", True),
    ("source_title", "Source: document title", "input", "The title of that document.", True),
    ("source_url", "Source: web address", "input", "https://… (optional)", False),
    ("source_date", "Source: date", "input", "YYYY-MM-DD, YYYY-MM or YYYY (optional)", False),
    ("year", "Year of launch", "input", "The year the practice started (optional).", False),
    ("level_of_government", "Level of government", "enum:level_of_government", "", False),
    ("status", "Status", "enum:status", "", False),
    ("organisations", "Organisations", "input",
     "Organisations that run it, separated by commas (optional).", False),
    ("interested_countries", "Countries interested in adapting it", "input",
     "ISO codes or names, separated by commas (optional).", False),
    *[(slugify(section).replace("-", "_"), section, "textarea",
       f"The {section.lower()} section of the case (Markdown).", True)
      for section in RECOMMENDED_SECTIONS],
]


def render() -> str:
    """The issue form as YAML, exactly as it is committed."""
    schema = vocabularies.schema()["properties"]
    body: list[dict] = [{"type": "markdown", "attributes": {"value": (
        "Thank you for proposing a case. State only what your source states; a maintainer "
        "turns this issue into a case file with `caseshelf new --from-issue`. The format is "
        "explained in docs/contribute.md.")}}]
    for field_id, label, kind, description, required in FIELDS:
        attributes: dict = {"label": label}
        if description:
            attributes["description"] = description
        if kind in ("input", "textarea"):
            element = {"type": kind, "id": field_id, "attributes": attributes}
        else:
            if kind == "themes":
                options = [t.label for t in vocabularies.themes().values()]
                attributes["multiple"] = True
            elif kind == "groupings":
                options = [f"{g.key}: {g.name}" for g in vocabularies.groupings().values()]
                attributes["multiple"] = True
            elif kind == "goals":
                options = [f"{g.number}. {g.name}" for g in vocabularies.goals().values()]
                attributes["multiple"] = True
            else:
                options = list(schema[kind.split(":", 1)[1]]["enum"])
            attributes["options"] = options
            element = {"type": "dropdown", "id": field_id, "attributes": attributes}
        element["validations"] = {"required": required}
        body.append(element)
    form = {"name": "Propose a case", "description": "Suggest a public-sector innovation case "
            "study for the collection, without writing Markdown.",
            "title": "Case: ", "labels": ["new case"], "body": body}
    header = ("# Generated from the case schema and the vocabularies by\n"
              "# `python scripts/make_issue_form.py`; do not edit by hand.\n")
    return header + yaml.safe_dump(form, sort_keys=False, allow_unicode=True, width=100)


def parse_answers(markdown: str) -> dict[str, str]:
    """{field id: answer} from an issue body made by the form."""
    by_label = {label: field_id for field_id, label, *_ in FIELDS}
    answers: dict[str, str] = {}
    for block in re.split(r"^### ", markdown.replace("\r\n", "\n"), flags=re.MULTILINE)[1:]:
        label, _, answer = block.partition("\n")
        answer = answer.strip()
        if label.strip() in by_label and answer and answer != NO_RESPONSE:
            answers[by_label[label.strip()]] = answer
    return answers


def _items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,\n]", text) if part.strip()]


def _places(text: str) -> list[str]:
    """Codes for the countries of an answer; a known name with a comma ('Hong Kong, China')
    stays one name."""
    return countries.codes_in(text.split("\n"))


def case_from_issue(markdown: str, today: dt.date | None = None) -> tuple[str, str]:
    """(slug, file text) of the case a filled form describes; the validator checks the rest."""
    answers = parse_answers(markdown)
    labels = {t.label: slug for slug, t in vocabularies.themes().items()}
    data: dict = {
        "title": answers.get("title", ""),
        "summary": " ".join(answers.get("summary", "").split()),
        "countries": _places(answers.get("countries", "")),
        "themes": [labels.get(t, t) for t in _items(answers.get("themes", ""))],
        "sdgs": [int(g.split(".")[0]) for g in _items(answers.get("sdgs", ""))
                 if g.split(".")[0].isdigit()] + _items(answers.get("sdg_targets", "")),
        "source": {k: answers[f"source_{k}"] for k in ("body", "title", "url", "date")
                   if f"source_{k}" in answers},
        "added": (today or dt.date.today()).isoformat(),
    }
    if "groupings" in answers:
        data["groupings"] = [item.split(":")[0] for item in _items(answers["groupings"])]
    if not data["countries"] and "groupings" in data:
        del data["countries"]
    if answers.get("year", "").isdigit():
        data["year"] = int(answers["year"])
    for key in ("level_of_government", "status"):
        if key in answers:
            data[key] = answers[key]
    for key in ("organisations", "interested_countries"):
        if key in answers:
            values = _items(answers[key])
            data[key] = _places(answers[key]) if key == "interested_countries" else values
    order = list(vocabularies.schema()["properties"])
    data = dict(sorted(data.items(), key=lambda item: order.index(item[0])))
    sections = "\n".join(
        f"## {section}\n\n{answers.get(slugify(section).replace('-', '_'), '').strip()}\n"
        for section in RECOMMENDED_SECTIONS)
    slug = short_slug(data["title"]) or "new-case"
    return slug, f"---\n{dump(data)}---\n{data['summary']}\n\n{sections}"
