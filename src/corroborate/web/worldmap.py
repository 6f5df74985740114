"""An offline SVG map: country shapes from the vendored world-atlas TopoJSON, markers at lat/lon.

Equirectangular projection, x scaled by cos(latitude of the view centre) so a zoomed region keeps its
shape. The view frames the markers with a margin; only countries that intersect the view are drawn.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup, escape

ATLAS_DIR = Path(__file__).parent / "static" / "vendor" / "world-atlas"
SKIPPED = {"010"}  # Antarctica: spans the antimeridian and only wastes space on a news map


@dataclass
class Country:
    name: str
    rings: list[list[tuple[float, float]]]  # lon/lat rings
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


@dataclass
class Marker:
    lat: float
    lon: float
    label: str
    weight: int = 1
    href: str | None = None


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
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


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return ring


@lru_cache(maxsize=2)
def countries(resolution: str = "110m") -> tuple[Country, ...]:
    """Country outlines from the vendored Natural Earth TopoJSON ("110m" or "50m")."""
    path = ATLAS_DIR / f"countries-{resolution}.json"
    if not path.exists():
        raise FileNotFoundError(f"map data {path} is missing: run `npm ci && npm run vendor` in web-assets/")
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("id") in SKIPPED or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = [geometry["arcs"]] if geometry["type"] == "Polygon" else geometry["arcs"]
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        name = (geometry.get("properties") or {}).get("name", "")
        out.append(Country(name, rings, (min(lons), min(lats), max(lons), max(lats))))
    return tuple(out)


def _view(markers: list[Marker], aspect: float = 1.6) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) framing the markers with a margin, about `aspect` wide:tall."""
    if not markers:
        return (-180.0, -60.0, 180.0, 85.0)
    lons = [m.lon for m in markers]
    lats = [m.lat for m in markers]
    cx, cy = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2
    kx = max(math.cos(math.radians(cy)), 0.2)
    width = max((max(lons) - min(lons)) * kx * 1.5, 14.0)  # projected degrees, at least a small country
    height = max((max(lats) - min(lats)) * 1.5, width / aspect)
    width = max(width, height * aspect)
    half_lon, half_lat = width / 2 / kx, height / 2
    return (max(cx - half_lon, -180), max(cy - half_lat, -85), min(cx + half_lon, 180), min(cy + half_lat, 85))


def _clip(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """Sutherland–Hodgman: the part of a ring inside the lon/lat box (fills stay right; edges may run along
    the box, which lies outside the visible view)."""
    west, south, east, north = box
    points = ring
    for axis, bound, keep_above in ((0, west, True), (0, east, False), (1, south, True), (1, north, False)):
        if not points:
            break
        points = _clip_edge(points, axis, bound, keep_above)
    return points


def _clip_edge(points: list[tuple[float, float]], axis: int, bound: float, keep_above: bool
               ) -> list[tuple[float, float]]:
    """One Sutherland–Hodgman pass: the points on the kept side of `bound` on `axis` (0: lon, 1: lat)."""
    cut = _cut_x if axis == 0 else _cut_y
    out: list[tuple[float, float]] = []
    previous = points[-1]
    previous_in = previous[axis] >= bound if keep_above else previous[axis] <= bound
    for point in points:
        point_in = point[axis] >= bound if keep_above else point[axis] <= bound
        if point_in:
            if not previous_in:
                out.append(cut(previous, point, bound))
            out.append(point)
        elif previous_in:
            out.append(cut(previous, point, bound))
        previous, previous_in = point, point_in
    return out


def _clip_fast(ring: list[tuple[float, float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """`_clip`, without clipping a ring that lies wholly inside or outside the box (most islands): same result."""
    west, south, east, north = box
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    if not ring or max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
        return []
    if min(lons) >= west and max(lons) <= east and min(lats) >= south and max(lats) <= north:
        return ring
    return _clip(ring, box)


def _cut_x(a: tuple[float, float], b: tuple[float, float], x: float) -> tuple[float, float]:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cut_y(a: tuple[float, float], b: tuple[float, float], y: float) -> tuple[float, float]:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _ring_path(points: list[tuple[float, float]], tolerance: float = 1.5) -> str:
    """An SVG path for one ring in screen space, dropping points closer than `tolerance` px to the last kept
    one (keeps pages small at 50m detail); rings smaller than a few pixels are left out."""
    kept = [points[0]]
    for x, y in points[1:]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= tolerance:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z"


@lru_cache(maxsize=128)
def _land_layer(west: float, south: float, east: float, north: float, width: int, height: int) -> str:
    """The country paths of one view (the costly part of a map, cached per view)."""
    kx = math.cos(math.radians((south + north) / 2))
    scale = width / ((east - west) * kx)
    resolution = "50m" if east - west < 90 else "110m"
    paths = []
    for country in countries(resolution):
        b = country.bbox
        if b[2] < west or b[0] > east or b[3] < south or b[1] > north:
            continue
        box = (west - 1, south - 1, east + 1, north + 1)
        rings = (_clip_fast(ring, box) for ring in country.rings)
        projected = (
            [((lon - west) * kx * scale, (north - lat) * scale) for lon, lat in ring] for ring in rings if ring
        )
        d = " ".join(filter(None, (_ring_path(ring) for ring in projected)))
        if d:
            paths.append(f'<path class="land" d="{d}"><title>{escape(country.name)}</title></path>')
    return "".join(paths)


LABEL_HEIGHT = 15.0
LABEL_CHAR_WIDTH = 7.5  # a rough average at the label font size; only used to keep labels apart


def _label_spot(
    x: float, y: float, chars: int, placed: list[tuple[float, float, float, float]]
) -> tuple[float, float]:
    """Where to put a label whose natural baseline start is (x, y): the nearest of a few spots below and
    above that overlaps no label placed so far (the natural spot when all overlap). Records the box."""
    width = chars * LABEL_CHAR_WIDTH
    for dy in (0.0, LABEL_HEIGHT, -LABEL_HEIGHT, 2 * LABEL_HEIGHT, -2 * LABEL_HEIGHT, 3 * LABEL_HEIGHT):
        box = (x, y + dy - LABEL_HEIGHT + 3, x + width, y + dy + 3)
        if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            placed.append(box)
            return x, y + dy
    placed.append((x, y - LABEL_HEIGHT + 3, x + width, y + 3))
    return x, y


def render_map(markers: list[Marker], width: int = 720) -> Markup:
    """An <svg> with the countries in view and one circle (with a <title>) per marker."""
    markers = [m for m in markers if -90 <= m.lat <= 90 and -180 <= m.lon <= 180]
    # Whole degrees, so the country layer of nearby views comes from the cache.
    west, south, east, north = (float(round(v)) for v in _view(markers))
    kx = math.cos(math.radians((south + north) / 2))
    height = round(width * (north - south) / ((east - west) * kx))
    scale = width / ((east - west) * kx)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return ((lon - west) * kx * scale, (north - lat) * scale)

    land = _land_layer(west, south, east, north, width, height)
    dots = []
    biggest = max((m.weight for m in markers), default=1)
    placed: list[tuple[float, float, float, float]] = []
    for marker in sorted(markers, key=lambda m: -m.weight):  # the biggest places get the first label spots
        x, y = xy(marker.lon, marker.lat)
        radius = 5 + 5 * math.sqrt(marker.weight / biggest)
        label = f"{marker.label} ({marker.lat:.3f}, {marker.lon:.3f})"
        lx, ly = _label_spot(x + radius + 3, y + 4, len(marker.label), placed)
        dot = (
            f'<circle class="marker" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}"><title>{escape(label)}</title>'
            f'</circle><text class="marker-label" x="{lx:.1f}" y="{ly:.1f}">'
            f"{escape(marker.label)}</text>"
        )
        dots.append(f'<a href="{escape(marker.href)}">{dot}</a>' if marker.href else dot)
    return Markup(
        f'<svg class="map" viewBox="0 0 {width} {height}" role="img" aria-label="Map of the places in this story"'
        f' xmlns="http://www.w3.org/2000/svg"><rect class="sea" width="{width}" height="{height}"/>'
        + land
        + "".join(dots)
        + "</svg>"
    )
