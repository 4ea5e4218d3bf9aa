"""Showing moments and durations to people: local time (WIB) and rough ages ("3 hari")."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from models.texts import Msg, msg


def duration(delta: timedelta) -> Msg:
    """A rough, readable length: minutes under two hours, hours under two days, else days."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 120:
        return msg("dur.minutes", n=minutes)
    if minutes < 48 * 60:
        return msg("dur.hours", n=minutes // 60)
    return msg("dur.days", n=minutes // (24 * 60))


def local_datetime(moment: datetime, tz: tzinfo) -> str:
    """`30-11-2026 07:00 WIB`."""
    local = moment.astimezone(tz)
    return f"{local:%d-%m-%Y %H:%M} {local.tzname()}".strip()


def local_date(moment: datetime, tz: tzinfo) -> str:
    return f"{moment.astimezone(tz):%d-%m-%Y}"
