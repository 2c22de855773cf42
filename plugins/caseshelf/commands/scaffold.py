"""`caseshelf new`: write a new case file with every field present and explained."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from importlib import resources
from pathlib import Path
from string import Template

from ..cases import countries, synonyms, vocabularies
from ..cases.rules import SLUG
from ..cases.text import MAX_SLUG, short_slug
from .yaml_text import scalar

_ASKED = (  # (option, question) for the required values, in the order a person thinks of them
    ("title", "Title of the practice"),
    ("summary", "One-paragraph summary (at most 400 characters)"),
    ("country", "Countries, as ISO codes or names, separated by commas"),
    ("theme", "Themes, separated by commas"),
    ("sdg", "SDG goals or targets, separated by commas (for example 16, 16.6)"),
    ("source_body", "Organisation that published the source"),
    ("source_title", "Title of the source document"),
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--title")
    parser.add_argument("--summary")
    parser.add_argument("--country", action="append", help="ISO code or name; repeat for more")
    parser.add_argument("--theme", action="append", help="theme slug; repeat for more")
    parser.add_argument("--sdg", action="append", help="goal (16) or target (16.6); repeat")
    parser.add_argument("--source-body", dest="source_body")
    parser.add_argument("--source-title", dest="source_title")
    parser.add_argument("--slug", help="file name without .md (default: from the title)")
    parser.add_argument("--dir", default="cases", help="folder to write to (default: cases)")
    parser.add_argument("--from-issue", dest="from_issue", metavar="FILE",
                        help="make the case from the body of a 'Propose a case' issue "
                             "(a file, or - for standard input)")
    parser.add_argument("--translate", metavar="SLUG",
                        help="start a translation of the case cases/SLUG.md: write "
                             "cases/SLUG.LANGUAGE.md with its text to translate")
    parser.add_argument("--language", metavar="TAG",
                        help="with --translate: the language to translate into, as a BCP 47 "
                             "tag (fr, ar, zh, pt-BR)")


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _from_issue(args: argparse.Namespace) -> int:
    from .issue_form import case_from_issue

    source = sys.stdin if args.from_issue == "-" else open(args.from_issue, encoding="utf-8")
    with source:
        slug, text = case_from_issue(source.read())
    target = Path(args.dir) / f"{args.slug or slug}.md"
    if target.exists():
        print(f"caseshelf new: {target} already exists; choose another --slug", file=sys.stderr)
        return 2
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}; check it with: caseshelf validate {target}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.from_issue:
        return _from_issue(args)
    if args.translate or args.language:
        from .translation import start_translation

        return start_translation(args.dir, args.translate, args.language)
    if sys.stdin.isatty():
        for option, question in _ASKED:
            if not getattr(args, option):
                answer = input(f"{question}: ").strip()
                setattr(args, option, [answer] if option in ("country", "theme", "sdg") else answer)
    if not args.title:
        print("caseshelf new: give --title (or run it in a terminal to be asked)", file=sys.stderr)
        return 2
    slug = args.slug or short_slug(args.title)
    if not SLUG.match(slug) or len(slug) > MAX_SLUG:
        suggestion = short_slug(slug) or "a name in lowercase words joined by hyphens"
        print(f"caseshelf new: '{slug}' cannot be a file name: use lowercase letters a-z, digits "
              f"and single hyphens; give --slug, such as {suggestion}", file=sys.stderr)
        return 2
    target = Path(args.dir) / f"{slug}.md"
    if target.exists():
        print(f"caseshelf new: {target} already exists; choose another --slug", file=sys.stderr)
        return 2
    codes = countries.codes_in(args.country or [])
    sdgs = [int(s) if s.isdigit() else synonyms.sdg_named(s) or s for s in _split(args.sdg)]
    template = Template(resources.files("caseshelf").joinpath("templates", "new-case.md")
                        .read_text(encoding="utf-8"))
    text = template.substitute(
        path=target.as_posix(),
        title=scalar(args.title),
        summary=scalar(args.summary or ""),
        countries="[" + ", ".join(scalar(c) for c in codes) + "]",
        themes="[" + ", ".join(scalar(t) for t in _split(args.theme)) + "]",
        theme_list=", ".join(vocabularies.themes()),
        sdgs="[" + ", ".join(scalar(s) for s in sdgs) + "]",
        source_body=scalar(args.source_body or ""),
        source_title=scalar(args.source_title or ""),
        added=dt.date.today().isoformat(),
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target}; fill it in, then run: caseshelf validate {target}")
    return 0
