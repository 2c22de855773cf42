"""Write .github/ISSUE_TEMPLATE/propose-a-case.yml from the schema and the vocabularies.

Run it after changing a vocabulary; a test fails while the committed form is out of date.

    python scripts/make_issue_form.py
"""

from __future__ import annotations

from pathlib import Path

from caseshelf.commands.issue_form import PATH, render

if __name__ == "__main__":
    target = Path(__file__).resolve().parent.parent / PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
