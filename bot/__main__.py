"""The command line: `python -m bot [run]`, `python -m bot db upgrade`, ..."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import Settings, SettingsError, load_settings
from simulator import cli as simulator_cli

EXIT_CONFIG = 2
EXIT_USAGE = 2


# Libraries whose chatty levels would carry message texts (PTB logs every request's
# parameters at DEBUG) or the bot token (httpx logs request URLs at INFO).
QUIET_LOGGERS = {
    "telegram": logging.INFO,
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "apscheduler": logging.WARNING,
    "aiohttp.access": logging.WARNING,
}


def configure_logging(level: str) -> None:
    """Logs carry ids and error types, never names, NIKs, phone numbers or message texts."""
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger().setLevel(level.upper())
    for name, floor in QUIET_LOGGERS.items():
        logger = logging.getLogger(name)
        logger.setLevel(max(floor, logger.getEffectiveLevel()))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Telegram intake and case service of Dinas Sosial Kotawaringin Barat.",
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot by long polling (the default)")
    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply all migrations")
    db_commands.add_parser("current", help="print the applied migration")
    simulate = commands.add_parser(
        "simulate", help="try the real bot in a local web page (no Telegram token needed)"
    )
    simulator_cli.add_arguments(simulate)
    digest = commands.add_parser("digest", help="send the daily digest (today's, if due)")
    digest.add_argument("--now", action="store_true", help="send a digest now, whatever the time")
    export = commands.add_parser("export", help="export cases to an XLSX or CSV file")
    export.add_argument("--from", dest="start", required=True, type=_day, help="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, type=_day, help="YYYY-MM-DD")
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument("--output", required=True, type=Path, help="file to write")
    return parser


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _run(settings: Settings) -> int:
    settings.require_token()
    from bot.runner import run_bot

    asyncio.run(run_bot(settings, handle_signals=True))
    return 0


def _db(settings: Settings, action: str) -> int:
    from models.storage.db import Database
    from models.storage.migrate import current_revision, upgrade

    db = Database.from_url(settings.database_url)
    try:
        if action == "upgrade":
            upgrade(db.engine)
        print(f"database at revision {current_revision(db.engine)}")
    finally:
        db.dispose()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        if args.command == "simulate":
            return simulator_cli.simulate(args)
        if args.command == "db":
            return _db(settings, args.db_command)
        if args.command == "digest":
            from bot import tasks

            print(asyncio.run(tasks.digest(settings, now_flag=args.now)))
            return 0
        if args.command == "export":
            from bot import tasks

            if args.end < args.start:
                print("error: --to is before --from", file=sys.stderr)
                return EXIT_USAGE
            done = tasks.export(
                settings, start=args.start, end=args.end, fmt=args.format, output=args.output
            )
            print(done)
            return 0
        return _run(settings)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
