"""The header rendered once per kind of page and filled in for each (site/header.py): the
same text as rendering it for every page, and rendered once per frame and set of languages.
tests/test_parallel.py compares whole built sites with and without it."""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import DictLoader, Environment, pass_context

from caseshelf.site import header

TEMPLATE = (
    '<a href="{{ "" | url }}">home</a>'
    "<span>{% if page.meta and page.meta.title %}{{ page.meta.title }}"
    "{% else %}{{ page.title }}{% endif %}</span>"
    "{% for language, url in cs_versions(page.file.src_uri) %}"
    '<a href="{{ url | url }}" hreflang="{{ language }}">{{ language }}</a>'
    "{% endfor %}{{ count() }}")


def environment() -> tuple[Environment, list[str]]:
    rendered: list[str] = []
    env = Environment(loader=DictLoader({header.HEADER: TEMPLATE}))

    @pass_context
    def url(context, value: str) -> str:  # as MkDocs': relative to the page, schemes kept
        if ":" in value:
            return value
        depth = context["page"].url.count("/")
        return "../" * depth + value

    env.filters["url"] = url
    env.globals["count"] = lambda: rendered.append("x") or ""
    return env, rendered


def page(url: str, title, meta=None):
    return SimpleNamespace(url=url, title=title, meta=meta or {},
                           file=SimpleNamespace(src_uri=url + "index.md"))


def versions(src_uri: str) -> list[tuple[str, str]]:
    base = src_uri.removesuffix("index.md").removeprefix("fr/")
    return [("en", base), ("fr", "fr/" + base)]


PAGES = [(page("cases/a/", "Água & <b>"), ("en", "../..")),
         (page("cases/b/", "B", {"title": "From the meta"}), ("en", "../..")),
         (page("fr/cases/a/", "Eau"), ("fr", "../../..")),
         (page("cases/c/", "C"), ("en", "../..")),
         (page("cases/d/", 2024), ("en", "../..")),  # not text: rendered as it is
         (page("about/", "About"), None)]  # no frame: rendered as it is


def render_all(env: Environment) -> list[str]:
    template = env.get_template(header.HEADER)
    return [template.render(page=p, cs_frame=frame, cs_versions=versions)
            for p, frame in PAGES]


def test_each_page_gets_the_header_it_would_get_rendered_alone():
    plain_env, plain_count = environment()
    plain = render_all(plain_env)
    env, count = environment()
    header.share_header(env)
    assert render_all(env) == plain
    assert len(plain_count) == len(PAGES)
    # one rendering per frame and set of languages, and one for each page rendered as it is
    assert len(count) == 2 + 2
    assert '<span>From the meta</span>' in plain[1] and "<span>Água & <b></span>" in plain[0]
    assert 'href="../../../cases/a/" hreflang="en"' in plain[2]


def test_a_title_that_holds_the_mark_is_not_filled_in():
    assert header.title_of(page("x/", f"a{header.TITLE}")) is None
    assert header.title_of(page("x/", "", {"title": "Meta"})) == "Meta"
    assert header.title_of(page("x/", "Plain", {"title": ""})) == "Plain"
