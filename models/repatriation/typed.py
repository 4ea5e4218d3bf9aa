"""What staff type while planning travel: a route ("Semarang - Purwodadi"), a ticket with its
fare ("TK-1234 350.000"), plain short texts."""

from __future__ import annotations

import re

from models.reference.validation import InvalidAmount, parse_amount
from models.repatriation.travel import FARE_MAX, PLACE_MAX, TICKET_MAX

FREE = frozenset({"0", "gratis", "free", "rp 0", "rp0"})
_ROUTE = re.compile(r"^(.+?)\s*(?:->|→|–|—|\s-\s|\bke\b|\bto\b)\s*(.+)$", re.IGNORECASE)


def parse_route(text: str) -> tuple[str, str] | None:
    """`Kumai - Semarang`, `Kumai ke Semarang`, `Kumai → Semarang`: (from, to)."""
    match = _ROUTE.match(" ".join(text.split()))
    if match is None:
        return None
    start, end = match[1].strip(" -"), match[2].strip(" -")
    if not start or not end or len(start) > PLACE_MAX or len(end) > PLACE_MAX:
        return None
    return start, end


def parse_ticket(text: str) -> tuple[str, int] | None:
    """`TK-1234 350.000` or `TK-1234, Rp 350 ribu`: the ticket number, then its fare."""
    number, _, rest = " ".join(text.replace(",", " ").split()).partition(" ")
    if not number or not rest or len(number) > TICKET_MAX:
        return None
    if rest.lower() in FREE:
        return number, 0
    try:
        fare = parse_amount(rest)
    except InvalidAmount:
        return None
    return (number, fare) if 0 <= fare <= FARE_MAX else None
