"""The `caseshelf` command: validate, fix, new, the offline and ZIM editions, and the PDF
compendium.

Exit codes: 0 when the files are valid (warnings allowed), 1 when a case has an error,
2 on a usage error or an internal failure.
"""

from __future__ import annotations

import argparse
import dataclasses
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cases import checker, reporter
from .cases.cache import CACHE, CheckCache
from .cases.problems import Severity
from .cases.rules import docs as rule_docs
from .commands import fixer, importing, scaffold
from .compendium import command as pdf_command

DEFAULT_DIR = "cases"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="caseshelf", description="Check, tidy and create public-sector innovation case files.")
    parser.add_argument("--version", action="version", version=f"caseshelf {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check case files and report every problem",
        description="Check case files (default: the cases/ folder) and report every problem.")
    validate.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders")
    validate.add_argument("--format", choices=sorted(reporter.FORMATS), default="text",
                          help="text (default), github annotations, or json")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--summary", metavar="FILE",
                          help="also append a Markdown table of the files and their status "
                               "to FILE (for $GITHUB_STEP_SUMMARY)")
    validate.add_argument("--list-rules", action="store_true",
                          help="list every code the validator reports, with its severity and "
                               "meaning, and check nothing")
    validate.add_argument("--cache", metavar="FOLDER", default=CACHE,
                          help=f"keep what each file's check found in FOLDER, so an unchanged "
                               f"file is not checked again (default: {CACHE})")
    validate.add_argument("--no-cache", dest="cache", action="store_const", const=None,
                          help="check every file, and keep nothing")

    fix = commands.add_parser(
        "fix", help="rewrite what has one right answer (names to ISO codes, order, dates)",
        description="Rewrite front-matter where there is one right answer: misspelled field "
                    "names, country names to ISO codes, SDGs written as 'SDG 16', single values "
                    "to lists, sorted lists without repeats, the usual key order and date "
                    "format. The body is left exactly as it is. Exits 1 when something is left "
                    "that it cannot fix, and prints it.")
    fix.add_argument("paths", nargs="*", metavar="PATH", help="case files or folders")
    fix.add_argument("--check", action="store_true",
                     help="change nothing; exit 1 if a file would be changed")

    for name, text in (("offline", "build dist/caseshelf-offline-<date>.zip, which works from "
                                    "file:// with search"),
                       ("zim", "build dist/caseshelf_<language>_<date>.zim for Kiwix, one "
                                "per site language")):
        edition = commands.add_parser(name, help=text, description=text[0].upper() + text[1:] + ".")
        edition.add_argument("--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
        edition.add_argument("--dist", default="dist", help="folder to write to (default: dist)")

    importing.add_arguments(commands.add_parser(
        "import", help="make case files from spreadsheets (CSV, XLSX, ODS) or a cases.json",
        description="Make a case file of each row of a spreadsheet (CSV, XLSX, ODS) or each "
                    "case of a caseshelf cases.json. Every row is tidied as `caseshelf fix` "
                    "would and checked as `caseshelf validate` would before anything is "
                    "written; each problem is reported at its cell. Exits 0 when every row "
                    "became a valid case, 1 if any row has an error (then nothing is written "
                    "unless --partial is given), 2 on a usage error."))
    pdf_command.add_arguments(commands.add_parser(
        "pdf", help="build a PDF compendium of the cases (by region, country and theme)",
        description="Build a PDF compendium of the cases: a cover, an overview, contents by "
                    "UN region, country and case, each case on a new page, and an index of "
                    "themes and SDGs. Each option narrows what goes in."))

    scaffold.add_arguments(commands.add_parser(
        "new", help="create a new case file with every field explained",
        description="Create cases/<slug>.md with every field present and explained. Values "
                    "not given as options are asked for when run in a terminal."))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "validate":
            return _validate(args)
        if args.command == "fix":
            return fixer.run(args.paths or [DEFAULT_DIR], check_only=args.check)
        if args.command in ("offline", "zim"):
            return _edition(args)
        if args.command == "import":
            return importing.run(args)
        if args.command == "pdf":
            return pdf_command.run(args)
        return scaffold.run(args)
    except checker.UsageError as exc:
        print(f"caseshelf: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2
    except Exception:  # an internal failure must say so, and exit 2, never look like bad input
        print("caseshelf: internal error, please report it with the text below", file=sys.stderr)
        traceback.print_exc()
        return 2


def _edition(args: argparse.Namespace) -> int:
    from .editions import build as editions

    if not Path(args.config_file).is_file():
        raise checker.UsageError(f"no such file: {args.config_file}")
    try:
        if args.command == "offline":
            made = [editions.offline_zip(args.config_file, args.dist)]
        else:
            made = editions.zim_files(args.config_file, args.dist, translate=_translate)
    except subprocess.CalledProcessError as error:
        print(f"caseshelf {args.command}: the site build failed ({error.returncode}); "
              "see the messages above", file=sys.stderr)
        return 1
    for target in made:
        print(f"wrote {target} ({target.stat().st_size:,} bytes)")
    return 0


def _translate(language: str, text: str) -> str:
    """A text of the editions (the ZIM's description) in a site language, from the catalogs."""
    from .site import i18n

    return i18n.translations(language).gettext(text)


def _validate(args: argparse.Namespace) -> int:
    if args.list_rules:
        sys.stdout.write(rule_docs.listing("json" if args.format == "json" else "text"))
        return 0
    cache = CheckCache(args.cache) if args.cache else None
    report = checker.check_paths(args.paths or [DEFAULT_DIR], cache=cache, cases=False)
    problems = report.problems
    if args.strict:
        problems = [dataclasses.replace(p, severity=Severity.ERROR) for p in problems]
    sys.stdout.write(reporter.FORMATS[args.format](problems))
    if args.summary:
        with open(args.summary, "a", encoding="utf-8") as summary:
            summary.write(reporter.as_summary(report.files, problems))
    print(reporter.summary(len(report.files), problems), file=sys.stderr)
    return 1 if any(p.severity == Severity.ERROR for p in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
