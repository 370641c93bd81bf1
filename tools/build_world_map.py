"""Build src/bilateral/data/geo/world-110m.geojson from Natural Earth 110m country outlines.

The outlines are Natural Earth's "Admin 0 - Countries" at 1:110m (public domain), as shipped inside
the PyPI wheel geopandas==0.14.4 (geopandas/datasets/naturalearth_lowres/*.shp, *.dbf). The
report's geography section draws its offline map from the result; nothing is fetched at run time.

Usage:
    pip download --no-deps geopandas==0.14.4 -d /tmp/wheels
    python tools/build_world_map.py /tmp/wheels/geopandas-0.14.4-py3-none-any.whl

Decisions: coordinates are rounded to 0.01 degree (about 1 km, far below the 110m scale's detail);
rings keep the shapefile's winding (outer rings clockwise), which is what d3-geo, and so Vega,
expects; each hole is attached to the outer ring that contains its first point.
"""
from __future__ import annotations

import json
import struct
import sys
import zipfile
from pathlib import Path

SHP = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp"
DBF = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres.dbf"
OUT = Path(__file__).resolve().parents[1] / "src/bilateral/data/geo/world-110m.geojson"
SOURCE = (
    "Natural Earth 1:110m Admin 0 - Countries (public domain, naturalearthdata.com), "
    "as shipped in the PyPI wheel geopandas==0.14.4 (datasets/naturalearth_lowres); "
    "converted by tools/build_world_map.py"
)


def read_dbf(data: bytes) -> list[dict]:
    """The attribute rows of a dBase III file."""
    count, header_len, record_len = struct.unpack("<xxxxIHH", data[:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row, offset = {}, start
        for name, length in fields:
            row[name] = data[offset:offset + length].decode("latin-1").strip()  # the .cpg says ISO-8859-1
            offset += length
        rows.append(row)
    return rows


def read_polygons(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """The rings of each polygon record of a shapefile (shape type 5)."""
    shapes, pos = [], 100
    while pos < len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + 2 * words]
        shape_type, = struct.unpack("<i", body[:4])
        if shape_type != 5:
            raise ValueError(f"record at byte {pos}: shape type {shape_type}, expected polygon (5)")
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts])) + [n_points]
        flat = struct.unpack(f"<{2 * n_points}d", body[44 + 4 * n_parts:44 + 4 * n_parts + 16 * n_points])
        points = list(zip(flat[0::2], flat[1::2]))
        shapes.append([points[parts[k]:parts[k + 1]] for k in range(n_parts)])
        pos += 8 + 2 * words
    return shapes


def signed_area(ring: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:])) / 2


def contains(ring: list[tuple[float, float]], point: tuple[float, float]) -> bool:
    """Even-odd rule point-in-ring test."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def to_multipolygon(rings: list[list[tuple[float, float]]]) -> list:
    """Group rings into polygons: clockwise rings are outer (negative signed area), others holes."""
    outers = [[r] for r in rings if signed_area(r) < 0]
    for hole in (r for r in rings if signed_area(r) >= 0):
        owner = next((p for p in outers if contains(p[0], hole[0])), None)
        if owner is not None:
            owner.append(hole)
    return [[[[round(x, 2), round(y, 2)] for x, y in ring] for ring in poly] for poly in outers]


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as z:
        rows, shapes = read_dbf(z.read(DBF)), read_polygons(z.read(SHP))
    features = [
        {
            "type": "Feature",
            "properties": {"name": row["name"], "iso_a3": row["iso_a3"], "continent": row["continent"]},
            "geometry": {"type": "MultiPolygon", "coordinates": to_multipolygon(rings)},
        }
        for row, rings in zip(rows, shapes)
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"type": "FeatureCollection", "source": SOURCE, "features": features}, separators=(",", ":")))
    print(f"wrote {OUT} ({len(features)} countries, {OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1])
