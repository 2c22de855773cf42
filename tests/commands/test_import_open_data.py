"""`caseshelf import` giving a collection back from its own open data, and the worked
example of docs/import.md doing what the page says."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import yaml

from caseshelf.cases import checker
from caseshelf.cli import main
from caseshelf.opendata import exports
from support.samples import ROOT

sys.path.insert(0, str(Path(__file__).parent))
from test_import import front, run, write_csv  # noqa: E402

# --- The open data gives the collection back -------------------------------------------------

def _exports(folder: Path, out: Path) -> tuple[Path, Path]:
    report = checker.check_paths([folder])
    assert report.errors == []
    out.mkdir()
    data, sheet = out / "cases.json", out / "cases.csv"
    data.write_text(exports.cases_json(report.cases, lambda c: f"cases/{c.slug}/", "CC-BY-4.0"),
                    encoding="utf-8")
    sheet.write_text(exports.cases_csv(report.cases, lambda c: f"cases/{c.slug}/"),
                     encoding="utf-8")
    return data, sheet


def _front_matter_block(text: str) -> str:
    return text.split("---\n", 2)[1]


def _round_trip(capsys, folder: Path, tmp_path: Path, exact_csv: bool = True) -> None:
    data, sheet = _exports(folder, tmp_path / "open")
    code, out, err = run(capsys, data, "--dir", tmp_path / "from-json")
    assert code == 0, out + err
    originals = sorted(p.name for p in folder.glob("*.md"))
    assert sorted(p.name for p in (tmp_path / "from-json").iterdir()) == originals
    for name in originals:  # byte for byte, translations included
        assert (tmp_path / "from-json" / name).read_bytes() == (folder / name).read_bytes(), name
    code, out, err = run(capsys, sheet, "--dir", tmp_path / "from-csv", "--set", "body=Text.")
    assert code == 0, out + err
    for path in (tmp_path / "from-csv").iterdir():  # cases.csv holds the front-matter
        before = _front_matter_block((folder / path.name).read_text(encoding="utf-8"))
        after = _front_matter_block(path.read_text(encoding="utf-8"))
        if exact_csv:
            assert after == before, path.name
        else:
            assert _values(after) == _values(before), path.name


def _values(front_matter: str) -> dict:
    """What a front-matter means: an empty list and `language: en` are what no value is."""
    data = {k: v for k, v in yaml.safe_load(front_matter).items() if v != []}
    data.setdefault("language", "en")
    return data


def test_the_sample_corpus_comes_back_from_its_own_open_data(tmp_path, capsys):
    _round_trip(capsys, ROOT / "cases", tmp_path)


def test_a_thousand_synthetic_cases_come_back_from_their_open_data(tmp_path, capsys):
    """As the sample corpus does; but cases.csv cannot tell a file that writes
    `language: en` or an empty list from one that leaves them out, so from cases.csv the
    values are the same, not always the lines (the synthetic files write `tags: []`)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import make_cases

    folder = tmp_path / "cases"
    make_cases.write_cases(1000, folder, translate_every=4)
    assert main(["fix", str(folder)]) == 0  # the layout import writes, as a repository keeps
    capsys.readouterr()
    assert len(list(folder.glob("*.*.md"))) == 250
    _round_trip(capsys, folder, tmp_path, exact_csv=False)


# --- The worked example in docs/import.md ----------------------------------------------------

def _quoted(doc: str, start: str) -> list[str]:
    return [line for line in doc.splitlines() if line.startswith(start)]


def test_the_worked_example_shows_what_the_command_says(tmp_path, capsys, monkeypatch):
    doc = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    monkeypatch.chdir(ROOT)  # the paths in the messages are as a reader runs them
    example = "docs/examples/matchmaking.csv"
    code, out, err = run(capsys, example, "--dir", tmp_path / "try", "--dry-run")
    shown = _quoted(doc, f"{example}:2:1: ")
    assert code == 1 and len(shown) == 5 and shown == out.splitlines()[:5]
    assert _quoted(doc, "read 10 rows: 0 new")[0] == err.strip()
    given = ["--set", "source.body=South-South Network for Public Service Innovation (SSN4PSI)",
             "--set", "source.title=Matchmaking Workshop on Public Service Delivery in the "
             "Era of SDGs", "--set", "source.date=2021-10-29",
             "--set", "themes=south-south-cooperation", "--set", "sdgs=17"]
    for option in given[1::2]:
        assert option.split("=")[0] in doc
    code, out, _ = run(capsys, example, "--dir", tmp_path / "try", "--dry-run", *given)
    left = {line.split("error: ")[1] for line in out.splitlines() if ": error: " in line}
    assert {text.split(";")[0].split(" (in a sheet")[0] for text in left} == {
        "the required field 'summary' is missing",
        "the case has no text after the front-matter"}
    # the sheet completed as step 3 says, with the typo it shows
    rows = list(csv.reader(io.StringIO((ROOT / example).read_text(encoding="utf-8"))))
    rows[0] += ["Summary", "Description"]
    for cells in rows[1:]:
        cells += [f"{cells[0]}, shared at the SSN4PSI matchmaking workshop of October 2021.",
                  "## Challenge\n\nTo be written from the presentation."]
    typo = next(cells for cells in rows if cells[0] == "Rapid Digitization")
    typo[2] = typo[2].replace("The Kingdom of Thailand", "Tailand")
    completed = write_csv(tmp_path / "matchmaking.csv", rows)
    code, out, _ = run(capsys, completed, "--dir", tmp_path / "try", *given)
    said = [line.removeprefix(f"{completed}:") for line in out.splitlines() if "error" in line]
    assert code == 1 and [f"{example}:{line}" for line in said] == \
        _quoted(doc, f"{example}:7:3: ")
    typo[2] = typo[2].replace("Tailand", "The Kingdom of Thailand")
    write_csv(completed, rows)
    code, out, err = run(capsys, completed, "--dir", tmp_path / "try", *given)
    assert code == 0 and "created" in out and f"{tmp_path / 'try' / 'rapid-digitization.md'}" \
        in out
    assert err.strip() == _quoted(doc, "read 10 rows: 10 new")[0]
    data = front((tmp_path / "try" / "rapid-digitization.md").read_text(encoding="utf-8"))
    assert data["countries"] == ["BD"] and data["interested_countries"] == [
        "KZ", "PH", "RU", "TH", "UA-21"]
