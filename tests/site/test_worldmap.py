"""The world map: its data file, the choropleth levels and legend, and the rendered SVG."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jinja2
import pytest

from caseshelf.site import worldmap
from caseshelf.site.worldmap import LegendBin, bins, choropleth, fold, load_shapes

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "plugins" / "caseshelf" / "data"
SVG = "{http://www.w3.org/2000/svg}"
GZIP_BUDGET = 80 * 1024

# The ISO 3166-1 numeric ids of objects.countries in world-atlas 2.0.2 countries-110m.json;
# three more shapes there have no id (Kosovo, N. Cyprus, Somaliland).
WORLD_ATLAS_IDS = """
004 008 010 012 024 031 032 036 040 044 050 051 056 064 068 070 072 076 084 090 096 100 104
108 112 116 120 124 140 144 148 152 156 158 170 178 180 188 191 192 196 203 204 208 214 218
222 226 231 232 233 238 242 246 250 260 262 266 268 270 275 276 288 300 304 320 324 328 332
340 348 352 356 360 364 368 372 376 380 384 388 392 398 400 404 408 410 414 417 418 422 426
428 430 434 440 442 450 454 458 466 478 484 496 498 499 504 508 512 516 524 528 540 548 554
558 562 566 578 586 591 598 600 604 608 616 620 624 626 630 634 642 643 646 682 686 688 694
703 704 705 706 710 716 724 728 729 732 740 748 752 756 760 762 764 768 780 784 788 792 795
800 804 807 818 826 834 840 854 858 860 862 887 894
""".split()
UNCODED = {"Kosovo", "Northern Cyprus", "Somaliland"}
SAMPLE = {"KZ": 5, "BD": 3, "NG": 1, "FJ": 1, "BR": 12, "TV": 2}


def view_box() -> tuple[float, float]:
    _, _, width, height = (float(v) for v in load_shapes().view_box.split())
    return width, height


def subpaths(d: str) -> list[list[tuple[float, float]]]:
    """The absolute points of each subpath of path data that uses M, m, l and z."""
    tokens = re.findall(r"[MmLlZz]|-?(?:\d+\.?\d*|\.\d+)", d)
    rings: list[list[tuple[float, float]]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    command = ""
    numbers: list[float] = []
    for token in tokens + ["Z"]:
        if token.isalpha():
            command = token
            if token in "Zz":
                x, y = start
            continue
        numbers.append(float(token))
        if len(numbers) < 2:
            continue
        dx, dy = numbers
        numbers = []
        relative = command.islower()
        x, y = (x + dx, y + dy) if relative else (dx, dy)
        if command in "Mm":
            start = (x, y)
            rings.append([])
            command = "l" if relative else "L"
        rings[-1].append((x, y))
    return rings


def render(wm: worldmap.WorldMap, **filters) -> str:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "plugins" / "caseshelf" / "templates"),
        undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)  # English, the templates' own words
    env.filters["to"] = lambda u: u  # the plugin's filter makes it relative to the page
    env.filters.update(filters)
    return env.get_template("caseshelf/partials/worldmap.html").render(worldmap=wm)


def parse(html: str) -> ET.Element:
    return ET.fromstring(f"<div>{html}</div>")


def script():
    spec = importlib.util.spec_from_file_location(
        "make_map_data", ROOT / "scripts" / "make_map_data.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The data file


def test_data_covers_every_world_atlas_country_but_antarctica():
    with (DATA / "m49.csv").open(encoding="utf-8", newline="") as f:
        iso2_of = {row["m49"]: row["iso2"] for row in csv.DictReader(f)}
    assert all(numeric in iso2_of for numeric in WORLD_ATLAS_IDS)
    expected = {iso2_of[numeric] for numeric in WORLD_ATLAS_IDS} - {"AQ"}
    outlines = load_shapes().outlines
    coded = [o.iso2 for o in outlines if o.iso2]
    assert len(coded) == len(set(coded)), "one shape per country"
    assert set(coded) == expected
    assert {o.name for o in outlines if not o.iso2} == UNCODED
    assert load_shapes().codes == expected


def test_data_is_sorted_lean_and_attributed():
    raw = json.loads((DATA / "world_110m.json").read_text(encoding="utf-8"))
    keys = [(s["iso2"], s["name"]) for s in raw["shapes"]]
    assert keys == sorted(keys)
    assert "Natural Earth" in raw["source"] and "world-atlas" in raw["source"]
    assert "Natural Earth" in (DATA / "NATURAL_EARTH.md").read_text(encoding="utf-8")
    for shape in raw["shapes"]:
        assert re.fullmatch(r"M[-\d. mlz]+z", shape["d"]), shape["name"]
        assert not re.search(r"\.\d\d", shape["d"]), "coordinates have one decimal"
    assert len(gzip.compress(json.dumps(raw).encode())) < 40 * 1024


def test_every_point_is_inside_the_view_box():
    width, height = view_box()
    assert width == 1000
    for outline in load_shapes().outlines:
        for ring in subpaths(outline.d):
            assert len(ring) >= 3, outline.name
            for x, y in ring:
                assert -0.05 <= x <= width + 0.05 and -0.05 <= y <= height + 0.05, outline.name


def test_nothing_is_drawn_across_the_antimeridian():
    """Russia and Fiji cross 180°: each is cut there, with a piece at each side of the map.

    A ring drawn across the antimeridian would run from one side of the map to the other,
    wider than half the map at any latitude; no real country's ring is (Russia's mainland
    is about 32%). Fiji sits on 180° near the equator, where the map is widest, so it is
    the one shape as wide as the map; Russia's Chukotka tip, east of 180°, is drawn at the
    far left, at a high latitude where the Equal Earth outline curves in.
    """
    width, _ = view_box()
    wide = set()
    for outline in load_shapes().outlines:
        rings = subpaths(outline.d)
        spans = [(min(x for x, _ in ring), max(x for x, _ in ring)) for ring in rings]
        assert all(high - low < 0.5 * width for low, high in spans), outline.name
        if max(h for _, h in spans) - min(low for low, _ in spans) > 0.9 * width:
            wide.add(outline.iso2)
            assert any(h < 0.05 * width for _, h in spans), outline.name
            assert any(low > 0.95 * width for low, _ in spans), outline.name
    assert wide == {"FJ"}
    (russia,) = [o for o in load_shapes().outlines if o.iso2 == "RU"]
    spans = [(min(x for x, _ in r), max(x for x, _ in r)) for r in subpaths(russia.d)]
    assert any(high < 0.2 * width for _, high in spans), "Chukotka east of 180°, at the left"
    assert max(high for _, high in spans) > 0.85 * width, "Kamchatka, west of 180°"


def test_equal_earth_projection():
    make = script()
    x, y = make.equal_earth(180, 0)
    assert x == pytest.approx(2.7066, abs=1e-4) and y == 0
    x, y = make.equal_earth(0, 90)
    assert x == 0 and y == pytest.approx(1.3173627, abs=1e-6)
    assert make.equal_earth(-30, -40) == pytest.approx(tuple(-v for v in make.equal_earth(30, 40)))


def test_the_script_cuts_rings_at_the_antimeridian():
    make = script()
    # A square from 170°E to 170°W, written as world-atlas writes it: a jump of 360°.
    ring = [
        (170, 10),
        (180, 10),
        (-180, 10),
        (-170, 10),
        (-170, 0),
        (-180, 0),
        (180, 0),
        (170, 0),
        (170, 10),
    ]
    east, west = make.split_at_antimeridian(ring)
    assert sorted({x for x, _ in east}) == [170, 180]
    assert sorted({x for x, _ in west}) == [-180, -170]
    assert east[0] == east[-1] and west[0] == west[-1]
    assert make.split_at_antimeridian([(0, 0), (1, 0), (1, 1), (0, 0)]) == [
        [(0, 0), (1, 0), (1, 1), (0, 0)]
    ]


def test_the_script_decodes_topojson_and_writes_relative_paths():
    make = script()
    topology = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [-10, -10]},
        "arcs": [[[10, 10], [5, 0], [0, 5]], [[15, 15], [-5, -5]]],
        "objects": {
            "countries": {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "id": "398",
                        "properties": {"name": "Kz"},
                    },
                    {"type": "Polygon", "arcs": [[~1, ~0]], "properties": {"name": "Nowhere"}},
                ],
            }
        },
    }
    assert make.stitch(make.decode_arcs(topology), [0, 1]) == [(0, 0), (5, 0), (5, 5), (0, 0)]
    data = make.build(topology, {"398": "KZ"}, "2.0.2")
    assert [(s["iso2"], s["name"]) for s in data["shapes"]] == [("", "Nowhere"), ("KZ", "Kz")]
    assert data["viewBox"].startswith("0 0 1000 ")
    for shape in data["shapes"]:
        assert re.fullmatch(r"M[\d.]+ [\d.]+l[-\d. ]+z", shape["d"])
        assert len(subpaths(shape["d"])[0]) == 3
    assert json.loads(make.dumps(data)) == data
    assert make.number(12) == "1.2" and make.number(-5) == "-.5" and make.number(30) == "3"
    assert make.numbers([12, -5, 0, 7]) == "1.2-.5 0 .7"


@pytest.mark.skipif("WORLD_ATLAS_110M" not in os.environ, reason="set WORLD_ATLAS_110M to check")
def test_the_data_file_is_what_the_script_makes(tmp_path):
    """WORLD_ATLAS_110M=/tmp/package/countries-110m.json: the committed file is reproducible."""
    out = tmp_path / "world_110m.json"
    assert script().main([os.environ["WORLD_ATLAS_110M"], "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (DATA / "world_110m.json").read_text("utf-8")


# Counts, levels and the legend


def test_subdivisions_fold_into_their_country():
    assert fold({"UA-21": 2, "UA": 1, "UA-30": 1, "KZ": 3, "BD": 0}) == {"KZ": 3, "UA": 4}
    wm = choropleth({"UA-21": 2, "UA-30": 1})
    assert wm.counts == {"UA": 3}
    (ukraine,) = [s for s in wm.shapes if s.iso2 == "UA"]
    assert ukraine.count == 3 and ukraine.level > 0
    assert wm.missing == []


def test_levels_grow_with_the_number_of_cases():
    wm = choropleth(SAMPLE)
    by_code = {s.iso2: s for s in wm.shapes if s.iso2}
    assert [by_code[c].level for c in ("NG", "BD", "KZ", "BR")] == [1, 3, 4, 5]
    assert by_code["FJ"].level == by_code["NG"].level
    assert all(s.level == 0 and s.count == 0 for s in wm.shapes if s.iso2 not in SAMPLE)
    assert all(0 <= s.level <= 5 for s in wm.shapes)
    assert len(wm.shapes) == len(load_shapes().outlines)


def test_countries_too_small_for_the_map_are_listed():
    wm = choropleth({"TV": 2, "MV": 1, "MV-01": 1, "KZ": 5})
    assert wm.missing == ["MV", "TV"]
    assert wm.counts == {"KZ": 5, "MV": 2, "TV": 2}
    assert wm.names["TV"] == "Tuvalu" and wm.names["MV"] == "Maldives"
    assert wm.names["KZ"] == "Kazakhstan"


def test_countries_too_small_for_the_map_are_listed_by_name():
    wm = choropleth({"TV": 1, "LC": 3, "MS": 1})  # Tuvalu, Saint Lucia, Montserrat
    assert [wm.names[code] for code in wm.missing] == ["Montserrat", "Saint Lucia", "Tuvalu"]
    assert wm.countries == 3


def test_site_names_replace_natural_earth_names():
    wm = choropleth({"CD": 1, "TV": 1}, names={"CD": "Congo (DRC)", "TV": "Tuvalu (islands)"})
    assert [s.name for s in wm.shapes if s.iso2 == "CD"] == ["Congo (DRC)"]
    assert wm.names == {"CD": "Congo (DRC)", "TV": "Tuvalu (islands)"}


def test_legend_bins_are_log_scale_and_deterministic():
    assert bins(0) == []
    assert bins(1) == [LegendBin(level=5, label="1", low=1, high=1)]
    assert [(b.level, b.label) for b in bins(2)] == [(1, "1"), (5, "2")]
    assert [(b.level, b.label) for b in bins(3)] == [(1, "1"), (3, "2"), (5, "3")]
    assert [b.label for b in bins(12)] == ["1", "2", "3", "4–6", "7–12"]
    assert [b.label for b in bins(400)] == ["1", "2–4", "5–20", "21–89", "90–400"]
    assert [b.label for b in bins(1000)] == ["1", "2–5", "6–31", "32–177", "178–1000"]
    for largest in range(1, 400):
        legend = bins(largest)
        assert legend[0].low == 1 and legend[-1].high == largest
        assert all(a.high + 1 == b.low for a, b in zip(legend, legend[1:], strict=False))
        assert [b.level for b in legend] == sorted({b.level for b in legend})
        assert legend[-1].level == 5 and 1 <= len(legend) <= 5
    a = choropleth(SAMPLE).legend
    b = choropleth(dict(reversed(list(SAMPLE.items())))).legend
    assert a == b == choropleth(SAMPLE).legend


def test_a_skewed_distribution_still_shows_differences():
    counts = {code: 1 for code in ("NG", "GH", "KE", "TZ", "UG")} | {"BR": 3, "IN": 400}
    by_code = {s.iso2: s.level for s in choropleth(counts).shapes if s.iso2}
    assert 0 < by_code["NG"] < by_code["BR"] < by_code["IN"]


def test_no_cases_at_all():
    wm = choropleth({})
    assert wm.legend == [] and wm.missing == [] and wm.countries == 0
    assert {s.level for s in wm.shapes} == {0}
    root = parse(render(wm))
    assert root.find(f".//{SVG}a") is None


# The rendered partial


def test_the_partial_renders_well_formed_svg_with_one_link_per_country():
    wm = choropleth(SAMPLE | {"UA-21": 1})
    html = render(wm)
    root = parse(html)
    svg = root.find(f"figure/{SVG}svg")
    assert svg.get("role") == "group" and "7 countries" in svg.get("aria-label")
    assert svg.get("viewBox") == load_shapes().view_box
    links = svg.findall(f"{SVG}a")
    drawn = sorted(code for code in wm.counts if code not in wm.missing)
    assert sorted(a.get("href") for a in links) == [f"countries/{c.lower()}.md" for c in drawn]
    titles = [a.find(f"{SVG}path/{SVG}title").text for a in links]
    assert "Kazakhstan: 5 cases" in titles and "Nigeria: 1 case" in titles
    paths = svg.findall(f".//{SVG}path")
    assert len(paths) == len(load_shapes().outlines)
    assert all(re.fullmatch(r"cs-map-l[0-5]", p.get("class")) for p in paths)
    assert all(p.get("style") is None and p.get("fill") is None for p in paths)
    assert {p.find(f"{SVG}title").text for p in svg.findall(f"{SVG}path")} >= UNCODED
    style = svg.find(f"{SVG}style").text
    for level in range(6):
        assert f".cs-map-l{level}{{fill:#" in style
    legend = [
        "".join(li.itertext()).strip() for li in root.iter("li") if li.find(f"{SVG}svg") is not None
    ]
    assert legend == ["No cases"] + [
        f"{b.label} case{'' if b.high == 1 else 's'}" for b in wm.legend
    ]


def test_the_partial_lists_countries_too_small_to_show():
    html = render(choropleth(SAMPLE | {"MV": 1}))
    root = parse(html)
    assert any("too small to show" in (h.text or "") for h in root.iter("h2"))
    (listing,) = [ul for ul in root.iter("ul") if ul.get("class") == "cs-map-missing"]
    items = ["".join(li.itertext()) for li in listing.iter("li")]
    assert items == ["Maldives: 1 case", "Tuvalu: 2 cases"]
    assert [a.get("href") for a in listing.iter("a")] == ["countries/mv.md", "countries/tv.md"]
    assert "too small" not in render(choropleth({"KZ": 1}))


def table_rows(root: ET.Element) -> list[tuple[str, str, int]]:
    """(href, country, cases) of each row of the map's table."""
    (table,) = [t for t in root.iter("table") if t.get("aria-labelledby") == "cases-per-country"]
    assert [th.text for th in table.find("thead").iter("th")] == ["Country", "Cases"]
    return [(tr[0][0].get("href"), tr[0][0].text, int(tr[1].text))
            for tr in table.find("tbody").iter("tr")]


def test_the_partial_has_the_map_as_a_table():
    """The same numbers as the map, in text: every country with cases, drawn or too small to
    draw, subdivisions folded into their country, sorted by name."""
    wm = choropleth(SAMPLE | {"UA-21": 1, "MV": 1})
    root = parse(render(wm))
    rows = table_rows(root)
    shown = {}  # href -> (name, cases), from the map's titles and the list of small countries
    for a in root.iter(f"{SVG}a"):
        title = a.find(f"{SVG}path/{SVG}title").text
        name, count = re.fullmatch(r"(.+): (\d+) cases?", title).groups()
        shown[a.get("href")] = (name, int(count))
    (small,) = [ul for ul in root.iter("ul") if ul.get("class") == "cs-map-missing"]
    for li in small.iter("li"):
        count = re.fullmatch(r".+: (\d+) cases?", "".join(li.itertext()))[1]
        shown[li.find("a").get("href")] = (li.find("a").text, int(count))
    assert {href: (name, n) for href, name, n in rows} == shown
    assert len(rows) == wm.countries == 8
    assert [name for _, name, _ in rows] == sorted(name for _, name, _ in rows)
    assert ("countries/ua.md", "Ukraine", 1) in rows and ("countries/mv.md", "Maldives", 1) in rows
    assert sorted((href[-5:-3].upper(), n) for href, _, n in rows) == sorted(wm.counts.items())
    assert "cases-per-country" not in render(choropleth({}))


def test_the_partial_links_to_country_pages_with_the_plugins_filter_if_there():
    """In the site, the plugin's `to` filter links a page by its source, countries/kz.md."""
    root = parse(render(choropleth({"KZ": 1, "TV": 1}), to=lambda src: f"../{src}"))
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["../countries/kz.md"]
    (small,) = [ul for ul in root.iter("ul") if ul.get("class") == "cs-map-missing"]
    assert [a.get("href") for a in small.iter("a")] == ["../countries/tv.md"]
    assert [href for href, _, _ in table_rows(root)] == ["../countries/kz.md", "../countries/tv.md"]


def test_the_partial_escapes_names():
    html = render(choropleth({"CI": 1}, names={"CI": "Côte d'Ivoire <&>"}))
    assert "Côte d&#39;Ivoire &lt;&amp;&gt;: 1 case" in html
    parse(html)


def test_the_rendered_map_is_small_gzipped():
    every = {o.iso2: 1000 + i for i, o in enumerate(load_shapes().outlines) if o.iso2}
    for counts in (SAMPLE, every | {"TV": 1, "MV": 2, "UA-21": 3}):
        html = render(choropleth(counts))
        assert len(gzip.compress(html.encode("utf-8"), 9)) <= GZIP_BUDGET
