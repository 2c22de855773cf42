"""The plugin's options under `plugins: - caseshelf:` in mkdocs.yml, each validated by its
config option, so a wrong value stops the build with the option's name."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class AtLeast(c.Type[int]):
    """A whole number no smaller than `minimum`."""

    def __init__(self, minimum: int, **kwargs) -> None:
        super().__init__(int, **kwargs)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < self.minimum:
            raise ValidationError(f"Expected a whole number of at least {self.minimum} "
                                  f"but received: {number!r}")
        return number


class CaseshelfConfig(base.Config):
    # The folder of case files, relative to mkdocs.yml (made absolute when validated).
    cases_dir = c.Dir(exists=True, default="cases")
    page_size = AtLeast(1, default=50)  # cases per listing page
    related_count = AtLeast(3, default=5)  # related cases shown on a case page
    licence = c.Type(str, default="CC-BY-4.0")
    search = c.Type(bool, default=True)
    # web: Pagefind search; offline: a plain-script index that works from file://;
    # zim: no search of the site's own (Kiwix searches). Set by `caseshelf offline|zim`.
    edition = c.Choice(("web", "offline", "zim"), default="web")
