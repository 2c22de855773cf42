"""Right-to-left text is laid out right to left: an Arabic case in the English site, on its
page, in a listing, in the matchmaking table and in the related cases, measured in Chromium
(computed `direction`, and where the text's lines end in their box)."""

from __future__ import annotations

import re

import pytest
import yaml

from caseshelf.cases.document import read
from support.browser import serve
from support.samples import FIXTURES, ROOT
from support.sitebuild import build_site, page

pytestmark = [pytest.mark.build, pytest.mark.browser]
ARABIC = FIXTURES / "languages" / "south-africa-cpsi-undp-partnership-ar.md"


def front_matter(path) -> dict:
    return yaml.safe_load(read(path).yaml_text)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "cases").glob("*.md")}
    cases[ARABIC.name] = ARABIC.read_text(encoding="utf-8")
    return build_site(tmp_path_factory.mktemp("rtl"), cases)


# For each element: its computed direction, its lang, and whether its first line of text
# ends at the right edge of its content box.
MEASURE = """(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const style = getComputedStyle(el), box = el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  const rects = [...range.getClientRects()];  // a rect per run of one direction
  const top = Math.min(...rects.map((r) => r.top));
  const firstLine = rects.filter((r) => Math.abs(r.top - top) < 2);
  const lineRight = Math.max(...firstLine.map((r) => r.right));
  const right = box.right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
  return {direction: style.direction, lang: el.closest('[lang]').getAttribute('lang'),
          endsRight: Math.abs(lineRight - right) < 2, text: el.textContent.trim()};
})"""


def measure(view, selector: str) -> list[dict]:
    found = view.evaluate(MEASURE, selector)
    assert found, selector
    return found


def test_an_arabic_case_page_runs_right_to_left(site, browser):
    data = front_matter(ARABIC)
    slug = ARABIC.stem
    with serve(site) as base:
        view = browser.new_page(viewport={"width": 1000, "height": 900})
        view.goto(f"{base}cases/{slug}/")
        title = measure(view, "h1")[0]
        summary = measure(view, ".cs-summary")[0]
        paragraphs = measure(view, ".cs-case > div[lang] > p")
        headings = measure(view, ".cs-case > div[lang] > h2")
        view.close()
    assert title["text"] == data["title"] and summary["text"] == data["summary"]
    for element in (title, summary, *paragraphs, *headings):
        assert element["direction"] == "rtl" and element["lang"] == "ar", element
    assert summary["endsRight"] and all(p["endsRight"] for p in paragraphs)
    assert [h["text"] for h in headings][:4] == ["التحدي", "الابتكار", "النتائج",
                                                 "الدروس المستفادة"]


def test_an_arabic_case_runs_right_to_left_in_listings(site, browser):
    data = front_matter(ARABIC)
    country = data["countries"][0].lower()
    with serve(site) as base:
        view = browser.new_page()
        view.goto(f"{base}countries/{country}/")
        titles = {t["text"]: t for t in measure(view, ".cs-item .cs-title")}
        summaries = {s["text"]: s for s in measure(view, ".cs-item > p")}
        view.goto(f"{base}themes/{data['themes'][0]}/")
        in_theme = {t["text"]: t for t in measure(view, ".cs-item .cs-title")}
        view.close()
    for found in (titles[data["title"]], summaries[data["summary"]], in_theme[data["title"]]):
        assert found["direction"] == "rtl" and found["lang"] == "ar"
    english = [t for text, t in titles.items() if text != data["title"]]
    assert english and all(t["direction"] == "ltr" for t in english)


def test_the_page_marks_every_arabic_text_it_shows(site):
    """Wherever the Arabic case's title is printed, it carries lang and dir."""
    data = front_matter(ARABIC)
    title = re.escape(data["title"])
    for path in (f"cases/{ARABIC.stem}", f"countries/{data['countries'][0].lower()}",
                 f"themes/{data['themes'][0]}", ""):
        html = page(site, path)
        for tag in re.findall(rf"<(\w+)([^>]*)>{title}</\1>", html):
            assert 'lang="ar"' in tag[1] and 'dir="rtl"' in tag[1], (path, tag)
