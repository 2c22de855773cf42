"""The MkDocs plugin: thin event glue. The work lives in modules that know nothing of MkDocs."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import lean

log = get_plugin_logger(__name__)


class CaseshelfConfig(base.Config):
    cases_dir = c.Type(str, default="cases")


class CaseshelfPlugin(BasePlugin[CaseshelfConfig]):
    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        """Priority -100 (last): after the theme's assets are copied, drop their source maps."""
        removed = lean.strip_source_maps(config.site_dir)
        log.debug("removed source maps from %d files", removed)
