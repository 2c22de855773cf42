"""`caseshelf pdf`: its options, and what it says. Exit 0 when every file is written, 1 when
a case file has an error or nothing matches, 2 for a usage error (a value that names no
region, country, theme, goal or site language; a missing mkdocs.yml)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cases.cache import CACHE


def add_arguments(parser: argparse.ArgumentParser) -> None:
    for option, what in (("region", "a UN region or sub-region (Asia, 'Western Africa')"),
                         ("country", "a country, by ISO code or name"),
                         ("theme", "a theme, by its slug or its name"),
                         ("sdg", "a Sustainable Development Goal, by its number")):
        parser.add_argument(f"--{option}", action="append", default=[], metavar=option.upper(),
                            help=f"only the cases of {what}; repeat it for any of several")
    parser.add_argument("--language", metavar="LANG",
                        help="a site language (mkdocs.yml's `languages`; default: the first)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="the PDF to write (default: dist/caseshelf-compendium[-<selection>]"
                             "_<language>_<date of the newest case>.pdf)")
    parser.add_argument("--all", action="store_true",
                        help="build the whole collection and each UN region in every site "
                             "language into --dist, as `make pdf` does")
    parser.add_argument("--config-file", default="mkdocs.yml", help="default: mkdocs.yml")
    parser.add_argument("--dist", default="dist", help="folder to write to (default: dist)")


class UsageError(Exception):
    """Options that do not go together."""


def run(args: argparse.Namespace) -> int:
    # imported here: `caseshelf validate`, which builds the same parser, needs none of it
    from ..progress import showing
    from .build import Job, NoCases, load_cases, make, make_all, region_jobs
    from .project import ProjectError, read_project
    from .selection import Selection, SelectionError, language_of

    try:
        project = read_project(args.config_file)
        selection = Selection.parse(regions=args.region, countries=args.country,
                                    themes=args.theme, sdgs=args.sdg)
        language = language_of(args.language, project.languages)
        if args.all and (not selection.whole or args.language or args.output):
            raise UsageError("--all builds every compendium of `make pdf`: give it no "
                             "--region, --country, --theme, --sdg, --language or --output")
    except (ProjectError, SelectionError, UsageError) as error:
        print(f"caseshelf pdf: {error}", file=sys.stderr)
        return 2
    dist = Path(args.dist)
    try:
        cases = load_cases(project, cache=project.cases_dir.parent / CACHE)
        if args.all:
            made = make_all(project, cases, region_jobs(cases, project.languages), dist,
                            report=_wrote)
            return 0 if made else 1
        target = Path(args.output) if args.output else None
        _wrote(make(project, cases, Job(selection, language, target), dist,
                    progress=showing()))
    except NoCases as error:
        print(f"caseshelf pdf: {error}", file=sys.stderr)
        return 1
    return 0


def _wrote(path: Path) -> None:
    print(f"wrote {path} ({path.stat().st_size:,} bytes)")
