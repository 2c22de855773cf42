"""Slugs from names in any script: readable ASCII, never empty for a visible name, and never
shared by two names in one build."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from caseshelf.cases.rules import SLUG
from caseshelf.cases.text import MAX_SLUG, has_visible_text, short_slug, slugify, unique_slugs


@pytest.mark.parametrize(("name", "slug"), [
    ("Project Rangeet!", "project-rangeet"),
    ("Government of the People's Republic of Bangladesh",
     "government-of-the-people-s-republic-of-bangladesh"),
    ("People’s Republic", "peoples-republic"),
    ("Guichet unique : création d'entreprise", "guichet-unique-creation-d-entreprise"),
    ("Desafío", "desafio"),
    ("Inovação", "inovacao"),
    ("数字政府服务平台", "shu-zi-zheng-fu-fu-wu-ping-tai"),
    ("數位政府", "shu-wei-zheng-fu"),
    ("Электронное правительство", "elektronnoe-pravitelstvo"),
    ("منصة الخدمات", "mnsh-lkhdmt"),
    ("デジタル庁", "dejitaru-ting"),
    ("Straße", "strasse"),
    ("!!!", "exclamation-mark-exclamation-mark-exclamation-mark"),
    ("\u200b\u200f ", ""),
])
def test_slugify_reads_any_script(name, slug):
    assert slugify(name) == slug


def test_a_long_slug_is_cut_between_words():
    title = "Integrated one-stop public service centres for citizens and businesses in " \
            "every district of the country"
    assert short_slug(title) == ("integrated-one-stop-public-service-centres-for-citizens-"
                                 "and-businesses-in-every")
    assert len(short_slug("x" * 200)) == MAX_SLUG


titles = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                 max_size=120).filter(has_visible_text)


@settings(max_examples=300, deadline=None)
@given(titles)
def test_any_visible_title_gives_a_readable_ascii_slug(title):
    slug = short_slug(title)
    assert slug and slug.isascii() and SLUG.match(slug) and len(slug) <= MAX_SLUG


@pytest.mark.parametrize("names", [
    ["UNDP", "Undp", "U.N.D.P.", "undp"],
    ["Ministère", "Ministere", "MINISTÈRE"],
    ["", "\u200b", "数字", "shu zi"],
])
def test_unique_slugs_never_share_a_page(names):
    slugs = unique_slugs(names)
    assert set(slugs) == set(names)
    assert len(set(slugs.values())) == len(names)
    assert all(SLUG.match(slug) for slug in slugs.values())


def test_unique_slugs_are_stable_and_readable():
    assert unique_slugs(["UNDP", "Undp", "OECD"]) == {
        "OECD": "oecd", "UNDP": "undp", "Undp": "undp-62e9a5"}
    shuffled = ["Undp", "OECD", "UNDP"]
    random.Random(1).shuffle(shuffled)
    assert unique_slugs(shuffled) == unique_slugs(["UNDP", "Undp", "OECD"])


def test_a_suffixed_slug_never_takes_another_names_slug():
    slugs = unique_slugs(["UNDP", "Undp", "undp-62e9a5"])
    assert slugs["undp-62e9a5"] == "undp-62e9a5"
    assert slugs["Undp"] not in ("undp", "undp-62e9a5")
    assert len(set(slugs.values())) == 3


names = st.text(st.sampled_from("aAàÀ  -'!数字"), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, max_size=12), st.randoms())
def test_distinct_names_get_distinct_slugs_whatever_the_order(given_names, rnd):
    slugs = unique_slugs(given_names)
    assert set(slugs) == set(given_names)
    assert len(set(slugs.values())) == len(slugs)
    assert all(slug and SLUG.match(slug) for slug in slugs.values())
    shuffled = list(given_names)
    rnd.shuffle(shuffled)
    assert unique_slugs(shuffled) == slugs
