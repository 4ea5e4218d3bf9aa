"""The command line: `python -m bot [run]`, `python -m bot db upgrade`, ...

Subcommands that live in other packages (the simulator's `simulate`) are entry points of the
`dinsos_kobar_bot.cli` group (pyproject.toml), so bot/ never imports them: one is loaded only
when it is the command given, or when the help lists them all.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Protocol, cast

from bot.config import Settings, SettingsError, load_settings
from models.reference.periods import BadRange, read_date
from models.storage.crypto import DataKeyError

EXIT_CONFIG = 2
EXIT_USAGE = 2
CLI_ENTRY_POINTS = "dinsos_kobar_bot.cli"
HELP_FLAGS = ("-h", "--help")


class Subcommand(Protocol):
    """What an entry point of CLI_ENTRY_POINTS loads (a module, usually)."""

    HELP: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


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


def installed_subcommands() -> dict[str, EntryPoint]:
    """The subcommands installed packages add, by name, not loaded yet."""
    found: dict[str, EntryPoint] = {}
    # A source checkout may list the project twice (its egg-info beside the installed
    # metadata); both name the same object, the first is kept.
    for entry in entry_points(group=CLI_ENTRY_POINTS):
        found.setdefault(entry.name, entry)
    return found


def _load_wanted(
    available: Mapping[str, EntryPoint], argv: Sequence[str]
) -> dict[str, Subcommand | None]:
    """Loads the subcommand `argv` names (all of them for the help); None for the others."""
    first = argv[0] if argv else None
    return {
        name: cast(Subcommand, entry.load()) if first in (name, *HELP_FLAGS) else None
        for name, entry in available.items()
    }


def _parser(extensions: Mapping[str, Subcommand | None]) -> argparse.ArgumentParser:
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
    db_commands.add_parser(
        "rotate-key",
        help="re-encrypt every value with the first key of DATA_ENCRYPTION_KEY (and re-hash)",
    )
    digest = commands.add_parser("digest", help="send the daily digest (today's, if due)")
    digest.add_argument("--now", action="store_true", help="send a digest now, whatever the time")
    export = commands.add_parser("export", help="export cases to an XLSX or CSV file")
    export.add_argument("--from", dest="start", required=True, type=_start, help="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, type=_end, help="YYYY-MM-DD")
    export.add_argument("--format", choices=("xlsx", "csv"), default="xlsx")
    export.add_argument("--output", required=True, type=Path, help="file to write")
    audit = commands.add_parser("audit", help="the audit log of a period as CSV")
    audit.add_argument("--from", dest="start", required=True, type=_start, help="YYYY-MM-DD")
    audit.add_argument("--to", dest="end", required=True, type=_end, help="YYYY-MM-DD")
    audit.add_argument("--output", type=Path, help="file to write (default: standard output)")
    for name, extension in extensions.items():
        if extension is None:
            # Not the command given: only its name, so that argparse accepts it as a choice.
            commands.add_parser(name)
        else:
            extension.add_arguments(commands.add_parser(name, help=extension.HELP))
    return parser


def _start(text: str, *, end: bool = False) -> date:
    """A date as /statistik and /ekspor read it; a month or a year from its first day."""
    try:
        return read_date(text, end=end)
    except BadRange:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _end(text: str) -> date:
    """A date as /statistik and /ekspor read it; a month or a year to its last day."""
    return _start(text, end=True)


def _run(settings: Settings) -> int:
    settings.require_token()
    from bot.runner import run_bot

    asyncio.run(run_bot(settings, handle_signals=True))
    return 0


def _db(settings: Settings, action: str) -> int:
    from models.storage.db import Database
    from models.storage.migrate import current_revision, rotate_keys, upgrade

    db = Database.from_url(settings.database_url, settings.data_crypto())
    try:
        if action == "upgrade":
            upgrade(db.engine)
        if action == "rotate-key":
            upgrade(db.engine)
            print(f"{rotate_keys(db.engine)} row(s) re-encrypted with the first key")
            print("the other keys in DATA_ENCRYPTION_KEY may now be removed")
        print(f"database at revision {current_revision(db.engine)}")
    finally:
        db.dispose()
    return 0


def _audit(settings: Settings, args: argparse.Namespace) -> int:
    """`audit --from --to [--output]`: the audit log as CSV, to standard output or a file."""
    from bot import tasks

    if args.end < args.start:
        print("error: --to is before --from", file=sys.stderr)
        return EXIT_USAGE
    content = tasks.audit_csv(settings, start=args.start, end=args.end)
    if args.output is None:
        sys.stdout.write(content)
    else:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(content, encoding="utf-8")
        print(f"{args.output}: {content.count(chr(10)) - 1} entries")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extensions = _load_wanted(installed_subcommands(), argv)
    args = _parser(extensions).parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        extension = extensions.get(args.command)
        if extension is not None:
            return extension.run(args)
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
        if args.command == "audit":
            return _audit(settings, args)
        return _run(settings)
    except (SettingsError, DataKeyError) as exc:
        # DataKeyError: the key does not open the stored data (said before anything runs).
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
