"""Quiet hours and clock times, and the settings that hold them."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings, SettingsError, load_settings
from models.schedule.quiet import QuietHours, deliver_at, parse_clock
from views.text import render
from views.when import duration, local_datetime

WIB = ZoneInfo("Asia/Jakarta")


def wib(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=WIB).astimezone(UTC)


def test_parse_clock() -> None:
    assert parse_clock("07:00") == time(7, 0)
    assert parse_clock(" 7.30 ") == time(7, 30)
    for bad in ("7", "24:00", "07:60", "pagi"):
        with pytest.raises(ValueError):
            parse_clock(bad)


def test_quiet_hours_across_midnight() -> None:
    quiet = QuietHours.parse("21:00-06:00")
    assert quiet is not None and str(quiet) == "21:00-06:00"
    assert quiet.release(wib(30, 20, 59), WIB) is None
    assert quiet.release(wib(30, 21, 0), WIB) == wib(30, 6) + timedelta(days=1)
    assert quiet.release(wib(29, 21, 0), WIB) == wib(30, 6)
    assert quiet.release(wib(29, 23, 59), WIB) == wib(30, 6)
    assert quiet.release(wib(30, 0, 30), WIB) == wib(30, 6)
    assert quiet.release(wib(30, 5, 59), WIB) == wib(30, 6)
    assert quiet.release(wib(30, 6, 0), WIB) is None


def test_quiet_hours_within_a_day_and_off() -> None:
    lunch = QuietHours.parse("12:00-13:00")
    assert lunch is not None
    assert lunch.release(wib(30, 12, 30), WIB) == wib(30, 13)
    assert lunch.release(wib(30, 13, 0), WIB) is None
    assert QuietHours.parse("off") is None
    assert QuietHours.parse("") is None
    for bad in ("21:00", "21:00-21:00", "malam"):
        with pytest.raises(ValueError):
            QuietHours.parse(bad)


def test_urgent_messages_go_through_quiet_hours() -> None:
    quiet = QuietHours.parse("21:00-06:00")
    night = wib(29, 23)
    assert deliver_at(night, quiet=quiet, tz=WIB, urgent=True) == night
    assert deliver_at(night, quiet=quiet, tz=WIB, urgent=False) == wib(30, 6)
    assert deliver_at(night, quiet=None, tz=WIB, urgent=False) == night


def test_settings_read_and_check_the_schedule() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.quiet == QuietHours(time(21), time(6))
    assert settings.digest_clock == time(7)
    assert settings.followup_unassigned_hours == 2
    assert settings.checkin_after_days == 3
    custom = Settings(_env_file=None, quiet_hours="off", digest_time="06.30")  # type: ignore[call-arg]
    assert custom.quiet is None and custom.digest_clock == time(6, 30)
    with pytest.raises(SettingsError, match="QUIET_HOURS"):
        load_settings(_env_file=None, quiet_hours="malam")
    with pytest.raises(SettingsError, match="DIGEST_TIME"):
        load_settings(_env_file=None, digest_time="25:00")
    with pytest.raises(SettingsError, match="FOLLOWUP_IDLE_DAYS"):
        load_settings(_env_file=None, followup_idle_days=0)


def test_durations_and_local_times_as_people_read_them() -> None:
    assert render("id", duration(timedelta(minutes=45))) == "45 menit"
    assert render("id", duration(timedelta(hours=5))) == "5 jam"
    assert render("en", duration(timedelta(days=3, hours=5))) == "3 days"
    assert local_datetime(wib(30, 7), WIB) == "30-11-2026 07:00 WIB"
