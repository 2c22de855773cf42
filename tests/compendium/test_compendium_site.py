"""`caseshelf pdf --all` (what `make pdf` runs) and the site that publishes its files: the
download page lists each compendium with its size and checksum, and each UN region's page
links the compendium of its region in the page's language."""

from __future__ import annotations

import hashlib
import shutil

import pytest

from caseshelf.cases import checker, vocabularies
from caseshelf.cases.text import slugify
from caseshelf.cli import main
from support.pdf import info, outline
from support.sitebuild import ROOT, build_site, page

pytestmark = pytest.mark.build

CASES = ("lagos-state-employment-trust-fund", "kazakhstan-access-to-public-services",
         "nepal-glocal-teen-hero")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    folder = tmp_path_factory.mktemp("published")
    (folder / "cases").mkdir()
    for slug in CASES:
        for path in ROOT.glob(f"cases/{slug}*.md"):
            shutil.copy(path, folder / "cases" / path.name)
    build_site(folder, folder / "cases", languages=("en", "fr"))  # writes mkdocs.yml
    assert main(["pdf", "--all", "--config-file", str(folder / "mkdocs.yml"),
                 "--dist", str(folder / "dist")]) == 0
    site = build_site(folder, folder / "cases", languages=("en", "fr"))
    cases = checker.check_paths([folder / "cases"]).cases
    return folder / "dist", site, cases


def test_all_makes_the_whole_collection_and_each_region_in_every_language(published):
    dist, _, cases = published
    newest = max(case.added for case in cases).isoformat()
    regions = sorted({r for case in cases for r in case.regions})
    expected = {f"caseshelf-compendium{part}_{language}_{newest}.pdf"
                for language in ("en", "fr")
                for part in ("", *(f"-{slugify(r)}" for r in regions))}
    assert {path.name for path in dist.iterdir()} == expected
    for region in regions:
        pdf = dist / f"caseshelf-compendium-{slugify(region)}_fr_{newest}.pdf"
        assert info(pdf)["Title"] == f"caseshelf test: {vocabularies.region_name(region, 'fr')}"
        held = {title for depth, title, _ in outline(pdf) if depth == 2}
        assert held == {c.translation("fr").title if c.translation("fr") else c.title
                        for c in cases if region in c.regions}


def test_the_download_page_lists_every_compendium_with_size_and_checksum(published):
    dist, site, _ = published
    html = page(site, "download")
    for pdf in sorted(dist.iterdir()):
        assert pdf.name in html
        assert f"{pdf.stat().st_size:,} bytes" in html
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() in html
        assert (site / "downloads" / pdf.name).read_bytes() == pdf.read_bytes()


def test_each_region_page_links_its_own_compendium_in_its_language(published):
    dist, site, cases = published
    for region in {r for case in cases for r in case.regions}:
        key = slugify(region)
        for language, prefix in (("en", ""), ("fr", "fr/")):
            html = page(site, f"{prefix}regions/{key}")
            own = next(dist.glob(f"caseshelf-compendium-{key}_{language}_*.pdf"))
            assert f"downloads/{own.name}" in html
            others = [p.name for p in dist.iterdir() if p != own]
            assert not any(f"downloads/{name}" in html for name in others)
