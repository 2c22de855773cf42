"""Names in any script make distinct, readable addresses: publishers written in Arabic,
Chinese and Cyrillic each get a page of their own, under their own name, listing their cases
(they used to share /sources/unnamed/ under the first one's name)."""

from __future__ import annotations

import re

import pytest

from caseshelf.cases.text import slugify
from support.samples import case_text
from support.sitebuild import build_site, page

pytestmark = pytest.mark.build

PUBLISHERS = {
    "arabic": "برنامج الأمم المتحدة الإنمائي",
    "chinese": "联合国经济和社会事务部",
    "chinese-near": "联合国经济和社会事务处",  # one character apart from the one above
    "russian": "Правительство Республики Казахстан",
    "english": "Centre for Public Service Innovation",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    cases = {}
    for name, body in PUBLISHERS.items():
        cases[f"{name}.md"] = case_text(replace=(
            "  body: Centre for Public Service Innovation", f"  body: {body}")).replace(
            "title: Community feedback kiosks", f"title: Feedback kiosks ({name})")
    return build_site(tmp_path_factory.mktemp("names"), cases)


def test_every_publisher_has_a_page_of_its_own(site):
    index = page(site, "sources")
    listed = dict(re.findall(r'<a href="([^"/]+)/"><bdi>([^<]+)</bdi></a>', index))
    assert sorted(listed.values()) == sorted(PUBLISHERS.values())
    assert len(set(listed)) == len(PUBLISHERS)  # no two share an address
    for key, label in listed.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key), key  # readable ASCII
        assert key != "unnamed"
        source = page(site, f"sources/{key}")
        assert f'<h1 dir="auto">{label}</h1>' in source
        slugs = re.findall(r'class="cs-title" href="../../cases/([^/]+)/"', source)
        assert slugs == [name for name, body in PUBLISHERS.items() if body == label]
    assert listed[slugify(PUBLISHERS["english"])] == PUBLISHERS["english"]  # unchanged


def test_a_case_page_shows_its_publisher_isolated(site):
    for name, body in PUBLISHERS.items():
        case = page(site, f"cases/{name}")
        assert f"<bdi>{body}</bdi>" in case
