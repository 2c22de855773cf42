"""A listing's pagination links the first and last pages and those around the current one,
so each page's links stay few however many pages a value has (they grew as the square of
its pages, 81 links on each of Africa's 81 pages at 10,000 cases)."""

from __future__ import annotations

import pytest

from caseshelf.site.pages import PAGES_AROUND, Pagination


def numbers(number: int, count: int) -> list[int | None]:
    uris = [f"themes/health/{n}.md" for n in range(1, count + 1)]
    shown = Pagination(number, count, uris).shown
    assert all(item is None or item[1] == uris[item[0] - 1] for item in shown)
    return [item and item[0] for item in shown]


@pytest.mark.parametrize(("number", "count", "expected"), [
    (1, 1, [1]),
    (1, 4, [1, 2, 3, 4]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),
    (1, 81, [1, 2, 3, None, 81]),
    (2, 81, [1, 2, 3, 4, None, 81]),
    (5, 81, [1, 2, 3, 4, 5, 6, 7, None, 81]),  # a gap of one page shows the page
    (40, 81, [1, None, 38, 39, 40, 41, 42, None, 81]),
    (81, 81, [1, None, 79, 80, 81]),
])
def test_the_pages_a_page_links_to(number, count, expected):
    assert numbers(number, count) == expected


def test_every_page_is_linked_and_the_links_stay_few():
    count = 500
    for number in range(1, count + 1):
        shown = [n for n in numbers(number, count) if n]
        assert len(shown) <= 2 * PAGES_AROUND + 4  # and the first, the last, one gap filled
        assert shown == sorted(set(shown))
        assert {1, count, number} <= set(shown)
        assert {n for n in (number - 1, number + 1) if 1 <= n <= count} <= set(shown)
