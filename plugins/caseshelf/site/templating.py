"""What the templates call besides Material's: the `to` filter (a link to a page by its
source path), `compact_json`, `listing_item`, the edition and language globals, and the
interface strings in the site's language (jinja2.ext.i18n: `_()`, `ngettext`, `{% trans %}`,
from the catalogs of i18n.py).

MkDocs is not imported here: the plugin passes in its `relative_url` function and a way to
warn, so this layer stays free of the engine."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from jinja2 import Environment, pass_context
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from . import i18n
from .pages import Lookup


def compact_json(data) -> Markup:
    """JSON for a <script> block (JSON-LD, settings): escaped for HTML like Jinja's tojson,
    so no text in it can close the block (< > & ' become \\u escapes), without its spaces."""
    return htmlsafe_json_dumps(data, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


def install(env: Environment, *, urls: Mapping[str, str], edition: str, language: str,
            relative_url: Callable[[str, str], str], warn: Callable[[str], None]) -> None:
    """Add the filters and globals to env. `urls` maps each page's source path to its URL;
    `relative_url(url, from_url)` is the engine's own."""

    @pass_context
    def to(context, src_uri: str) -> str:
        """A link to a page by its source path, relative to this page, so links work with
        and without directory URLs and when read from disk."""
        url = urls.get(src_uri)
        if url is None:
            warn(f"a template links to '{src_uri}', which is not a page")
            return "#"
        if "cs_root" in context:  # a reusable fragment: link through the site root
            return f"{context['cs_root']}/{url}"
        if context.get("page") is None:  # the 404 page is served at any depth
            return f"{context['base_url'].rstrip('/')}/{url}"
        return relative_url(url, context["page"].url)

    translations = i18n.translations(language)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]

    def cs_plurals(singular: str, plural: str, zero: str, context: str) -> dict[str, str]:
        """A message for each CLDR plural category of the site's language, for a script to
        choose from with Intl.PluralRules; `zero` (already translated) is the message for
        none. Extracted as npgettext (the Makefile's `messages`); the context keeps apart
        two messages with one English singular."""
        def ngettext(s: str, p: str, n: int) -> str:
            return translations.npgettext(context, s, p, n)
        return i18n.plural_messages(ngettext, language, singular, plural, zero)

    def translated_explore(explore: dict) -> dict:
        """The Explore page's data with its headings and the labels of values that are
        words of the interface (levels, status) in the site's language."""
        return {**explore,
                "facets": [{**f, "title": translations.gettext(f["title"]),
                            "values": [[key, translations.gettext(label), *rest]
                                       if f["name"] in i18n.INTERFACE_FILTERS
                                       else [key, label, *rest]
                                       for key, label, *rest in f["values"]]}
                           for f in explore["facets"]],
                "labels": {name: ({key: translations.gettext(label)
                                   for key, label in labels.items()}
                                  if name in i18n.INTERFACE_FILTERS else labels)
                           for name, labels in explore["labels"].items()}}

    env.globals["cs_plurals"] = cs_plurals
    env.filters["cs_translated_explore"] = translated_explore
    env.filters["to"] = to
    env.filters["compact_json"] = compact_json
    env.globals["cs_edition"] = edition
    env.globals["cs_language"] = language  # the site's language
    item = env.get_template("caseshelf/item.html")  # compiled once the filters exist
    rendered: dict[tuple[str, str], Markup] = {}

    @pass_context
    def listing_item(context, case) -> Markup:
        """A case in a listing, rendered once per page depth and reused: cases appear on
        many listing pages, and links through the site root ("../../countries/kz/") are
        the same on every page at one depth."""
        root = relative_url("", context["page"].url)
        key = (case.slug, root)
        if key not in rendered:
            rendered[key] = Markup(item.render(case=case, cs=Lookup, cs_root=root,
                                               page=context["page"]))
        return rendered[key]

    env.globals["listing_item"] = listing_item
