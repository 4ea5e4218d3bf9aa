"""Telegram's flood limits for sending messages, as sliding windows."""

import math
import time
from collections import deque
from dataclasses import dataclass

from emulator.errors import too_many_requests


@dataclass(frozen=True)
class RateLimits:
    """Messages allowed per window; None switches a limit off."""

    overall_per_second: int | None = 30
    group_per_minute: int | None = 20
    private_per_second: int | None = None


class SlidingWindow:
    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.stamps: deque[float] = deque()

    def retry_after(self, now: float) -> int | None:
        while self.stamps and self.stamps[0] <= now - self.window:
            self.stamps.popleft()
        if len(self.stamps) < self.limit:
            return None
        return max(1, math.ceil(self.stamps[0] + self.window - now))

    def add(self, now: float) -> None:
        self.stamps.append(now)


class RateLimiter:
    def __init__(self, limits: RateLimits) -> None:
        self.limits = limits
        self.overall = (
            SlidingWindow(limits.overall_per_second, 1.0) if limits.overall_per_second else None
        )
        self.per_chat: dict[int, SlidingWindow] = {}

    def chat_window(self, chat_id: int, is_group: bool) -> SlidingWindow | None:
        limit, window = (
            (self.limits.group_per_minute, 60.0)
            if is_group
            else (self.limits.private_per_second, 1.0)
        )
        if not limit:
            return None
        return self.per_chat.setdefault(chat_id, SlidingWindow(limit, window))

    def check(self, chat_id: int, is_group: bool) -> None:
        """Raise 429 if one more message to this chat would exceed a limit."""
        now = time.monotonic()
        for window in (self.overall, self.chat_window(chat_id, is_group)):
            if window is not None:
                wait = window.retry_after(now)
                if wait is not None:
                    raise too_many_requests(wait)

    def record(self, chat_id: int, is_group: bool) -> None:
        now = time.monotonic()
        for window in (self.overall, self.chat_window(chat_id, is_group)):
            if window is not None:
                window.add(now)
