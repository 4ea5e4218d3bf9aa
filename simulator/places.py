"""Places around Pangkalan Bun and Kumai a simulated person can share as their location.

Coordinates are approximate (a few hundred metres), good enough for a demonstration.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float

    def as_dict(self) -> dict[str, object]:
        return {"name": self.name, "latitude": self.latitude, "longitude": self.longitude}


PLACES: tuple[Place, ...] = (
    Place("Bundaran Pancasila, Pangkalan Bun", -2.6833, 111.6290),
    Place("Pasar Indra Sari, Pangkalan Bun", -2.6791, 111.6262),
    Place("Kantor Dinas Sosial, Jl. Sutan Syahrir", -2.6869, 111.6327),
    Place("Bandara Iskandar, Pangkalan Bun", -2.7047, 111.6730),
    Place("Pelabuhan Panglima Utar, Kumai", -2.7393, 111.7334),
    Place("Pasar Kumai", -2.7345, 111.7259),
    Place("Mes kebun sawit, Pangkalan Lada", -2.5712, 111.8467),
    Place("Kotawaringin Lama", -2.4692, 111.4419),
)


def parse_coordinate(text: str) -> tuple[float, float]:
    """`-2.68, 111.63` (comma, semicolon or space between) as (latitude, longitude)."""
    parts = [p for p in text.replace(";", ",").replace(",", " ").split() if p]
    try:
        latitude, longitude = (float(p) for p in parts)
    except ValueError:
        raise ValueError("expected two numbers: latitude and longitude") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValueError("latitude must be within ±90 and longitude within ±180")
    return latitude, longitude
