"""Make plugins/caseshelf/data/world_110m.json, the country outlines of the site's world map.

Run by hand when the source data changes, never at build time:

    cd /tmp && npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    .venv/bin/python scripts/make_map_data.py /tmp/package/countries-110m.json

The input is Natural Earth's 1:110m Admin 0 countries as TopoJSON, from the npm package
world-atlas (v2): longitude/latitude in degrees, each country's `id` its ISO 3166-1
numeric code. The output is SVG path data, already projected (Equal Earth), so the site
needs no geometry code at all. Standard library only; the output is deterministic.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "plugins" / "caseshelf" / "data"
WIDTH = 1000  # the viewBox width; the height follows from the projection
PAD = 2  # viewBox units of empty border around the land
ANTARCTICA = "010"

# Natural Earth's short map labels, written out; and two countries renamed since NE 4.1.
NAMES = {
    "Bosnia and Herz.": "Bosnia and Herzegovina",
    "Central African Rep.": "Central African Republic",
    "Dem. Rep. Congo": "Democratic Republic of the Congo",
    "Dominican Rep.": "Dominican Republic",
    "Eq. Guinea": "Equatorial Guinea",
    "Falkland Is.": "Falkland Islands",
    "Fr. S. Antarctic Lands": "French Southern Territories",
    "Macedonia": "North Macedonia",
    "N. Cyprus": "Northern Cyprus",
    "S. Sudan": "South Sudan",
    "Solomon Is.": "Solomon Islands",
    "W. Sahara": "Western Sahara",
    "eSwatini": "Eswatini",
}

Point = tuple[float, float]
Ring = list[Point]

# Equal Earth (Šavrič, Patterson & Jenny 2018): an equal-area pseudocylindrical projection.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Project degrees to Equal Earth map units, y pointing up (north)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[Ring]:
    """The topology's arcs in degrees: positions are quantized and delta-encoded."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def stitch(arcs: list[Ring], indexes: Iterable[int]) -> Ring:
    """One closed ring from arc indexes; ~i is arc i reversed; joints are shared points."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def polygons(geometry: dict, arcs: list[Ring]) -> list[list[Ring]]:
    """A Polygon or MultiPolygon geometry as a list of polygons, each a list of rings."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        raise ValueError(f"unexpected geometry type {geometry['type']}")
    return [[stitch(arcs, ring) for ring in polygon] for polygon in parts]


def clip(ring: Ring, limit: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman: the part of a ring on one side of the meridian lon = limit."""

    def inside(p: Point) -> bool:
        return p[0] <= limit if keep_below else p[0] >= limit

    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (limit - previous[0]) / (current[0] - previous[0])
            out.append((limit, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def split_at_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that crosses 180° (Russia's Chukotka, Fiji) as one ring per side of the map.

    Natural Earth cuts such countries at 180°, but world-atlas merges the cut pieces back
    into spherical rings that jump from +180 to -180. Unwrapped, such a ring is a plain
    polygon across lon = ±180; clipped there, each half is put back into -180..180.
    """
    if all(abs(b[0] - a[0]) <= 180 for a, b in zip(ring, ring[1:], strict=False)):
        return [ring]
    unwrapped: Ring = [ring[0]]
    shift = 0.0
    for a, b in zip(ring, ring[1:], strict=False):
        if b[0] - a[0] > 180:
            shift -= 360
        elif b[0] - a[0] < -180:
            shift += 360
        unwrapped.append((b[0] + shift, b[1]))
    lons = [p[0] for p in unwrapped]
    meridian = 180.0 if max(lons) > 180 else -180.0
    pieces = []
    for keep_below in (True, False):
        piece = clip(unwrapped[:-1], meridian, keep_below)
        if len(piece) < 3:
            continue
        centre = (min(p[0] for p in piece) + max(p[0] for p in piece)) / 2
        offset = 360 * round(centre / 360)
        shifted = [(lon - offset, lat) for lon, lat in piece]
        pieces.append(shifted + shifted[:1])
    for piece in pieces:
        assert all(-180 <= lon <= 180 for lon, _ in piece), "split ring left -180..180"
    return pieces


def tenths(value: float) -> int:
    """A coordinate in tenths of a viewBox unit: the data's precision is one decimal."""
    return int(math.floor(value * 10 + 0.5))


def number(n: int) -> str:
    """Tenths as the shortest decimal: 12 -> '1.2', -5 -> '-.5', 30 -> '3'."""
    whole, tenth = divmod(abs(n), 10)
    text = f"{whole}.{tenth}" if tenth else str(whole)
    if text.startswith("0."):
        text = text[1:]
    return "-" + text if n < 0 else text


def numbers(values: Sequence[int]) -> str:
    """Numbers for path data: a minus sign separates as well as a space does."""
    out = ""
    for n in values:
        text = number(n)
        out += text if not out or text.startswith("-") else " " + text
    return out


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """SVG path data in relative commands; rings are open lists of points in tenths."""
    parts = []
    start: tuple[int, int] | None = None
    for ring in rings:
        x0, y0 = ring[0]
        if start is None:
            head = "M" + numbers([x0, y0])
        else:
            head = "m" + numbers([x0 - start[0], y0 - start[1]])
        deltas = []
        for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
            deltas += [bx - ax, by - ay]
        parts.append(head + "l" + numbers(deltas) + "z")
        start = (x0, y0)
    return "".join(parts)


def simplify(ring: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the closing point and points that rounding made repeat or lie on a straight line."""
    points: list[tuple[int, int]] = []
    for p in ring[:-1] if ring[0] == ring[-1] else ring:
        if not points or p != points[-1]:
            points.append(p)
    while len(points) > 1 and points[0] == points[-1]:
        points.pop()
    changed = True
    while changed and len(points) > 3:
        changed = False
        for i in range(len(points)):
            (ax, ay), (bx, by), (cx, cy) = points[i - 2], points[i - 1], points[i]
            cross = (bx - ax) * (cy - by) - (by - ay) * (cx - bx)
            dot = (bx - ax) * (cx - bx) + (by - ay) * (cy - by)
            if cross == 0 and dot >= 0:
                del points[i - 1]
                changed = True
                break
    return points


def iso2_by_numeric(path: Path) -> dict[str, str]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["m49"]: row["iso2"] for row in csv.DictReader(f)}


def build(topology: dict, iso2_of: dict[str, str], version: str) -> dict:
    """The data file's content from a world-atlas countries topology."""
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id") or ""
        if numeric == ANTARCTICA:
            continue
        name = geometry["properties"]["name"]
        rings = []
        for polygon in polygons(geometry, arcs):
            for ring in polygon:
                for piece in split_at_antimeridian(ring):
                    rings.append([equal_earth(lon, lat) for lon, lat in piece])
        if numeric and numeric not in iso2_of:
            raise SystemExit(f"{name}: ISO numeric {numeric} is not in m49.csv")
        countries.append((iso2_of.get(numeric, ""), NAMES.get(name, name), rings))

    xs = [x for *_, rings in countries for ring in rings for x, _ in ring]
    ys = [y for *_, rings in countries for ring in rings for _, y in ring]
    scale = (WIDTH - 2 * PAD) / (max(xs) - min(xs))
    height = math.ceil((max(ys) - min(ys)) * scale + 2 * PAD)
    left, top = min(xs), max(ys)

    shapes = []
    for iso2, name, rings in countries:
        projected = []
        for ring in rings:
            points = [
                (tenths((x - left) * scale + PAD), tenths((top - y) * scale + PAD)) for x, y in ring
            ]
            points = simplify(points)
            if len(points) >= 3:
                projected.append(points)
        if not projected:
            raise SystemExit(f"{name}: nothing left at this scale")
        shapes.append({"iso2": iso2, "name": name, "d": path_data(projected)})
    shapes.sort(key=lambda s: (s["iso2"], s["name"]))
    return {
        "source": (
            f"Made with Natural Earth (public domain): Admin 0 countries 1:110m, via the npm "
            f"package world-atlas {version} (ISC); Equal Earth projection; Antarctica left out. "
            "Made by scripts/make_map_data.py."
        ),
        "viewBox": f"0 0 {WIDTH} {height}",
        "shapes": shapes,
    }


def dumps(data: dict) -> str:
    """Compact JSON with one shape a line, so that a changed country is a one-line diff."""

    def compact(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    head = ",".join(f"{compact(k)}:{compact(v)}" for k, v in data.items() if k != "shapes")
    shapes = ",\n".join(compact(shape) for shape in data["shapes"])
    return f'{{{head},"shapes":[\n{shapes}\n]}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("countries", type=Path, help="world-atlas v2 countries-110m.json")
    parser.add_argument("--out", type=Path, default=DATA / "world_110m.json")
    parser.add_argument("--m49", type=Path, default=DATA / "m49.csv")
    args = parser.parse_args(argv)

    package = args.countries.parent / "package.json"
    version = "2"
    if package.is_file():
        version = json.loads(package.read_text(encoding="utf-8")).get("version", version)
    topology = json.loads(args.countries.read_text(encoding="utf-8"))
    data = build(topology, iso2_by_numeric(args.m49), version)
    args.out.write_text(dumps(data), encoding="utf-8")
    print(f"{args.out}: {len(data['shapes'])} shapes, viewBox {data['viewBox']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
