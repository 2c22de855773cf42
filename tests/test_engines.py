"""The same site under MkDocs and ProperDocs (the maintained continuation of MkDocs 1.x):
the project's own site, built by each engine's command, is identical file for file apart
from the `generator` meta line that names the engine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.sitebuild import copy_project

pytestmark = pytest.mark.build
BIN = Path(sys.executable).parent
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def build_with(engine: str, folder: Path) -> dict[str, bytes]:
    project = copy_project(folder)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    subprocess.run([str(BIN / engine), "build", "--strict", "-q"], cwd=project, env=env,
                   check=True, timeout=300)
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_mkdocs_and_properdocs_build_the_same_site(tmp_path):
    mkdocs = build_with("mkdocs", tmp_path / "mkdocs")
    properdocs = build_with("properdocs", tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    assert len([name for name in mkdocs if name.startswith("cases/")]) > 10
    generators = set()
    different = []
    for name, data in mkdocs.items():
        other = properdocs[name]
        if data != other:
            generators.update(GENERATOR.findall(data) + GENERATOR.findall(other))
            if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", other):
                different.append(name)
    assert different == []
    # The one line that differs names each engine (so the comparison saw both).
    assert any(b"mkdocs-1." in g for g in generators)
    assert any(b"ProperDocs" in g for g in generators)
