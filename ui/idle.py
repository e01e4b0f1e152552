"""Idle and sleep detection for the window lock.

Idle: an application-wide event filter notes the wall-clock time of the last keyboard or mouse input.
Sleep: a timer alone is not trusted (it does not run while the machine sleeps), so each tick compares the
wall-clock time with the previous tick; a jump far beyond the tick interval means the machine resumed.
"""

from __future__ import annotations

import time
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

INPUT_EVENTS = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
                QEvent.Type.MouseButtonRelease, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                QEvent.Type.TabletPress, QEvent.Type.TouchBegin}


class IdleWatcher(QObject):
    """Emits ``idle`` after ``timeout_s`` without input and ``resumed`` after a sleep.

    Signals:
        idle: no input for the configured time.
        resumed: the wall clock jumped ahead by more than ``sleep_gap_s`` between two ticks.
    """

    idle = Signal()
    resumed = Signal()

    def __init__(self, timeout_s: float, *, now: Callable[[], float] = time.time, tick_ms: int = 5000,
                 sleep_gap_s: float = 60.0, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._now = now
        self.timeout_s = timeout_s
        self._sleep_gap_s = sleep_gap_s
        self._tick_s = tick_ms / 1000
        self._last_input = self._last_tick = now()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.check)
        self.paused = False

    def start(self) -> None:
        self._last_input = self._last_tick = self._now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def note_input(self) -> None:
        self._last_input = self._now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            self._last_input = self._now()
        return False

    def check(self) -> None:
        """One tick: compare wall-clock times (also callable directly by tests with a fake clock)."""
        now = self._now()
        slept = now - self._last_tick > self._tick_s + self._sleep_gap_s
        self._last_tick = now
        if self.paused:
            return
        if slept:
            self.resumed.emit()
        elif now - self._last_input >= self.timeout_s:
            self.idle.emit()
