"""Benchmarks for `make bench`: print what was measured, beside an anchor run on the same files.

Validation: `caseshelf validate` (a fresh process, as a contributor or CI runs it) on 1,000
and 10,000 synthetic cases, next to the anchor: a plain loop over the same files with
python-frontmatter and jsonschema, the usual hand-rolled check. Target: 10,000 cases in
at most 5 s on a 2-core machine.

    python scripts/bench.py [--sizes 1000 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_cases import write_cases  # noqa: E402

TARGET_SECONDS = 5.0


def anchor(folder: str) -> int:
    """The naive check: load each file with python-frontmatter, validate with jsonschema."""
    import frontmatter
    from jsonschema import Draft7Validator

    from caseshelf.vocabularies import schema

    validator = Draft7Validator(schema())
    errors = 0
    for path in sorted(Path(folder).glob("*.md")):
        post = frontmatter.load(path)
        data = {k: v.isoformat() if hasattr(v, "isoformat") else v
                for k, v in post.metadata.items()}
        errors += sum(1 for _ in validator.iter_errors(data))
    return errors


def timed(command: list[str], repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="caseshelf benchmarks")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is kept")
    parser.add_argument("--anchor", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.anchor:
        print(anchor(args.anchor))
        return 0

    caseshelf = str(Path(sys.executable).parent / "caseshelf")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"validate: best of {args.repeat} runs, each a fresh process, wall-clock seconds\n")
    header = (f"{'cases':>7}  {'caseshelf validate':>18}  {'per case':>9}  {'anchor':>8}"
              f"  {'ratio':>6}")
    print(header + "   (anchor: python-frontmatter + jsonschema loop, same files)")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            write_cases(size, folder)
            ours, result = timed([caseshelf, "validate", str(folder)], args.repeat)
            if result.returncode != 0:
                print(result.stdout[-2000:], result.stderr[-2000:])
                raise SystemExit(f"validation of the synthetic cases failed ({result.returncode})")
            theirs, _ = timed([sys.executable, __file__, "--anchor", str(folder)], 1)
            figures[size] = ours
            print(f"{size:>7}  {ours:>17.2f}s  {ours / size * 1000:>7.2f}ms  {theirs:>7.2f}s"
                  f"  {ours / theirs:>5.2f}x")
    if 10000 in figures:
        verdict = "met" if figures[10000] <= TARGET_SECONDS else "NOT met"
        print(f"\ntarget: 10,000 cases validated in <= {TARGET_SECONDS:.0f} s: {verdict} "
              f"({figures[10000]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
