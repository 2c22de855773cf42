"""The PDF compendium in `make bench`: `caseshelf pdf` on N synthetic cases (1,000 by
default), in a fresh process, in English: its wall time, the peak memory of its process tree
(bench.TreePeak), its pages and size, the time per 100 pages, and whether its fonts are
subset and its images few. Targets: at most 3 minutes and 1.5 GB on the machine's cores, and
a file small enough to attach to an e-mail (at most 25 MB, the common attachment limit)."""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 180
TARGET_MEMORY = 1.5 * 1024 ** 3
TARGET_SIZE = 25 * 1024 ** 2


def bench_pdf(size: int = 1000) -> dict:
    from benchkit import ROOT, TreePeak
    from make_cases import write_cases

    caseshelf = str(Path(sys.executable).parent / "caseshelf")
    print(f"\nPDF compendium (caseshelf pdf): {size:,} synthetic cases, in English, one process")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_cases(size, folder / "cases")
        shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
        target = folder / "compendium.pdf"
        start, used = time.perf_counter(), _children_cpu()
        child = subprocess.Popen([caseshelf, "pdf", "-o", str(target)], cwd=folder,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        sampler = TreePeak(child.pid)
        _, stderr = child.communicate()
        peak = sampler.stop()
        seconds = time.perf_counter() - start
        cpu = _children_cpu() - used
        if child.returncode != 0:
            raise SystemExit(f"caseshelf pdf failed:\n{stderr[-3000:]}")
        pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", target))[1])
        fonts = _run("pdffonts", target).splitlines()[2:]
        subset = all(" yes yes " in line for line in fonts)
        images = len(_run("pdfimages", "-list", target).splitlines()[2:])
        figures = {"cases": size, "seconds": seconds, "cpu": cpu, "peak": peak, "pages": pages,
                   "bytes": target.stat().st_size, "per_100_pages": seconds / pages * 100}
    mb = 1024 ** 2
    print(f"{size:>7} cases  {pages:,} pages  {seconds:.0f} s ({cpu:.0f} s of CPU; the machine's"
          f" load average was {os.getloadavg()[0]:.1f})  ({figures['per_100_pages']:.1f} s"
          f" per 100 pages)  peak memory {peak / mb:,.0f} MB  file {figures['bytes'] / mb:.1f} MB"
          f"  ({len(fonts)} fonts, {'all' if subset else 'NOT all'} embedded and subset;"
          f" {images} images)")
    for name, value, target_value, text in (
            ("time", seconds, TARGET_SECONDS, f"at most {TARGET_SECONDS // 60} minutes"),
            ("memory", peak, TARGET_MEMORY, "at most 1.5 GB"),
            ("size", figures["bytes"], TARGET_SIZE, "at most 25 MB, to attach to an e-mail")):
        verdict = "met" if value <= target_value else "NOT met"
        print(f"target: {name} {text}: {verdict}")
    return figures


def _children_cpu() -> float:
    """CPU seconds of the finished child processes: on a shared machine, the wall time
    counts the others' work too."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(*command) -> str:
    return subprocess.run([str(part) for part in command], check=True, capture_output=True,
                          text=True).stdout


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    bench_pdf(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
