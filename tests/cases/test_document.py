"""Splitting a file into front-matter and body, checked against python-frontmatter."""

from __future__ import annotations

import frontmatter
import pytest
import yaml

from caseshelf.cases import document, front_matter
from support.samples import FIXTURES, ROOT

# norway-and-unicode.md is left out on purpose: python-frontmatter reads its NO as false
VALID_FILES = sorted((ROOT / "cases").glob("*.md")) + sorted(
    p for p in (FIXTURES / "valid").glob("*.md")
    if p.name != "norway-and-unicode.md")


@pytest.mark.parametrize("path", VALID_FILES, ids=lambda p: p.name)
def test_split_agrees_with_python_frontmatter(path):
    doc = document.read(path)
    post = frontmatter.loads(path.read_bytes().decode("utf-8-sig"))
    ours = front_matter.parse(doc.yaml_text, path=str(path), first_line=doc.yaml_line).data
    theirs = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in post.metadata.items()}
    if isinstance(theirs.get("source"), dict):
        theirs["source"] = {k: v.isoformat() if hasattr(v, "isoformat") else v
                            for k, v in theirs["source"].items()}
    assert ours == theirs
    assert doc.body.strip().replace("\r\n", "\n") == post.content.strip().replace("\r\n", "\n")


def test_positions_count_the_front_matter_offset():
    text = "---\ntitle: Kiosks\ncountries:\n  - ZA\n  - [x]\n---\nBody\n"
    doc = document.split("x.md", text)
    fm = front_matter.parse(doc.yaml_text, path="x.md", first_line=doc.yaml_line)
    assert fm.where(("title",)) == (2, 8)
    assert fm.where(("title",), key=True) == (2, 1)
    assert fm.where(("countries", 1)) == (5, 5)
    assert fm.where(("countries", 1, 0)) == (5, 6)
    assert doc.body_line == 7 and doc.body == "Body\n"


def test_values_are_plain_and_dates_stay_as_written():
    fm = front_matter.parse("a: 2024-05-01\nb: yes\nc: 0x1F\nd: ~\ne: 1.5\nf: true\n",
                            path="x", first_line=2)
    assert fm.data == {"a": "2024-05-01", "b": "yes", "c": 31, "d": None, "e": 1.5, "f": True}
    assert yaml.safe_load("b: yes")["b"] is True  # what PyYAML alone would have read


def test_the_closing_fence_may_be_three_dots():
    doc = document.split("x.md", "---\ntitle: x\n...\nBody")
    assert doc.yaml_text == "title: x\n" and doc.body == "Body"
