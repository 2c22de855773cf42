"""`serve --dirty`: the last build's plan again, after edits that change no list.

A case's body shows on its own page only: no listing, map, home page or Explore reads it.
So when the only cases that changed since the last build changed in their bodies (the
original's or a translation's), every page but theirs is what it was, and the new plan is
the last one with those cases put in their own pages. Anything else (a case added or
removed, a title, a facet, an option) and `again` answers None: plan everything."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..cases.model import Case
from .languages import localised
from .pages import PageSpec, plan_languages


@dataclass
class Plan:
    """What a build planned, and from what."""

    made_from: object  # the options and inputs, besides the cases, the plan was made with
    cases: dict[str, Case]  # by slug
    specs: list[PageSpec]
    homes: dict[str, dict]
    outputs: dict[str, str] | None = None  # the open data, by path
    files: dict[str, object] = field(default_factory=dict)  # the engine's, pages and data


def listed(case: Case) -> Case:
    """The case without what only its own page shows (its text, and its translations'),
    which is also all that any other page shows of it (rendered.py keys pages by it)."""
    return replace(case, body="", translations=tuple(
        replace(translation, body="", translated_from=None)
        for translation in case.translations))


def body_edits(plan: Plan | None, cases: Sequence[Case], made_from: object
               ) -> dict[str, Case] | None:
    """The cases whose bodies alone changed since `plan`, by slug; None if anything else
    changed, or there is no plan."""
    if plan is None or plan.made_from != made_from or len(cases) != len(plan.cases):
        return None
    changed = {}
    for case in cases:
        before = plan.cases.get(case.slug)
        if before is None or before.path != case.path:
            return None
        if before != case:
            if listed(before) != listed(case):
                return None
            changed[case.slug] = case
    return changed


def again(plan: Plan, changed: dict[str, Case]) -> list[PageSpec]:
    """The plan's pages, with each changed case in its own page in every language."""
    specs = []
    for spec in plan.specs:
        if spec.case is not None and spec.case.slug in changed:
            local = localised(changed[spec.case.slug], spec.context["cs_language"])
            spec = PageSpec(spec.src_uri, spec.title, spec.template,
                            {**spec.context, "case": local}, local.body, local)
        specs.append(spec)
    return specs


def stale(last: Plan, now: Plan) -> set[str]:
    """After an edit that changed a list, the pages `serve --dirty` must write although
    their own files did not change: every home page (it lists the newest cases), and each
    case page whose case changed, or whose related cases are now others or changed in what
    a list shows of them (a translation's page shows its original's facets; a case page,
    its related cases' titles and summaries, not their bodies)."""
    changed = {slug for slug, case in now.cases.items() if last.cases.get(slug) != case}
    shown = {slug for slug in changed
             if slug not in last.cases or listed(last.cases[slug]) != listed(now.cases[slug])}
    before = {spec.src_uri: spec for spec in last.specs if spec.case is not None}
    found = set(now.homes)
    for spec in now.specs:
        if spec.case is None:
            continue
        related = [case.slug for case in spec.context["related"]]
        old = before.get(spec.src_uri)
        if (old is None or spec.case.slug in changed or shown.intersection(related)
                or related != [case.slug for case in old.context["related"]]):
            found.add(spec.src_uri)
    return found


def plan(last: Plan | None, cases: Sequence[Case], made_from: object, *, dirty: bool,
         **options) -> tuple[Plan, bool, set[str]]:
    """This build's plan; whether it is the last one again (`dirty`: under `serve --dirty`,
    when only case bodies changed); and the pages that `serve --dirty` must write although
    their files did not change (`stale`). `options`: pages.plan_languages's."""
    edits = body_edits(last, cases, made_from) if dirty else None
    by_slug = {case.slug: case for case in cases}
    if last is None or edits is None:
        specs, homes = plan_languages(cases, **options)
        now = Plan(made_from, by_slug, specs, homes)
        return now, False, stale(last, now) if dirty and last is not None else set()
    return (Plan(made_from, by_slug, again(last, edits), last.homes, last.outputs, last.files),
            True, set())
