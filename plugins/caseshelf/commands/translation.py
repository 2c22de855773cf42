"""`caseshelf new --translate <slug> --language <tag>`: start a translation of a case, a
file holding the original's texts to translate and the hash of the text translated."""

from __future__ import annotations

import sys
from pathlib import Path

from ..cases import document, front_matter, languages, translations
from ..cases.model import text_hash
from ..cases.problems import CaseFileError
from .yaml_text import dump


def start_translation(folder: str, slug: str | None, tag: str | None) -> int:
    """Write <folder>/<slug>.<tag>.md from <folder>/<slug>.md; 2 if it cannot."""
    if not slug or not tag:
        return _usage("give both --translate (the case's file name without .md) and "
                      "--language (a tag such as fr, ar, zh or pt-BR)")
    language = translations.language_of(tag)
    if language is None:
        problem = languages.check_tag(tag)
        meant = f"; did you mean {problem.tag}?" if problem and problem.tag else ""
        return _usage(f"'{tag}' is not a language tag such as fr, ar, zh or pt-BR{meant}")
    original = Path(folder) / f"{slug.removesuffix('.md')}.md"
    target = original.with_name(f"{original.stem}.{language}.md")
    if not original.is_file():
        return _usage(f"there is no case {original} to translate")
    if target.exists():
        return _usage(f"{target} already exists")
    try:
        doc = document.read(original)
        data = front_matter.parse(doc.yaml_text, path=str(original),
                                  first_line=doc.yaml_line).data
    except CaseFileError as exc:
        return _usage(f"{original} cannot be read: {exc.problem.text}; run caseshelf validate")
    if not isinstance(data, dict) or not isinstance(data.get("title"), str) \
            or not isinstance(data.get("summary"), str):
        return _usage(f"{original} has no title and summary to translate; run caseshelf "
                      "validate")
    if str(data.get("language", "en")).casefold() == language.casefold():
        return _usage(f"{original} is already written in {language}")
    fields = {"title": data["title"], "summary": " ".join(data["summary"].split())}
    if isinstance(data.get("organisations"), list) and data["organisations"]:
        fields["organisations"] = data["organisations"]
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("title"), str):
        fields["source"] = {"title": source["title"]}
    fields["reviewed"] = False
    fields["translated_from"] = text_hash(data["title"], data["summary"], doc.body)
    name = languages.language_name(language)
    note = (f"# A translation of {original.name} into {name} ({language}). Translate the title,\n"
            "# the summary, the names and the text below, headings too; countries, themes,\n"
            "# SDGs and dates come from the original. Add 'translator: <your name>' if you\n"
            "# wish. Keep translated_from as it is: it tells when the original changes.\n")
    target.write_text(f"---\n{note}{dump(fields)}---\n{doc.body}", encoding="utf-8")
    print(f"wrote {target}; translate it, then run: caseshelf validate {target}")
    return 0


def _usage(message: str) -> int:
    print(f"caseshelf new: {message}", file=sys.stderr)
    return 2
