"""Write the table of codes in docs/contribute.md from the rules registry, and the table of
section headings from data/section_headings.yml: the parts between the marker comments are
made afresh, the rest of the page is left as it is.

Run it after adding a rule, changing a code's severity, description or advice, or changing
the headings; a test fails while the committed page is out of date.

    python scripts/make_rule_docs.py
"""

from __future__ import annotations

from pathlib import Path

from caseshelf.cases.rules.docs import PATH, update

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / PATH
    target.write_text(update(target.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {target}")
