"""The PDF compendium as its readers' tools see it: pdfinfo, pdffonts, pdftotext and qpdf
(Debian's poppler-utils and qpdf), and pypdf for the outline and the links. What they read
is compared with what the case files say."""

from __future__ import annotations

import re
import subprocess
from collections import Counter

import pytest

from caseshelf.cases import countries, vocabularies
from caseshelf.cases.text import country_of
from caseshelf.site import collation
from caseshelf.site.languages import localised
from support.pdf import (
    LONG_URL,
    SITE_URL,
    TRANSLATED,
    flat,
    fonts,
    info,
    link_actions,
    outline,
    pages,
    run,
    text,
    words,
)

pytestmark = pytest.mark.build

FRONT = {"Overview", "Contents", "Index"}  # bookmarks beside the regions


def regions_outline(pdf):
    """The regions' part of the outline: (depth, title, page), without the front matter."""
    return [item for item in outline(pdf) if not (item[0] == 0 and item[1] in FRONT)]


def test_pdfinfo_title_language_tagging_and_pages(english, cases):
    found = info(english)
    assert found["Tagged"] == "yes"
    assert found["Title"] == "caseshelf"  # the site's name; the whole collection
    assert int(found["Pages"]) == len(pages(english))
    assert found["Subject"] == f"Public-sector innovation case studies: {len(cases)} cases"
    newest = max(case.added for case in cases)
    assert found["CreationDate"].startswith(newest.strftime("%a %b %d"))  # not the clock's
    catalog = run("qpdf", "--show-object=trailer", english)
    assert "/Root" in catalog
    assert '/Lang (en)' in subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", english, "-"], capture_output=True
    ).stdout.decode("latin-1")


def test_qpdf_finds_no_fault(english, hostile):
    for pdf in (english, hostile[0]):
        result = subprocess.run(["qpdf", "--check", pdf], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors found" in result.stdout


def test_every_font_is_embedded_and_subset(english, translated):
    for pdf in (english, *translated.values()):
        table = fonts(pdf)
        assert table, pdf
        assert all(row["emb"] == "yes" and row["sub"] == "yes" and row["uni"] == "yes"
                   for row in table), table


def test_the_outline_lists_every_case_under_its_region_and_country(english, cases):
    """Region > country > case, each case once, placed as its countries say, sorted as an
    English reader sorts names."""
    items = regions_outline(english)
    by_title = {case.title: case for case in cases}
    assert Counter(title for depth, title, _ in items if depth == 2) == Counter(
        case.title for case in cases)
    key = collation.sort_key("en")
    region = country = None
    seen: dict[int, list[str]] = {0: [], 1: [], 2: []}
    for depth, title, _ in items:
        if depth == 0:
            region, seen[1] = title, []
        elif depth == 1:
            country, seen[2] = title, []
        else:
            case = by_title[title]
            names = {vocabularies.region_name(r, "en") for r in case.regions}
            assert region == (next(iter(names)) if len(names) == 1 else "Several regions")
            places = {country_of(c) for c in case.places
                      if len(names) > 1 or vocabularies.region_of(c).region in case.regions}
            if len(names) == 1:
                assert country == (countries.name_of(next(iter(places)), "en")
                                   if len(places) == 1 else "Several countries"), title
        seen[depth].append(title)
    for depth, titles in seen.items():
        named = [t for t in titles if not t.startswith("Several ")]
        assert named == sorted(named, key=key), (depth, titles)


def test_each_case_starts_on_its_page_in_contents_order(english, cases):
    """pdftotext reads every case's title, in the order of the contents, on the page the
    outline gives; the contents print that page number for it."""
    text_of = pages(english)
    items = [(title, page) for depth, title, page in regions_outline(english) if depth == 2]
    assert len({page for _, page in items}) == len(items)  # each case on a page of its own
    whole = flat(text(english))
    body_start = whole.index("Contents") + 1
    positions = []
    for title, page in items:
        assert flat(title) in flat(text_of[page - 1]), (title, page)
        positions.append(whole.index(flat(title), whole.index(flat(title), body_start) + 1))
    assert positions == sorted(positions)
    first = next(page for depth, title, page in outline(english) if title == "Contents")
    last = next(page for depth, title, page in outline(english) if depth == 0
                and title not in FRONT)
    contents = flat(run("pdftotext", "-layout", "-f", str(first), "-l", str(last - 1),
                        english, "-"))
    for title, page in items:
        printed = re.search(re.escape(flat(title)) + r"[ .]*?(\d+)(?!\d)", contents)
        assert printed and int(printed[1]) == page, (title, page)


def test_each_case_page_has_its_panel_source_citation_and_address(english, cases):
    text_of = pages(english)
    start = {title: page for depth, title, page in regions_outline(english) if depth == 2}
    for case in cases:
        first = start[case.title]
        page = flat(" ".join(text_of[first - 1: first + 3]))
        assert "Themes" in page and "SDGs" in page
        for slug in case.themes:
            assert vocabularies.theme_label(slug, "en") in page
        assert flat(case.source.title) in page
        url = f"{SITE_URL}cases/{case.slug}/"
        assert f"Web page: {url}" in page
        assert flat(f"{case.source.body}. \u201c{case.title}\u201d. In: caseshelf") in page


def test_footnotes_are_printed_with_their_case(hostile):
    pdf, cases = hostile
    case = next(case for case in cases if case.slug == "zz-oversized")
    note = re.search(r"^\[\^1\]:\s*(.+)$", case.body, re.MULTILINE)[1]
    first = next(page for depth, title, page in outline(pdf) if title == case.title)
    printed = flat(" ".join(pages(pdf)[first - 1:]))
    assert flat(note) in printed
    assert printed.index(flat(note)) > printed.index("Keep the page's margins")  # at the end


def test_the_overview_counts_what_the_case_files_say(english, cases):
    overview = run("pdftotext", "-layout", "-f", "2", "-l", "3", english, "-")
    rows = {flat(label): int(count) for label, count in
            re.findall(r"^\s*(\S.*?\S)\s{2,}(\d+)\s*$", overview, re.MULTILINE)}
    regions = Counter(r for case in cases for r in case.regions)
    for region, count in regions.items():
        assert rows[vocabularies.region_name(region, "en")] == count
    themes = Counter(t for case in cases for t in case.themes)
    for theme, count in themes.items():
        assert rows[vocabularies.theme_label(theme, "en")] == count
    goals = Counter(n for case in cases for n in case.goals)
    for n in vocabularies.goals():
        assert rows[f"{n}. {vocabularies.goal_name(n, 'en')}"] == goals[n]


def test_the_index_gives_the_pages_of_each_theme_and_goal(english, cases):
    start = {title: page for depth, title, page in regions_outline(english) if depth == 2}
    index_page = next(page for depth, title, page in outline(english) if title == "Index")
    index = flat(" ".join(pages(english)[index_page - 1:]))
    labels = {vocabularies.theme_label(t, "en"): t for case in cases for t in case.themes}
    for label, slug in labels.items():
        expected = sorted(start[c.title] for c in cases if slug in c.themes)
        printed = re.search(re.escape(label) + r" ((?:\d+, )*\d+)", index)
        assert printed and [int(n) for n in printed[1].split(", ")] == expected, label
    for n in sorted({n for case in cases for n in case.goals}):
        expected = sorted(start[c.title] for c in cases if n in c.goals)
        label = f"{n}. {vocabularies.goal_name(n, 'en')}"
        printed = re.search(re.escape(label) + r" ((?:\d+, )*\d+)", index)
        assert printed and [int(p) for p in printed[1].split(", ")] == expected, label


def test_the_cover_names_the_collection_its_newest_case_count_and_licence(english, cases):
    cover = flat(pages(english)[0])
    newest = max(case.added for case in cases)
    assert cover.startswith("caseshelf")
    assert "The whole collection" in cover
    assert f"{len(cases)} cases" in cover
    assert newest.strftime("%B %-d, %Y") in cover
    assert "CC-BY-4.0" in cover


@pytest.mark.parametrize("language", ["zh", "ar", "ru"])
def test_translated_titles_extract_back_as_written(translated, cases, language):
    """Chinese, Arabic and Cyrillic titles come back from pdftotext as the translators wrote
    them, in logical order; the interface speaks the language."""
    pdf = translated[language]
    found = info(pdf)
    assert found["Tagged"] == "yes"
    whole = flat(text(pdf))
    chosen = [case for case in cases if {country_of(c) for c in case.places} & set(TRANSLATED)]
    assert chosen
    scripts = {"zh": r"[\u4e00-\u9fff]", "ar": r"[\u0600-\u06ff]", "ru": r"[\u0400-\u04ff]"}
    written = [localised(case, language).title for case in chosen]
    assert any(re.search(scripts[language], title) for title in written)
    for title in written:
        assert flat(title) in whole, title
    assert {"zh": "目录", "ar": "المحتويات", "ru": "Содержание"}[language] in whole
    bookmarks = {title for _, title, _ in outline(pdf)}
    assert set(written) <= bookmarks


def test_arabic_pages_run_right_to_left(translated, cases):
    """The Arabic compendium's headings sit against the right margin, not the left."""
    pdf = translated["ar"]
    width = float(info(pdf)["Page size"].split()[0])
    margin = 18 / 25.4 * 72
    heading = next(p for _, title, p in outline(pdf) if title == "المحتويات")
    line = [w for w in words(pdf) if w[0] == heading]
    top = min(w[2] for w in line)
    first_line = [w for w in line if abs(w[2] - top) < 1]
    assert max(w[3] for w in first_line) == pytest.approx(width - margin, abs=2)
    assert min(w[1] for w in first_line) > width / 2


def test_hostile_text_prints_as_text_and_links_are_web_links(hostile):
    pdf, cases = hostile
    whole = flat(text(pdf))
    shown = [case for case in cases if case.slug.startswith("hostile")]
    assert len(shown) >= 20
    missing = [case.title for case in shown if flat(case.title) not in whole]
    assert missing == []
    actions = link_actions(pdf)
    assert actions
    for action in actions:
        assert action["S"] in ("/URI", "/GoTo", "GoTo"), action
        if action["S"] == "/URI":
            assert re.match(r"https?://", action["URI"]), action
    raw = pdf.read_bytes()
    for name in (b"/JavaScript", b"/JS", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert name not in raw


def test_long_words_wide_tables_and_long_addresses_stay_inside_the_margins(hostile):
    pdf, _ = hostile
    width = float(info(pdf)["Page size"].split()[0])
    margin = 18 / 25.4 * 72
    placed = words(pdf)
    assert any(LONG_URL[:30] in w[5] for w in placed)
    outside = [w for w in placed if w[1] < margin - 1 or w[3] > width - margin + 1]
    assert outside == []


def test_two_builds_give_the_same_bytes(project, cases, tmp_path):
    from caseshelf.compendium.build import Job, make
    from caseshelf.compendium.selection import Selection

    job = Job(Selection(countries=("NP",)), "zh")
    first = make(project, cases, job, tmp_path / "one")
    second = make(project, cases, job, tmp_path / "two")
    assert first.name == second.name
    assert first.read_bytes() == second.read_bytes()
