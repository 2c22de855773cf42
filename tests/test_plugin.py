"""The plugin's options are checked by their config options: a wrong value stops the build
with the option's name and what was expected."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from support.samples import VALID


def config_with(tmp_path, caplog, options: str) -> str:
    """Load a mkdocs.yml with these plugin options; return what MkDocs reports."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "kiosks.md").write_text(VALID, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: t\ntheme:\n  name: material\nplugins:\n  - caseshelf:\n{options}",
        encoding="utf-8")
    with pytest.raises(Abort):
        load_config(config_file=str(tmp_path / "mkdocs.yml"))
    for record in caplog.records:
        record.expected = True
    return caplog.text


@pytest.mark.parametrize(("options", "expected"), [
    ("      cases_dir: stories\n", "Plugin 'caseshelf' option 'cases_dir': The path "
     "'{root}/stories' isn't an existing directory."),
    ("      page_size: 0\n", "Plugin 'caseshelf' option 'page_size': Expected a whole number "
     "of at least 1 but received: 0"),
    ("      related_count: 2\n", "Plugin 'caseshelf' option 'related_count': Expected a whole "
     "number of at least 3 but received: 2"),
    ("      search_batch: 0\n", "Plugin 'caseshelf' option 'search_batch': Expected a whole "
     "number of at least 1 but received: 0"),
    ("      edition: paper\n", "Plugin 'caseshelf' option 'edition': Expected one of: "
     "('web', 'offline', 'zim') but received: 'paper'"),
])
def test_a_wrong_option_names_itself(tmp_path, caplog, options, expected):
    assert expected.format(root=tmp_path) in config_with(tmp_path, caplog, options)


def test_the_cases_folder_is_found_beside_mkdocs_yml(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "cases").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\nplugins:\n  - caseshelf\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)  # elsewhere: the path is relative to mkdocs.yml
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert config.plugins["caseshelf"].config.cases_dir == str(tmp_path / "cases")
