"""Related cases from an inverted index of shared features, not an all-pairs comparison.

Each case is described by features (its themes, SDG goals and targets, countries, UN
sub-region and region), each weighted by how rare it is. Candidates come from the posting
lists of a case's features; a long posting list (a theme half the cases share) is read
only in a window around the case, so the work per case is bounded and the whole
computation grows linearly with the number of cases.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from ..cases.model import Case

WINDOW = 12  # entries read on each side of a case in a long posting list
FEATURE_WEIGHT = {"theme": 1.0, "goal": 0.6, "target": 1.2, "country": 1.5, "subregion": 0.8}


def features(case: Case) -> set[tuple[str, str]]:
    found = {("theme", t) for t in case.themes}
    found |= {("goal", str(g)) for g in case.goals}
    found |= {("target", s) for s in case.sdgs if "." in s}
    found |= {("country", c.split("-")[0]) for c in case.places}
    found |= {("subregion", s) for s in case.subregions}
    return found


def related_cases(cases: Sequence[Case], count: int) -> dict[str, list[Case]]:
    """For each case slug, up to `count` other cases, most related first.

    Cases that share nothing with enough others are topped up with cases from the same
    region, then with any others, so every case shows `count` related cases whenever the
    collection has that many other cases.
    """
    ordered = sorted(cases, key=lambda c: c.slug)
    described = [sorted(features(c)) for c in ordered]  # sorted: same sums, same order, every run
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, found in enumerate(described):
        for feature in found:
            postings[feature].append(index)
    total = len(ordered)
    weight = {f: FEATURE_WEIGHT[f[0]] * math.log(1 + total / len(ids))  # rarer counts more
              for f, ids in postings.items()}

    result: dict[str, list[Case]] = {}
    for index, case in enumerate(ordered):
        scores: dict[int, float] = {}
        get = scores.get
        for feature in described[index]:
            ids = postings[feature]
            if len(ids) > 2 * WINDOW + 1:
                at = bisect.bisect_left(ids, index)
                ids = ids[max(0, at - WINDOW): at + WINDOW + 1]
            w = weight[feature]
            for other in ids:
                scores[other] = get(other, 0.0) + w
        scores.pop(index, None)
        # cases are in slug order, so the index breaks ties by slug
        best = [i for _, i in heapq.nsmallest(count, ((-s, i) for i, s in scores.items()))]
        if len(best) < count:
            best += _top_up(ordered, index, best, count - len(best))
        result[case.slug] = [ordered[i] for i in best]
    return result


def _top_up(ordered: Sequence[Case], index: int, chosen: list[int], needed: int) -> list[int]:
    """Neighbours in slug order: deterministic, and bounded work per case."""
    taken = set(chosen) | {index}
    extra = []
    for step in range(1, len(ordered)):
        for other in (index - step, index + step):
            if 0 <= other < len(ordered) and other not in taken:
                extra.append(other)
                taken.add(other)
                if len(extra) == needed:
                    return extra
    return extra
