"""The import benchmark of `make bench`: `caseshelf import` of 10,000 rows from a CSV file
and from an XLSX workbook, each in a fresh process into an empty folder, beside an anchor
from the same run: a plain loop that reads the same CSV with Python's csv module and writes
each row as YAML front-matter with PyYAML, checking nothing.

The sheet is caseshelf's own cases.csv of synthetic cases (scripts/make_cases.py) with a
"Description" column holding each case's text, as an organisation's sheet would. Printed:
wall-clock seconds (best of --repeat), seconds per 1,000 rows, and the peak memory of the
whole process tree (the import and its workers). Target: at most 10 s for 10,000 rows from
either format.

    python scripts/bench_import.py [--rows 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from benchkit import TreePeak, verdict  # noqa: E402
from make_cases import write_cases  # noqa: E402

TARGET_SECONDS = 10.0  # 10,000 rows, from CSV or XLSX
ANCHOR = """\
import csv, sys, yaml
from pathlib import Path
csv.field_size_limit(10**8)
out = Path(sys.argv[2]); out.mkdir()
with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    for n, row in enumerate(csv.DictReader(f)):
        body = row.pop("description")
        data = {k: v for k, v in row.items() if v}
        dumped = yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
                           allow_unicode=True, sort_keys=False)
        text = "---\\n" + dumped + "---\\n" + body
        (out / f"{n}.md").write_text(text, encoding="utf-8")
"""


def sheets(folder: Path, rows: int) -> tuple[Path, Path]:
    """The same rows as a CSV file and as an XLSX workbook."""
    import openpyxl

    from caseshelf.cases import checker
    from caseshelf.opendata import exports

    write_cases(rows, folder / "cases")
    report = checker.check_paths([folder / "cases"])
    table = list(csv.reader(io.StringIO(exports.cases_csv(
        report.cases, lambda c: f"cases/{c.slug}/").lstrip("\ufeff"))))
    bodies = {case.slug: case.body for case in report.cases}
    table[0].append("description")
    for cells in table[1:]:
        cells.append(bodies[cells[0]])
    sheet = folder / "cases.csv"
    with open(sheet, "w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(table)
    book = openpyxl.Workbook(write_only=True)
    page = book.create_sheet("Cases")
    for cells in table:
        page.append(cells)
    workbook = folder / "cases.xlsx"
    book.save(workbook)
    return sheet, workbook


def run(command: list[str], repeat: int
        ) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """The best and the slowest wall-clock seconds of `repeat` runs, the highest tree memory
    seen, and the last run's result."""
    best, slowest, peak, result = float("inf"), 0.0, 0, None
    for _ in range(repeat):
        out = Path(command[command.index("--dir") + 1]) if "--dir" in command else None
        if out is not None and out.exists():
            import shutil
            shutil.rmtree(out)
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        sampler = TreePeak(child.pid)
        stdout, stderr = child.communicate()
        best = min(best, time.perf_counter() - start)
        slowest = max(slowest, time.perf_counter() - start)
        peak = max(peak, sampler.stop())
        result = subprocess.CompletedProcess(command, child.returncode, stdout, stderr)
    return best, slowest, peak, result


def bench_import(rows: int = 10000, repeat: int = 1) -> dict[str, float]:
    caseshelf = str(Path(sys.executable).parent / "caseshelf")
    print(f"\nimport: {rows:,} rows into an empty folder, each run a fresh process, wall-clock "
          f"seconds (best of {repeat}); memory: the peak of the process tree")
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sheet, workbook = sheets(folder, rows)
        anchor, _, anchor_peak, done = run(
            [sys.executable, "-c", ANCHOR, str(sheet), str(folder / "anchor")], 1)
        if done.returncode != 0:
            raise SystemExit(f"the anchor failed:\n{done.stderr[-2000:]}")
        print(f"  {'input':<6} {'seconds':>8} {'slowest':>8} {'per 1,000 rows':>15} "
              f"{'peak MB':>8} {'anchor':>8} {'ratio':>6}  target <= {TARGET_SECONDS:.0f} s")
        for kind, path in (("csv", sheet), ("xlsx", workbook)):
            out = folder / f"out-{kind}"
            seconds, slowest, peak, done = run(
                [caseshelf, "import", str(path), "--dir", str(out)], repeat)
            written = len(list(out.glob("*.md"))) if out.exists() else 0
            if done.returncode != 0 or written != rows:
                raise SystemExit(f"import of {path.name} failed ({done.returncode}, {written} "
                                 f"files):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
            figures[kind] = seconds
            print(f"  {kind:<6} {seconds:>8.2f} {slowest:>8.2f} {seconds / rows * 1000:>15.2f} "
                  f"{peak / 2**20:>8.0f} {anchor:>8.2f} {seconds / anchor:>5.1f}x  "
                  f"{verdict(seconds, TARGET_SECONDS)}")
        print(f"  anchor: csv.DictReader + yaml.safe_dump per row, nothing checked "
              f"({anchor:.2f} s, {anchor_peak / 2**20:.0f} MB)")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="caseshelf import benchmark")
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    bench_import(args.rows, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
