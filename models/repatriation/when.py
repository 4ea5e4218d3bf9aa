"""A departure's date and time as staff type it: `5/12 08:00`, `05-12-2026 8.30`,
`5 Des 14:00`, `besok jam 7`, `lusa 19.15`. Read in the office's time zone, returned as UTC.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "pebruari": 2, "february": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "agus": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip
RELATIVE = {"hari ini": 0, "today": 0, "besok": 1, "tomorrow": 1, "lusa": 2}
# A typo, not a plan: departures further back than this, or further ahead.
PAST_LIMIT = timedelta(days=1)
FUTURE_LIMIT = timedelta(days=366)

_TIME = re.compile(r"(?:\bjam\s*|\bpukul\s*)?\b(\d{1,2})(?:[:.](\d{2}))?\s*(?:wib)?\s*$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{2}|\d{4}))?\b")
_WORD_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?\b")


def parse_departure(text: str, *, now: datetime, tz: tzinfo) -> datetime | None:
    """The moment meant, in UTC; None when the text holds no date and time we understand."""
    cleaned = " ".join(text.lower().replace(",", " ").split())
    clock = _clock(cleaned)
    if clock is None:
        return None
    moment_time, rest = clock
    day = _day(rest.strip(), now.astimezone(tz).date())
    if day is None:
        return None
    moment = datetime.combine(day, moment_time, tzinfo=tz).astimezone(UTC)
    if not now - PAST_LIMIT <= moment <= now + FUTURE_LIMIT:
        return None
    return moment


def _clock(text: str) -> tuple[time, str] | None:
    """The time of day at the end of the text (`08:00`, `8.30`, `jam 7`) and what is left."""
    match = _TIME.search(text)
    if match is None or match.start() == 0:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    # A bare number is a time only after "jam"/"pukul" (else `5/12` would read as 12 o'clock).
    if match[2] is None and "jam" not in match[0] and "pukul" not in match[0]:
        return None
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute), text[: match.start()]


def _day(text: str, today: date) -> date | None:
    text = re.sub(r"\b(tanggal|tgl)\b\.?", "", text).strip()
    if text in RELATIVE:
        return today + timedelta(days=RELATIVE[text])
    numeric = _NUMERIC_DATE.match(text)
    if numeric is not None and numeric.end() == len(text):
        return _date(today, int(numeric[1]), int(numeric[2]), numeric[3])
    worded = _WORD_DATE.match(text)
    if worded is not None and worded.end() == len(text) and worded[2] in MONTHS:
        return _date(today, int(worded[1]), MONTHS[worded[2]], worded[3])
    return None


def _date(today: date, day: int, month: int, year_text: str | None) -> date | None:
    """A date without a year is the next one to come (yesterday's is still this year's)."""
    year = today.year if year_text is None else int(year_text)
    if year_text is not None and len(year_text) == 2:
        year += 2000
    try:
        found = date(year, month, day)
        if year_text is None and found < today - PAST_LIMIT:
            found = date(year + 1, month, day)
    except ValueError:
        return None
    return found
