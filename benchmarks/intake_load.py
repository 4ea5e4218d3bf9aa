"""Load benchmark: many stranded workers doing the whole intake at once.

The real bot (in this process) polls the Bot API emulator over HTTP, as in the tests.
Reports answers per second, the latency of each answer (from sending it to the bot's reply
being in the chat), and the process's peak memory. People pause between answers
(`--think`, seconds, random up to twice that); `--think 0` is a burst in which the bot's
rate limiter (Telegram's ~30 requests a second overall, as PTB's AIORateLimiter enforces)
bounds throughput at about 18 answers a second, each answer costing 2-3 API calls.

    .venv/bin/python -m benchmarks.intake_load --workers 20 --think 5
    .venv/bin/python -m benchmarks.intake_load --workers 20 --think 0
    .venv/bin/python -m benchmarks.intake_load --workers 20 --think 1 \
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/test

Targets (2-core machine, SQLite, 20 people at once, --think 5, i.e. a person reading and
answering in 0-10 s on a cheap phone): p95 answer latency under 500 ms, p50 under 100 ms,
peak RSS under 250 MB. A PostgreSQL URL needs an empty database. Results: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.runner import run_bot
from emulator import BotAPIEmulator, RateLimits
from tests.conftest import TEST_DATA_KEY
from tests.e2e.intake_script import script

STAFF_CHAT = -1001000000001


class Timed:
    """Wraps a person so every action's latency is recorded."""

    def __init__(self, person: Any, latencies: list[float], think: float) -> None:
        self.person = person
        self.latencies = latencies
        self.think = think
        self.pause = random.Random(person.user_id)

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.person, name)

        async def timed(*args: Any, **kwargs: Any) -> Any:
            await asyncio.sleep(self.pause.uniform(0, 2 * self.think))
            started = time.perf_counter()
            result = await method(*args, timeout=60, **kwargs)
            self.latencies.append(time.perf_counter() - started)
            return result

        return timed


async def one_worker(
    emulator: BotAPIEmulator, n: int, latencies: list[float], think: float
) -> None:
    worker = Timed(emulator.user(100_000 + n, f"Pekerja {n}"), latencies, think)
    await worker.send("/start")
    for _step, action in script(name=f"Pekerja Nomor {n}"):
        await action(worker)
    await worker.tap("Kirim laporan")


async def main(workers: int, think: float, database_url: str | None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        # Telegram's real limits would dominate the measurement; the bot's own speed is measured.
        async with BotAPIEmulator(
            rate_limits=RateLimits(overall_per_second=None, group_per_minute=None)
        ) as emulator:
            emulator.group(STAFF_CHAT, "Staf")
            settings = Settings(
                _env_file=None,
                telegram_bot_token=emulator.token,
                telegram_api_url=emulator.api_root,
                database_url=url,
                staff_chat_id=STAFF_CHAT,
                polling_timeout=5,
                data_encryption_key=TEST_DATA_KEY,
            )
            stop, ready = asyncio.Event(), asyncio.Event()
            running = asyncio.create_task(run_bot(settings, stop=stop, ready=ready))
            await ready.wait()
            latencies: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(
                *(one_worker(emulator, n, latencies, think) for n in range(workers))
            )
            elapsed = time.perf_counter() - started
            stop.set()
            await running
    ordered = sorted(latencies)
    return {
        "workers": workers,
        "answers": len(latencies),
        "seconds": elapsed,
        "answers_per_second": len(latencies) / elapsed,
        "p50_ms": statistics.median(ordered) * 1000,
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "max_ms": ordered[-1] * 1000,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=20)
    parser.add_argument("--think", type=float, default=1.0)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    result = asyncio.run(main(args.workers, args.think, args.database_url))
    for key, value in result.items():
        print(f"{key:>20}: {value:,.1f}" if isinstance(value, float) else f"{key:>20}: {value}")
