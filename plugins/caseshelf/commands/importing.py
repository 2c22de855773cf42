"""The `caseshelf import` command line: its options, and what it prints and exits with.
importer.py does the work."""

from __future__ import annotations

import argparse
import sys

from ..cases.problems import Severity
from ..progress import showing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE",
                        help="a .csv, .xlsx or .ods sheet, or a caseshelf cases.json")
    parser.add_argument("--sheet", metavar="NAME",
                        help="the sheet of a workbook to read (default: the first)")
    parser.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                        help="read the column COLUMN into FIELD, e.g. --map 'Nom=title'; "
                             "repeat for more")
    parser.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                        help="give every row that has no value of its own this value, e.g. "
                             "--set source.body=SSN4PSI; repeat for more")
    parser.add_argument("--dir", default="cases", metavar="FOLDER",
                        help="where the case files go (default: cases)")
    parser.add_argument("--dry-run", action="store_true",
                        help="write nothing; print what would be written and changed")
    parser.add_argument("--update", action="store_true",
                        help="change existing case files: only the fields the sheet holds, "
                             "and the body only if the sheet has one")
    parser.add_argument("--partial", action="store_true",
                        help="when some rows have errors, still write the valid rows")
    parser.add_argument("--format", choices=("text", "github", "json"), default="text",
                        help="text (default), github annotations, or json")


def run(args: argparse.Namespace) -> int:
    from . import import_report, importer  # here: `caseshelf validate` starts without them

    try:
        mapping = importer.parse_pairs(args.map, "--map")
        given = importer.parse_pairs(args.set, "--set")
        progress = showing(quiet=args.format != "text")
        result = importer.plan(args.files, folder=args.dir, mapping=mapping, given=given,
                               sheet_name=args.sheet, update=args.update, progress=progress,
                               ahead=not args.dry_run)
    except importer.UsageError as error:
        print(f"caseshelf import: {error}", file=sys.stderr)
        return 2
    try:
        failed = importer.any_errors(result)
        if not args.dry_run and (not failed or args.partial):
            importer.write(result)
    finally:
        importer.discard(result)
    problems = sorted(result.problems, key=lambda p: (p.path, p.line, p.col))
    if args.format == "json":
        sys.stdout.write(import_report.as_json(result, problems))
    else:
        sys.stdout.write(import_report.FORMATS[args.format](problems))
        if args.dry_run:
            sys.stdout.write(importer.preview(result))
        elif result.written and args.format == "text":
            for item in result.planned:
                if item.status != "unchanged":
                    verb = "created" if item.status == "new" else "updated"
                    print(f"{verb} {item.path}")
    print(import_report.summary(result, dry_run=args.dry_run, partial=args.partial),
          file=sys.stderr)
    return 1 if any(p.severity is Severity.ERROR for p in problems) else 0
