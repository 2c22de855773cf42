"""The "Propose a case" issue form: current with the vocabularies, valid for GitHub, and a
filled form turns into a valid case."""

from __future__ import annotations

import yaml

from caseshelf.cases import checker, vocabularies
from caseshelf.cli import main
from caseshelf.commands import issue_form
from support.samples import ROOT

FILLED = """\
### Title

Village water committees

### Summary

Villages elect committees that run and repair their own water points, with training
from the district water office.

### Countries

Nepal, Kingdom of Thailand

### Themes

Participation and co-design, Inclusion

### Sustainable Development Goals

6. Clean water and sanitation, 16. Peace, justice and strong institutions

### SDG targets

6.b, 16.7

### Source: publishing organisation

UNDP

### Source: document title

Water committees report

### Source: web address

https://example.org/water

### Source: date

_No response_

### Year of launch

2019

### Level of government

local

### Status

_No response_

### Organisations

District water office, Village councils

### Countries interested in adapting it

Philippines

### Challenge

Water points broke down and nobody was responsible for them.

### Innovation

Each village elects a committee that collects a small fee and repairs the water point.

### Results

The source reports that the committees are running.

### Lessons learned

Give the committee a budget and training.
"""


def test_the_committed_form_is_current():
    committed = (ROOT / issue_form.PATH).read_text(encoding="utf-8")
    assert committed == issue_form.render(), "run: python scripts/make_issue_form.py"


def test_the_form_offers_every_theme_goal_and_enum():
    form = yaml.safe_load(issue_form.render())
    dropdowns = {e["id"]: e["attributes"]["options"] for e in form["body"]
                 if e["type"] == "dropdown"}
    assert dropdowns["themes"] == [t.label for t in vocabularies.themes().values()]
    assert len(dropdowns["sdgs"]) == 17
    schema = vocabularies.schema()["properties"]
    assert dropdowns["status"] == schema["status"]["enum"]
    assert dropdowns["level_of_government"] == schema["level_of_government"]["enum"]
    ids = [e["id"] for e in form["body"] if "id" in e]
    assert len(ids) == len(set(ids))
    for element in form["body"]:  # GitHub's form syntax: a label on every field
        assert element["type"] == "markdown" or element["attributes"]["label"]


def test_a_filled_form_becomes_a_valid_case(tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_text(FILLED, encoding="utf-8")
    assert main(["new", "--from-issue", str(issue), "--dir", str(tmp_path / "cases")]) == 0
    case_file = tmp_path / "cases" / "village-water-committees.md"
    assert f"wrote {case_file}" in capsys.readouterr().out
    result = checker.check_file(case_file)  # `new` dates the case today
    assert result.problems == []
    case = result.case
    assert case.countries == ("NP", "TH") and case.themes == ("participation-and-co-design",
                                                              "inclusion")
    assert case.sdgs == ("6", "16", "6.b", "16.7") and case.year == 2019
    assert case.interested_countries == ("PH",) and case.level_of_government == "local"
    assert case.source.url == "https://example.org/water" and case.source.date is None
    assert "## Lessons learned\n\nGive the committee a budget and training." in case.body
