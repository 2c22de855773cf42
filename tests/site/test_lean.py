"""lean.unindent: a page without its templates' indentation shows and means the same."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from caseshelf.site.lean import LeanLoader, unindent, unindent_source

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta name="description" content="two
      lines">
    <script>
      var a = 1;
    </script>
  </head>
  <body>
    <h1>Zq117 ![x][p]

[p]: https://example.org/pixel.png</h1>
    <pre><code>keep
        this</code></pre>
    <textarea>
   as typed</textarea>
    <p>
      Home
    </p>
  </body>
</html>
"""


def shown(markup: str) -> list[tuple]:
    """Every element's tag, attributes, and text as the reader sees it (white space that
    shows as one space compared as one), with the text of pre, textarea and script exact."""
    found = []
    for element in lxml_html.fromstring(markup).iter():
        text = element.text or ""
        tail = element.tail or ""
        if element.tag not in ("pre", "code", "textarea", "script"):
            text = " ".join(text.split())
        found.append((element.tag, dict(element.attrib), text, " ".join(tail.split())))
    return found


def test_unindent_keeps_what_a_page_shows_and_means():
    lean = unindent(PAGE)
    assert len(lean) < len(PAGE)
    assert shown(lean) == shown(PAGE)
    assert "<h1>Zq117 ![x][p]\n\n[p]: https://example.org/pixel.png</h1>" in lean  # text kept
    assert 'content="two\n      lines"' in lean  # attribute values kept as written
    assert "<script>\n      var a = 1;\n    </script>" in lean
    assert "</pre>\n<textarea>" in lean and "<p>\nHome\n</p>" in lean  # indentation gone


@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r", "<", ">", "a", "  \n  ", "<p>", "\n    <"]),
                max_size=40).map("".join))
def test_unindent_removes_exactly_the_white_space_that_touches_a_tag(text):
    """The rule, as two patterns: a line break and the white space around it goes next to a
    tag. unindent applies it in a faster form, which must give the same text."""
    rule = re.sub(r"[ \t]*\n\s*<", "\n<", re.sub(r">[ \t]*\n\s*", ">\n", text))
    if "\n" in text and not text.strip():
        rule = "\n"
    assert unindent(text) == rule


def test_templates_read_without_indentation_give_the_pages_unindent_would_make(
        tmp_path, monkeypatch):
    """The theme's and caseshelf's templates are read without their indentation
    (LeanLoader), so no page needs a pass of its own. Every page of the sample site, in two
    languages, must be the page the templates give as written, made lean by unindent: the
    same elements, text and white space where it shows, and about as small."""
    from support.samples import ROOT
    from support.sitebuild import build_site

    lean_site = build_site(tmp_path / "lean", ROOT / "cases", languages=("en", "ar"))
    monkeypatch.setattr(LeanLoader, "get_source",
                        lambda self, environment, name: self.loader.get_source(environment, name))
    plain_site = build_site(tmp_path / "plain", ROOT / "cases", languages=("en", "ar"))
    pages = sorted(p.relative_to(plain_site) for p in plain_site.rglob("*.html"))
    assert len(pages) > 100
    lean_bytes = plain_bytes = 0
    for path in pages:
        plain = (plain_site / path).read_text(encoding="utf-8")
        lean = (lean_site / path).read_text(encoding="utf-8")
        assert unindent(lean) == unindent(plain), path
        assert len(lean) < len(plain), path
        lean_bytes, plain_bytes = lean_bytes + len(lean), plain_bytes + len(unindent(plain))
    assert lean_bytes < plain_bytes * 1.01


def test_a_template_without_indentation_keeps_its_statements_and_what_must_stay():
    source = """<ul>
  {% for x in xs %}
    <li>{{ x }}</li>
  {%- endfor %}
  {% if y -%}
    <b>
  {% endif %}
</ul>
<pre>
  {% if z %}kept{% endif %}
</pre>"""
    lean = unindent_source(source)
    assert lean == """<ul>{% for x in xs %}
<li>{{ x }}</li>{%- endfor %}
{% if y -%}
<b>{% endif %}
</ul>
<pre>
  {% if z %}kept{% endif %}
</pre>"""
