"""Audit anchors kept outside the audit table: entry count and head MAC, each MAC'd with a derived key.

A chain cannot see its tail cut off; an anchor can. Anchors are also written into every backup manifest
and printed on the 审计摘要.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import asdict
from pathlib import Path

from app.domain.audit import Anchor
from storage.files import atomic_write_bytes


def anchor_mac(key: bytes, anchor: Anchor) -> str:
    body = json.dumps(asdict(anchor), sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hmac.new(key, body, hashlib.sha256).hexdigest()


class AnchorFile:
    """Implements ``app.ports.AnchorStore``; anchors whose MAC does not verify are ignored (and reported)."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._path = path
        self._key = key

    def _read(self) -> list[dict]:
        if not self._path.exists():
            return []
        try:
            return list(json.loads(self._path.read_text("utf-8")))
        except (ValueError, UnicodeDecodeError):
            return []

    def all(self) -> list[tuple[Anchor, bool]]:
        out = []
        for item in self._read():
            try:
                anchor = Anchor(**{k: item[k] for k in ("count", "head_mac", "created_at", "reason")})
            except (KeyError, TypeError):
                continue
            out.append((anchor, hmac.compare_digest(anchor_mac(self._key, anchor), str(item.get("mac", "")))))
        return out

    def latest(self) -> Anchor | None:
        valid = [a for a, ok in self.all() if ok]
        return max(valid, key=lambda a: a.count) if valid else None

    def add(self, anchor: Anchor) -> None:
        items = self._read() + [{**asdict(anchor), "mac": anchor_mac(self._key, anchor)}]
        atomic_write_bytes(self._path, json.dumps(items[-500:], ensure_ascii=False, indent=1).encode("utf-8"))
