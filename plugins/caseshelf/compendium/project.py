"""What a compendium needs from the project's mkdocs.yml, read as plain YAML so that this
package stays free of MkDocs: the site's name and address, the cases folder, the licence
and the site's languages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class ProjectError(Exception):
    """mkdocs.yml is missing or cannot be read: a usage error."""


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader that reads MkDocs' own tags (`!ENV`, `!relative`, Python names
    of extensions) as nothing: none of them sets a value a compendium reads."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Project:
    site_name: str
    site_url: str  # '' when mkdocs.yml sets none, else ending in '/'
    cases_dir: Path
    licence: str
    languages: tuple[str, ...]  # the site's, the default first
    directory_urls: bool  # pages at cases/<slug>/ rather than cases/<slug>.html

    def case_url(self, slug: str, language: str) -> str:
        """The address of a case's page in a site language, '' without `site_url`."""
        if not self.site_url:
            return ""
        prefix = "" if language == self.languages[0] else f"{language}/"
        page = f"cases/{slug}/" if self.directory_urls else f"cases/{slug}.html"
        return f"{self.site_url}{prefix}{page}"


def _plugin_options(config: dict) -> dict:
    for entry in config.get("plugins") or ():
        if isinstance(entry, dict) and "caseshelf" in entry:
            return entry["caseshelf"] or {}
    return {}


def read_project(config_file: str | Path) -> Project:
    path = Path(config_file)
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except FileNotFoundError:
        raise ProjectError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ProjectError(f"{path} cannot be read: {error}") from None
    if not isinstance(config, dict):
        raise ProjectError(f"{path} is not a MkDocs configuration (a mapping of options)")
    options = _plugin_options(config)
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    languages = options.get("languages") or [theme.get("language") or "en"]
    site_url = str(config.get("site_url") or "")
    return Project(
        site_name=str(config.get("site_name") or "caseshelf"),
        site_url=site_url.rstrip("/") + "/" if site_url else "",
        cases_dir=path.parent / str(options.get("cases_dir") or "cases"),
        licence=str(options.get("licence") or "CC-BY-4.0"),
        languages=tuple(str(language) for language in languages),
        directory_urls=config.get("use_directory_urls", True) is not False,
    )
