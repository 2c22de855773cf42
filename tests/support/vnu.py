"""The Nu HTML Checker (vnu) over built pages, and the messages vnu_allowed.yml lets pass
(mkdocs-material's markup, not caseshelf's)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import yaml

from support.sitebuild import ROOT

VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ALLOWED = yaml.safe_load((ROOT / "tests" / "vnu_allowed.yml").read_text(encoding="utf-8"))


def vnu(folder: Path) -> tuple[list[dict], set[Path]]:
    """vnu's messages about every HTML file in the folder, and the files it says it checked."""
    assert VNU.exists(), "make test installs vnu-jar (npm, tools/package-lock.json)"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--stdout", "--verbose",
         "--skip-non-html", str(folder)],
        capture_output=True, text=True, timeout=300)
    files = {Path(folder, line).resolve() for line in result.stderr.split()}
    return json.loads(result.stdout)["messages"], files


def where(site: Path, message: dict) -> str:
    """'cases/x/index.html:12:5: error: message [the markup]', to read in a failure."""
    path = Path(message["url"].removeprefix("file:")).resolve().relative_to(site)
    kind = message.get("subType") or message["type"]
    extract = re.sub(r"\s+", " ", message.get("extract", "")).strip()
    return (f"{path}:{message.get('lastLine', 0)}:{message.get('firstColumn', 0)}: {kind}: "
            f"{message['message']} [{extract}]")


def allowed(message: dict) -> dict | None:
    """The entry of vnu_allowed.yml that matches the message, if any."""
    for entry in ALLOWED:
        if (re.fullmatch(entry["message"], message["message"])
                and re.search(entry["extract"], message.get("extract", ""))):
            return entry
    return None


def reported(messages: list[dict]) -> list[dict]:
    """Errors and warnings. Not vnu's other info messages, which say nothing is wrong, nor
    (with --verbose) its note on each file it skipped for not being HTML."""
    return [m for m in messages if (m["type"] != "info" or m.get("subType") == "warning")
            and not (m["message"].startswith("File was not checked.")
                     and not m["url"].endswith(".html"))]


