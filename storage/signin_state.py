"""Failed sign-in counters and lockouts, kept outside the database.

A wrong password cannot open the database, so the counter that must survive a restart lives in a small
file beside it (atomic writes). It names accounts only by their HMAC label. Failures wait here as
"pending" until the next successful unlock writes them into the audit trail. The lockout numbers set by
the 安全保密管理员 are cached here too, because they are needed before the database can be read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable

from storage.errors import StoreError
from storage.files import atomic_write_bytes

FORMAT = "credit-ledger-signin-state"


@dataclass(frozen=True)
class PendingFailure:
    label: str
    at: datetime
    locked: bool


class SigninStateFile:
    """Implements ``app.ports.SigninGuard`` on a JSON file."""

    def __init__(self, path: Path, label_for: Callable[[str], str]) -> None:
        self._path = path
        self._label_for = label_for
        self._data = self._read()

    def _read(self) -> dict:
        if not self._path.exists():
            return {"format": FORMAT, "accounts": {}, "pending": [], "policy": {}}
        try:
            data = json.loads(self._path.read_text("utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError
            return data
        except (ValueError, UnicodeDecodeError) as error:
            raise StoreError("store.signin_state_corrupt", path=str(self._path)) from error

    def _save(self) -> None:
        atomic_write_bytes(self._path, json.dumps(self._data, indent=1).encode("utf-8"))

    def label_for(self, username: str) -> str:
        return self._label_for(username)

    def _entry(self, username: str) -> dict:
        return self._data["accounts"].setdefault(self._label_for(username), {"failures": 0, "locked_until": None})

    def locked_until(self, username: str, now: datetime) -> datetime | None:
        raw = self._data["accounts"].get(self._label_for(username), {}).get("locked_until")
        until = datetime.fromisoformat(raw) if raw else None
        return until if until and until > now else None

    def record_failure(self, username: str, now: datetime, max_attempts: int, lock_minutes: int) -> datetime | None:
        """Count one failure; return the time the account is locked until when this failure locks it."""
        entry = self._entry(username)
        entry["failures"] += 1
        locked = None
        if entry["failures"] >= max_attempts:
            locked = now + timedelta(minutes=lock_minutes)
            entry.update(failures=0, locked_until=locked.isoformat())
        self._data["pending"].append({"label": self._label_for(username), "at": now.isoformat(),
                                      "locked": locked is not None})
        self._save()
        return locked

    def failures(self, username: str) -> int:
        return self._data["accounts"].get(self._label_for(username), {}).get("failures", 0)

    def record_success(self, username: str) -> None:
        self._data["accounts"].pop(self._label_for(username), None)
        self._save()

    def unlock(self, username: str) -> None:
        self.record_success(username)

    def pending_failures(self) -> list[PendingFailure]:
        return [PendingFailure(p["label"], datetime.fromisoformat(p["at"]), p["locked"])
                for p in self._data["pending"]]

    def clear_pending(self) -> None:
        self._data["pending"] = []
        self._save()

    def cached_policy(self) -> dict:
        return dict(self._data.get("policy", {}))

    def cache_policy(self, values: dict) -> None:
        if self._data.get("policy") != values:
            self._data["policy"] = dict(values)
            self._save()
