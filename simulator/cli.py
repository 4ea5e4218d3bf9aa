"""`python -m bot simulate`: the subcommand's arguments and entry point.

Registered as the `simulate` entry point of the `dinsos_kobar_bot.cli` group (pyproject.toml);
bot/__main__.py loads it only when the command is `simulate` or help is asked for. Kept light:
the simulator itself is imported once the command runs.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

DEFAULT_DATABASE = Path("data/simulator.db")
HELP = "try the real bot in a local web page (no Telegram token needed)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8080, help="web page port (default 8080)")
    parser.add_argument("--host", default="127.0.0.1", help="web page address (default local)")
    parser.add_argument(
        "--demo-data",
        action="store_true",
        help="load about 200 fictional cases of January-November 2024 (once per database)",
    )
    parser.add_argument(
        "--fresh", action="store_true", help="start from an empty simulator database"
    )
    parser.add_argument(
        "--database",
        type=Path,
        default=DEFAULT_DATABASE,
        help=f"the simulator's SQLite file (default {DEFAULT_DATABASE})",
    )


def run(args: argparse.Namespace) -> int:
    """Runs the simulator until Ctrl-C; returns the exit status.

    The bot logs warnings and errors only, unless LOG_LEVEL is set in the environment.
    """
    # Alembic logs every plugin and migration at INFO (some on import), the emulator its port,
    # the domain what the demo history does: the console is for what the person running the
    # simulator needs to know.
    for noisy in ("alembic", "emulator", "models"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    from simulator.main import SimulatorOptions, run

    log_level = os.environ.get("LOG_LEVEL") or "WARNING"
    return run(
        SimulatorOptions(
            host=args.host,
            port=args.port,
            database=args.database,
            demo_data=args.demo_data,
            fresh=args.fresh,
            log_level=log_level,
        )
    )
