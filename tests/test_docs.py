"""The contributor docs stay in step with the schema, the vocabularies and the messages,
and the site builds with MkDocs in strict mode."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from caseshelf.cases import vocabularies
from caseshelf.cases.rules import REGISTRY
from caseshelf.cases.rules import docs as rule_docs
from support.samples import ROOT

pytestmark = pytest.mark.build

CONTRIBUTE = (ROOT / "docs" / "contribute.md").read_text(encoding="utf-8")


def test_every_field_is_documented():
    for name in vocabularies.schema()["properties"]:
        assert f"| `{name}` |" in CONTRIBUTE, name


def test_every_theme_is_listed():
    for slug, theme in vocabularies.themes().items():
        assert f"| `{slug}` | {theme.label} |" in CONTRIBUTE, slug


def test_every_regional_body_is_listed_with_its_members():
    for key, body in vocabularies.groupings().items():
        assert f"| `{key}` | {body.name} | {', '.join(body.members)} |" in CONTRIBUTE, key


def test_the_table_of_codes_is_made_from_the_registry():
    assert rule_docs.update(CONTRIBUTE) == CONTRIBUTE, "run python scripts/make_rule_docs.py"


def test_every_registered_code_is_explained():
    for code in REGISTRY.values():
        assert (f"| `{code.id}` | {code.severity} | {code.description} | {code.advice} |"
                in CONTRIBUTE), code.id


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make site" in readme and "make test" in readme


def test_site_builds_strict_without_third_party_requests(tmp_path):
    for name in ("mkdocs.yml", "docs", "cases"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert not list((tmp_path / "site").rglob("*.map")), "source maps must not ship"
    for asset in (tmp_path / "site" / "assets").rglob("*.*s"):
        assert b"sourceMappingURL" not in asset.read_bytes(), asset


def test_strip_source_maps(tmp_path):
    from caseshelf.site import lean

    (tmp_path / "a.min.js").write_bytes(b"var a=1;\n//# sourceMappingURL=a.min.js.map\n")
    (tmp_path / "a.min.js.map").write_bytes(b"{}")
    (tmp_path / "b.css").write_bytes(b"p{color:red}\n/*# sourceMappingURL=b.css.map */")
    (tmp_path / "c.js").write_bytes(b"var sourceMappingURL = 1;\n")
    assert lean.strip_source_maps(tmp_path) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.min.js", "b.css", "c.js"]
    assert (tmp_path / "a.min.js").read_bytes() == b"var a=1;\n"
    assert (tmp_path / "b.css").read_bytes() == b"p{color:red}"
    assert (tmp_path / "c.js").read_bytes() == b"var sourceMappingURL = 1;\n"


def test_the_yaml_mistakes_shown_are_the_validators_own_words(tmp_path):
    from caseshelf.cases import checker
    from support.samples import TODAY, case_text

    rows = re.findall(r"^\| `(title: [^`]+)` \| (.+) \|$", CONTRIBUTE, re.M)
    assert len(rows) == 2
    for written, said in rows:
        path = tmp_path / "kiosks.md"
        path.write_text(case_text(replace=("title: Community feedback kiosks", written)),
                        encoding="utf-8")
        assert [p.text for p in checker.check_file(path, TODAY).problems] == [
            said.replace("`", "")]


def test_the_site_builds_strict_with_cases_in_six_languages(tmp_path):
    """What `make site` runs (validate --strict, then a strict build), on the project with
    the cases in Arabic, Chinese, Russian, French, Spanish and Portuguese added: their native
    headings, scripts and directions pass, and each one has its page."""
    for name in ("mkdocs.yml", "docs", "cases"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    translated = sorted((ROOT / "tests" / "fixtures" / "languages").glob("*.md"))
    assert len(translated) == 6
    for path in translated:
        shutil.copy(path, tmp_path / "cases" / path.name)
    bin_dir = Path(sys.executable).parent
    validate = subprocess.run([str(bin_dir / "caseshelf"), "validate", "--strict", "cases"],
                              cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    build = subprocess.run([str(bin_dir / "mkdocs"), "build", "--strict"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    for path in translated:
        assert (tmp_path / "site" / "cases" / path.stem / "index.html").is_file()


def test_source_maps_are_not_looked_for_in_the_folders_of_generated_pages(tmp_path):
    """A full build's walk skips the folders that hold only caseshelf's pages (a case's
    folder, a listing's and its later pages), and looks in every other folder, one that
    holds a copied script too."""
    from caseshelf.site import lean

    for path in ("cases/a/index.html", "themes/x/index.html", "themes/x/page/2/index.html",
                 "assets/js/a.js", "assets/js/a.js.map", "cases/a/b.js.map",
                 "mixed/index.html", "mixed/c.js.map"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x")
    pages = ["cases/a/index.html", "themes/x/index.html", "themes/x/page/2/index.html",
             "mixed/index.html", "index.html"]
    folders = lean.own_folders(pages, ["assets/js/a.js", "mixed/c.js.map"])
    assert folders == {"cases/a", "themes/x", "themes/x/page/2"}
    assert lean.strip_source_maps(tmp_path, pages=folders) == 2  # assets/, mixed/
    assert (tmp_path / "cases/a/b.js.map").exists()  # where no build would put one
    assert not (tmp_path / "assets/js/a.js.map").exists()
    assert not (tmp_path / "mixed/c.js.map").exists()
