"""The plugin's options under `plugins: - caseshelf:` in mkdocs.yml, each validated by its
config option, so a wrong value stops the build with the option's name."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .site import i18n
from .site.languages import is_language

# What case texts may use, whatever mkdocs.yml says: footnotes are common in sourced cases;
# md_in_html reads Markdown inside a block such as <div dir="rtl" markdown>.
MARKDOWN_EXTENSIONS = ("footnotes", "md_in_html")


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


class Languages(c.ListOfItems[str]):
    """The site's languages, the default first: each a language caseshelf's interface is
    translated into, once."""

    def __init__(self) -> None:
        super().__init__(c.Type(str), default=[])

    def run_validation(self, value: object) -> list[str]:
        tags = super().run_validation(value)
        known = sorted({i18n.SOURCE_LANGUAGE, *i18n.languages()})
        for tag in tags:
            if not is_language(tag):
                raise ValidationError(f"'{tag}' is not a language tag; write one such as "
                                      f"{', '.join(known)}")
            if tag not in known:
                raise ValidationError(f"caseshelf's interface is not translated into '{tag}'; "
                                      f"it speaks {', '.join(known)}")
        if len(set(tags)) < len(tags):
            twice = sorted({tag for tag in tags if tags.count(tag) > 1})
            raise ValidationError(f"'{twice[0]}' is listed twice")
        return tags


class CaseshelfConfig(base.Config):
    # The folder of case files, relative to mkdocs.yml (made absolute when validated).
    cases_dir = c.Dir(exists=True, default="cases")
    page_size = AtLeast(1, default=50)  # cases per listing page
    related_count = AtLeast(3, default=5)  # related cases shown on a case page
    licence = c.Type(str, default="CC-BY-4.0")
    # The site's languages, the default first, at the root; the others under /<lang>/.
    # None listed: the theme's language only.
    languages = Languages()
    search = c.Type(bool, default=True)
    # The most pages one Pagefind process indexes (memory: about 180 KB a page); a language
    # with more is indexed in several bundles, which search merges. None: 6,000.
    search_batch = c.Optional(AtLeast(1))
    # Processes that render pages, this one included; None: one per core. `serve` renders
    # in one.
    workers = c.Optional(AtLeast(1))
    # keep what checking each case file found in .cache/caseshelf/ beside mkdocs.yml, so a
    # rebuild checks only the files that changed (cases/cache.py)
    cache = c.Type(bool, default=True)
    # web: Pagefind search; offline: a plain-script index that works from file://;
    # zim: no search of the site's own (Kiwix searches). Set by `caseshelf offline|zim`.
    edition = c.Choice(("web", "offline", "zim"), default="web")
