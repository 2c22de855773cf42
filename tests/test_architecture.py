"""The shape of the package holds: import-linter's contracts pass and catch a violation,
no module is long, the plugin stays thin, and every data file says where it comes from."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.samples import ROOT

PACKAGE = ROOT / "plugins" / "caseshelf"
LINT = Path(sys.executable).parent / "lint-imports"


def lint(tree: Path) -> subprocess.CompletedProcess:
    """lint-imports over the package as it is in tree/plugins, with the project's contracts."""
    env = {**os.environ, "PYTHONPATH": str(tree / "plugins")}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def tree(tmp_path) -> Path:
    """A copy of the package and of pyproject.toml (the contracts), to break on purpose."""
    shutil.copytree(PACKAGE, tmp_path / "plugins" / "caseshelf",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_package_keeps_its_contracts(tree):
    result = lint(tree)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("module", "line", "broken"), [
    ("cases/model.py", "from caseshelf.site import pages", "caseshelf.cases.model -> "
     "caseshelf.site.pages"),
    ("opendata/exports.py", "import mkdocs.utils", "caseshelf.opendata.exports -> mkdocs"),
    ("search/offline.py", "from caseshelf.opendata import exports",
     "caseshelf.search.offline -> caseshelf.opendata.exports"),
    ("site/pages.py", "from caseshelf import plugin", "caseshelf.site.pages -> caseshelf.plugin"),
])
def test_a_forbidden_import_fails_the_lint(tree, module, line, broken):
    path = tree / "plugins" / "caseshelf" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint(tree)
    assert result.returncode == 1, result.stdout
    assert re.search(r"Contracts: \d kept, [12] broken", result.stdout)
    assert broken in result.stdout


def test_no_module_is_long_and_the_plugin_is_thin():
    lengths = {p.relative_to(PACKAGE).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
               for p in PACKAGE.rglob("*.py")}
    assert {name: n for name, n in lengths.items() if n > 400} == {}
    assert lengths["plugin.py"] <= 200


def test_only_the_engine_layer_names_mkdocs():
    """The same rule as the import contract, read from the text: imports inside functions
    and `importlib` tricks would not escape it."""
    allowed = {"plugin.py", "config.py", "structure.py", "parallel.py", "conversion.py"}
    naming = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                    if re.search(r"^\s*(from|import) (mkdocs|material)\b",
                                 p.read_text(encoding="utf-8"), re.M))
    assert set(naming) <= allowed, naming


def test_every_data_file_names_its_source():
    notes = (PACKAGE / "data" / "SOURCES.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([^`]+)` \| (.+?) \|$", notes, re.M))
    files = {p.name for p in (PACKAGE / "data").iterdir() if p.name != "SOURCES.md"}
    assert set(rows) == files
    for name, source in rows.items():
        assert len(source.split()) >= 5, f"{name}: say where it comes from"
