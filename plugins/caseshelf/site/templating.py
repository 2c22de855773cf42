"""What the templates call besides Material's: the `to` filter (a link to a page by its
source path), `compact_json`, `listing_item`, the edition and language globals, and the
interface strings in the site's language (jinja2.ext.i18n: `_()`, `ngettext`, `{% trans %}`,
from the catalogs of i18n.py).

MkDocs is not imported here: the plugin passes in its `relative_url` function and a way to
warn, so this layer stays free of the engine."""

from __future__ import annotations

import gettext
import json
from collections.abc import Callable, Mapping, Sequence

from jinja2 import Environment, Template, pass_context
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import htmlsafe_json_dumps, missing
from markupsafe import Markup

from . import formats, header, i18n, lean
from . import languages as languages_


def compact_json(data) -> Markup:
    """JSON for a <script> block (JSON-LD, settings): escaped for HTML like Jinja's tojson,
    so no text in it can close the block (< > & ' become \\u escapes), without its spaces."""
    return htmlsafe_json_dumps(data, dumps=json.dumps, separators=(",", ":"), ensure_ascii=False)


class Interface:
    """The language the page being rendered speaks: its interface strings, plural rules,
    number format and links (a page of another language links to that language's pages).
    The engine renders one page at a time; the plugin sets the language before each."""

    def __init__(self, languages: Sequence[str]) -> None:
        self.default = languages[0]
        self.language = self.default
        self._translations = {language: i18n.translations(language) for language in languages}

    def use(self, language: str) -> None:
        self.language = language

    @property
    def translations(self) -> gettext.NullTranslations:
        return self._translations[self.language]

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The message for n, with n written as the language writes numbers (1 234)."""
        return _numbered(self.translations.ngettext(singular, plural, n), n, self.language)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return _numbered(self.translations.npgettext(context, singular, plural, n), n,
                         self.language)

    def prefixed(self, src_uri: str) -> str:
        """A page's source path in this language: 'fr/themes/health.md'."""
        return src_uri if self.language == self.default else f"{self.language}/{src_uri}"


def _numbered(message: str, n: int, language: str) -> str:
    """jinja2.ext.i18n puts the number in with `%(count)s` (or `%(num)s`) after this
    returns: put it in first, in the language's digits and grouping."""
    if isinstance(n, int) and n >= 1000:
        written = formats.number(n, language)
        return message.replace("%(count)s", written).replace("%(num)s", written)
    return message


class Compiled(BytecodeCache):
    """The templates' compiled code, kept for as long as the process runs: the engine makes
    a new Jinja environment for every build, and `serve` builds again at every save. Jinja
    compares each template's source with the code's checksum, so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self.kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.kept:
            bucket.bytecode_from_string(self.kept[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.kept[bucket.key] = bucket.bytecode_to_string()


COMPILED = Compiled()

# What a listing item is rendered with in place of the way up to the site's root: no case
# text holds it after `="` (attribute values are escaped; a NUL is not valid in a case).
# None renders an item at each depth with the root itself (tests/test_parallel.py).
ROOT: str | None = "\x00cs-root"


def install(env: Environment, *, urls: Mapping[str, str], edition: str,
            languages: Sequence[str], relative_url: Callable[[str, str], str],
            warn: Callable[[str], None]) -> Interface:
    """Add the filters and globals to env and return the interface the plugin switches
    between languages. `urls` maps each page's source path to its URL;
    `relative_url(url, from_url)` is the engine's own."""
    interface = Interface(languages)
    env.bytecode_cache = env.bytecode_cache or COMPILED
    if not isinstance(env.loader, lean.LeanLoader):  # pages come out without indentation
        env.loader = lean.LeanLoader(env.loader)

    @pass_context
    def to(context, src_uri: str) -> str:
        """A link to a page by its source path, in the page's language when the page has a
        version in it, relative to this page, so links work with and without directory
        URLs and when read from disk."""
        url = urls.get(interface.prefixed(src_uri)) or urls.get(src_uri)
        if url is None:
            warn(f"a template links to '{src_uri}', which is not a page")
            return "#"
        if "cs_root" in context:  # a reusable fragment: link through the site root
            return f"{context['cs_root']}/{url}"
        if context.get("page") is None:  # the 404 page is served at any depth
            return f"{context['base_url'].rstrip('/')}/{url}"
        return relative_url(url, context["page"].url)

    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(  # type: ignore[attr-defined]
        interface.gettext, interface.ngettext, newstyle=True, pgettext=interface.pgettext,
        npgettext=interface.npgettext)

    plurals: dict[tuple[str, ...], dict[str, str]] = {}

    def cs_plurals(singular: str, plural: str, zero: str, context: str) -> dict[str, str]:
        """A message for each CLDR plural category of the page's language, for a script to
        choose from with Intl.PluralRules; `zero` (already translated) is the message for
        none. Extracted as npgettext (the Makefile's `messages`); the context keeps apart
        two messages with one English singular. Worked out once per language: every page
        asks for the search box's."""
        key = (interface.language, singular, plural, zero, context)
        if key not in plurals:
            def ngettext(s: str, p: str, n: int) -> str:
                return interface.translations.npgettext(context, s, p, n)
            plurals[key] = i18n.plural_messages(ngettext, interface.language, singular,
                                                plural, zero)
        return plurals[key]

    def translated_explore(explore: dict) -> dict:
        """The Explore page's data with its headings and the labels of values that are
        words of the interface (levels, status) in the page's language."""
        gettext = interface.gettext
        return {**explore,
                "facets": [{**f, "title": gettext(f["title"]),
                            "values": [[key, gettext(label), *rest]
                                       if f["name"] in i18n.INTERFACE_FILTERS
                                       else [key, label, *rest]
                                       for key, label, *rest in f["values"]]}
                           for f in explore["facets"]],
                "labels": {name: ({key: gettext(label) for key, label in labels.items()}
                                  if name in i18n.INTERFACE_FILTERS else labels)
                           for name, labels in explore["labels"].items()}}

    env.globals["cs_plurals"] = cs_plurals
    env.filters["cs_translated_explore"] = translated_explore
    env.filters["to"] = to
    env.filters["compact_json"] = compact_json
    env.filters["number"] = lambda n: formats.number(n, interface.language)
    env.globals["cs_direction"] = languages_.direction
    env.globals["cs_autonym"] = languages_.autonym
    env.globals["cs_edition"] = edition
    env.globals["cs_language"] = interface.default  # a page's own context says its language
    rendered: dict[tuple[str, str, str, str], str] = {}

    @pass_context
    def listing_item(context, case, kind: str = "item") -> Markup:
        """A case in a list, rendered once per language and reused at every depth: cases
        appear on many listing pages, and an item links only through the site root (`to`
        writes `cs_root` before each address), so it is rendered with a stand-in for the
        root, put in for the page's own ("../../countries/kz/"). `kind`: the template,
        caseshelf/<kind>.html (item: a listing's entry; shares, adapted, wants: a country
        page's practices)."""
        root = relative_url("", context["page"].url)
        stand_in = ROOT or root  # none: rendered at each depth, as a test renders them
        key = (kind, case.slug, interface.language, stand_in)
        if key not in rendered:
            template = env.get_template(f"caseshelf/{kind}.html")
            rendered[key] = template.render(case=case, cs=context["cs"], cs_root=stand_in,
                                            page=context["page"],
                                            cs_language=interface.language)
        return Markup(rendered[key].replace(f'="{stand_in}/', f'="{root}/'))

    env.globals["listing_item"] = listing_item
    chosen: dict[tuple[str, ...], Template] = {}

    def first_template(names: Sequence[str]) -> Template:
        """The first of these templates that exists, looked for once per build: a name not
        found is not remembered by Jinja, and every listing page of a facet without its
        own template would look for it again."""
        key = tuple(names)
        if key not in chosen:
            chosen[key] = env.select_template(key)
        return chosen[key]

    env.filters["cs_template"] = first_template
    return interface


# The parts of Material's frame that read nothing of the page they are on when the page is
# not in the navigation: the same for every such page of one language at one depth.
SHARED_PARTS = ("partials/nav.html", "partials/footer.html", "partials/top.html",
                "partials/logo.html")
SHARED_BLOCKS = {"base.html": ("styles", "libs", "fonts", "analytics", "scripts"),
                 "main.html": ("config",)}


def share_parts(env: Environment) -> None:
    """Render each shared part once per page kind: the `cs_frame` a page's context holds
    (its language and the way up to the site's root) keys it; a page without one renders
    every part."""
    def once(render, name):
        kept: dict = {}

        def part(context):
            key = context.get("cs_frame")
            if key is None:
                yield from render(context)
                return
            if key not in kept:
                kept[key] = "".join(render(context))
            yield kept[key]
        part.__name__ = render.__name__
        return part

    for path in SHARED_PARTS:
        template = env.get_template(path)
        template.root_render_func = once(template.root_render_func, path)
    for path, blocks in SHARED_BLOCKS.items():
        template = env.get_template(path)
        for block in blocks:
            template.blocks[block] = once(template.blocks[block], f"{path}:{block}")
    share_module(env.get_template("partials/language.html"))
    header.share_header(env)  # once per frame, filled in with each page's title and links


def share_module(template) -> None:
    """Material's interface strings (`lang.t`), which every page and several of its parts
    import with their context: one module per language for the pages with a `cs_frame`
    (its macros read only the theme's language), made anew for the others and wherever the
    importing template has set a variable of its own before (Jinja passes its unset ones as
    `missing`, and `self`)."""
    make_module = template.make_module
    modules: dict = {}

    def module(vars=None, shared=False, locals=None):
        key = (vars or {}).get("cs_frame")
        if key is None or any(value is not missing for name, value in (locals or {}).items()
                              if name != "self"):
            return make_module(vars, shared, locals)
        if key[0] not in modules:
            modules[key[0]] = make_module(vars, shared, locals)
        return modules[key[0]]
    template.make_module = module
