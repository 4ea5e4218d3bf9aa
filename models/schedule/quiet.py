"""Local clock times and quiet hours: when a non-urgent message may reach someone's phone.

Times are read in the office's time zone (WIB); what is stored is always aware UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

_CLOCK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
OFF_WORDS = frozenset({"", "off", "none", "no", "0"})


def parse_clock(text: str) -> time:
    """`07:00` or `7.00` -> time(7, 0); ValueError otherwise."""
    match = _CLOCK.match(text)
    if match is None:
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(f"not a time of day (HH:MM): {text!r}")
    return time(hour, minute)


@dataclass(frozen=True)
class QuietHours:
    """A nightly window (e.g. 21:00-06:00) in which non-urgent messages wait for the morning."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> QuietHours | None:
        """`21:00-06:00` -> QuietHours; `off` (or empty) -> None."""
        if text.strip().lower() in OFF_WORDS:
            return None
        parts = text.split("-")
        if len(parts) != 2:
            raise ValueError(f"quiet hours must look like 21:00-06:00, not {text!r}")
        start, end = parse_clock(parts[0]), parse_clock(parts[1])
        if start == end:
            raise ValueError("quiet hours must not start and end at the same time")
        return cls(start, end)

    def contains(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def release(self, now: datetime, tz: tzinfo) -> datetime | None:
        """If `now` falls in the quiet window, the (UTC) moment it ends; else None."""
        local = now.astimezone(tz)
        if not self.contains(local.time()):
            return None
        day = local.date()
        if self.start > self.end and local.time() >= self.start:
            day += timedelta(days=1)
        return at_local(day, self.end, tz)

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def at_local(day: date, clock: time, tz: tzinfo) -> datetime:
    """The aware UTC moment of `clock` on `day` in zone `tz`."""
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def deliver_at(now: datetime, *, quiet: QuietHours | None, tz: tzinfo, urgent: bool) -> datetime:
    """When a message created `now` may be sent: at once, or (non-urgent) after quiet hours."""
    if urgent or quiet is None:
        return now
    return quiet.release(now, tz) or now
