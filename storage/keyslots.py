"""Key slots, like LUKS: one random database key, wrapped once per account and once for the recovery key.

Each slot holds the database key encrypted with AES-256-GCM under a key derived from that account's
password with Argon2id; the KDF parameters live in the slot and are authenticated as associated data, so
editing them breaks the slot instead of weakening it. Creating an account or changing a password rewrites
only that slot; the database is never re-keyed. Slots are found by an HMAC label of the account name, so
the file names nobody in plaintext. The file is written atomically (temp, fsync, rename).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
import secrets
import time
import unicodedata
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.domain.errors import DomainError
from storage.errors import StoreError, known_errors
from storage.files import atomic_write_bytes

FORMAT = "credit-ledger-keyslots"
VERSION = 1
RECOVERY_LABEL = "recovery"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no I, O, 0, 1: nothing to misread on paper


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost, stored in every slot (RFC 9106 names)."""

    memory_kib: int = 128 * 1024
    iterations: int = 3
    lanes: int = 4

    def derive(self, secret: str, salt: bytes) -> bytes:
        kdf = Argon2id(salt=salt, length=32, iterations=self.iterations, lanes=self.lanes,
                       memory_cost=self.memory_kib)
        return kdf.derive(unicodedata.normalize("NFC", secret).encode("utf-8"))


FAST_TEST_KDF = KdfParams(memory_kib=64, iterations=1, lanes=1)
MIN_KDF = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=4)  # floor for new slots (Bitwarden's defaults)


def calibrate(target_seconds: float = 0.5, memory_kib: int = 128 * 1024, lanes: int = 4) -> KdfParams:
    """Pick the iteration count that makes one derivation take about ``target_seconds`` here."""
    probe = KdfParams(memory_kib=memory_kib, iterations=2, lanes=lanes)
    started = time.perf_counter()
    probe.derive("calibration", os.urandom(16))
    per_pass = (time.perf_counter() - started) / probe.iterations
    return KdfParams(memory_kib, max(3, math.ceil(target_seconds / per_pass)), lanes)


def normalise_username(username: str) -> str:
    return unicodedata.normalize("NFKC", username).strip().casefold()


def new_recovery_key() -> str:
    """32 characters from a 32-letter alphabet (160 bits), printed in 8 groups of 4."""
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i:i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    cleaned = "".join(ch for ch in unicodedata.normalize("NFKC", text).upper() if ch.isalnum())
    return "-".join(cleaned[i:i + 4] for i in range(0, len(cleaned), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass(frozen=True)
class Slot:
    id: str
    kind: str  # "account" | "recovery"
    label: str
    kdf: dict
    nonce: str
    wrapped_key: str
    created: str

    def aad(self, store_id: str) -> bytes:
        header = {"store_id": store_id, "id": self.id, "kind": self.kind, "label": self.label, "kdf": self.kdf}
        return json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")


class KeySlotFile:
    """The slot file beside the database. Every change is written atomically."""

    def __init__(self, path: Path, store_id: str, label_salt: bytes, slots: list[Slot]) -> None:
        self.path = path
        self.store_id = store_id
        self._label_salt = label_salt
        self._slots = slots
        self.floor = MIN_KDF  # the vault lowers it only when it was given explicit (test) parameters

    # -- file -------------------------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path) -> "KeySlotFile":
        return cls(path, str(uuid.uuid4()), os.urandom(16), [])

    @classmethod
    def load(cls, path: Path) -> "KeySlotFile":
        with known_errors():
            if not path.exists():
                raise StoreError("store.keyslots_missing", path=str(path))
            raw = path.read_bytes()
        return cls.from_bytes(path, raw)

    @classmethod
    def from_bytes(cls, path: Path, raw: bytes) -> "KeySlotFile":
        try:
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != FORMAT or data.get("version") != VERSION:
                raise ValueError("not a slot file")
            slots = [Slot(**item) for item in data["slots"]]
            return cls(path, data["store_id"], _unb64(data["label_salt"]), slots)
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
            raise StoreError("store.keyslots_corrupt", path=str(path)) from error

    def to_bytes(self, slots: list[Slot] | None = None) -> bytes:
        data = {"format": FORMAT, "version": VERSION, "store_id": self.store_id,
                "label_salt": _b64(self._label_salt), "slots": [asdict(s) for s in (slots or self._slots)]}
        return json.dumps(data, ensure_ascii=True, indent=1).encode("utf-8")

    def save(self) -> None:
        atomic_write_bytes(self.path, self.to_bytes())

    def _replace(self, slots: list[Slot]) -> None:
        """Write the new slot list first; only a successful write changes what this object holds."""
        atomic_write_bytes(self.path, self.to_bytes(slots))
        self._slots = slots

    # -- slots ------------------------------------------------------------------------------------------
    def label_for(self, username: str) -> str:
        return hmac.new(self._label_salt, normalise_username(username).encode("utf-8"), hashlib.sha256).hexdigest()

    def has_account(self, username: str) -> bool:
        return self._find(self.label_for(username)) is not None

    def _find(self, label: str) -> Slot | None:
        return next((s for s in self._slots if s.label == label), None)

    def _wrap(self, kind: str, label: str, secret: str, db_key: bytes, params: KdfParams) -> Slot:
        salt = os.urandom(16)
        kdf = {"name": "argon2id", "salt": _b64(salt), **asdict(params)}
        draft = Slot(str(uuid.uuid4()), kind, label, kdf, _b64(os.urandom(12)), "",
                     datetime.now(timezone.utc).isoformat(timespec="seconds"))
        kek = params.derive(secret, salt)
        wrapped = AESGCM(kek).encrypt(_unb64(draft.nonce), db_key, draft.aad(self.store_id))
        return Slot(**{**asdict(draft), "wrapped_key": _b64(wrapped)})

    def _unwrap(self, slot: Slot, secret: str) -> bytes:
        kdf = dict(slot.kdf)
        if kdf.pop("name", None) != "argon2id":
            raise StoreError("store.keyslots_corrupt", path=str(self.path))
        salt = _unb64(kdf.pop("salt"))
        kek = KdfParams(**kdf).derive(secret, salt)
        try:
            return AESGCM(kek).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped_key), slot.aad(self.store_id))
        except InvalidTag:
            raise DomainError("auth.wrong_credentials") from None

    def current_params(self) -> KdfParams:
        """The cost new slots get: that of the existing slots (tuned when the store was created), never below
        the floor — the slot file is not authenticated, so a planted cheap slot must not weaken new ones."""
        if not self._slots:
            return KdfParams()
        found = KdfParams(**{k: v for k, v in self._slots[0].kdf.items() if k not in ("name", "salt")})
        floor = self.floor
        return KdfParams(max(found.memory_kib, floor.memory_kib), max(found.iterations, floor.iterations),
                         max(found.lanes, floor.lanes))

    def set_account(self, username: str, password: str, db_key: bytes, params: KdfParams | None = None) -> None:
        """Add or replace one account's slot; other slots are untouched. Saves the file."""
        label = self.label_for(username)
        slot = self._wrap("account", label, password, db_key, params or self.current_params())
        self._replace([s for s in self._slots if s.label != label] + [slot])

    def remove_account(self, username: str) -> None:
        label = self.label_for(username)
        self._replace([s for s in self._slots if s.label != label])

    def set_recovery(self, recovery_key: str, db_key: bytes, params: KdfParams | None = None) -> None:
        secret = normalise_recovery_key(recovery_key)
        slot = self._wrap("recovery", RECOVERY_LABEL, secret, db_key, params or self.current_params())
        self._replace([s for s in self._slots if s.label != RECOVERY_LABEL] + [slot])

    def unwrap_account(self, username: str, password: str) -> bytes:
        """The database key, or DomainError("auth.wrong_credentials") for an unknown name or wrong password."""
        slot = self._find(self.label_for(username))
        if slot is None:
            # Same cost and the same answer as a wrong password: the name's existence is not revealed.
            self._decoy_cost(password)
            raise DomainError("auth.wrong_credentials")
        return self._unwrap(slot, password)

    def _decoy_cost(self, secret: str) -> None:
        self.current_params().derive(secret, b"\0" * 16)

    def unwrap_recovery(self, recovery_key: str) -> bytes:
        slot = self._find(RECOVERY_LABEL)
        if slot is None:
            raise DomainError("auth.no_recovery_slot")
        try:
            return self._unwrap(slot, normalise_recovery_key(recovery_key))
        except DomainError:
            raise DomainError("auth.wrong_recovery_key") from None

    def slot_summary(self) -> list[tuple[str, str, dict]]:
        """(kind, created, kdf parameters without salt) for each slot — for About and tests."""
        return [(s.kind, s.created, {k: v for k, v in s.kdf.items() if k != "salt"}) for s in self._slots]
