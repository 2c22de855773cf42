"""lean.unindent: a page without its templates' indentation shows and means the same."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

from caseshelf.site.lean import unindent

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
