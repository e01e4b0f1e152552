"""Open the encrypted database: raw key, pragmas, and a first read that checks the key.

Every connection is made by ``_connect``: ``PRAGMA key`` with a raw 256-bit key comes first (any statement
before it would make the key ineffective, laggykiller/sqlcipher3#1), then the security and durability
pragmas, then ``SELECT count(*) FROM sqlite_master`` so a wrong key or a foreign file fails here with a
known error instead of at some later query.
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

from storage.errors import StoreError, known_errors

KEY_BYTES = 32

_PRAGMAS = (
    "PRAGMA cipher_memory_security = ON",
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 2000",
)


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex().upper()}'\""


def connect(path: Path, key: bytes) -> sqlcipher3.dbapi2.Connection:
    """Open one keyed connection, or raise StoreError for a wrong key or a file that is not our store."""
    with known_errors():
        fresh = not path.exists()
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
        try:
            conn.execute(_key_pragma(key))
            for pragma in _PRAGMAS:
                conn.execute(pragma)
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            if fresh:
                os.chmod(path, 0o600)
        except BaseException:
            conn.close()
            raise
    return conn


def create_store_engine(path: Path, key: bytes) -> Engine:
    """An Engine whose every connection is keyed and checked by :func:`connect`.

    NullPool: no idle keyed connection is kept open between units of work (SQLAlchemy's own advice for
    pysqlcipher), so locking the window leaves nothing open.
    """
    key = bytes(key)
    engine = create_engine(
        "sqlite+pysqlite://", module=sqlcipher3.dbapi2, creator=lambda: connect(path, key), poolclass=NullPool
    )

    @event.listens_for(engine, "begin")
    def _begin_immediate(conn):  # one writer: take the write lock at BEGIN, never mid-transaction
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def pragma_value(engine: Engine, name: str) -> object:
    """Read one PRAGMA on a fresh connection (used by tests, About and verify)."""
    with engine.connect() as conn:
        row = conn.exec_driver_sql(f"PRAGMA {name}").fetchone()
    return None if row is None else row[0]


def check_file_is_store(path: Path) -> None:
    """Refuse early a file that is plainly not ours (plaintext SQLite or empty)."""
    if not path.exists():
        raise StoreError("store.missing", path=str(path))
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"SQLite format 3"):
        raise StoreError("store.not_a_store_or_wrong_key")
    if len(head) < 16:
        raise StoreError("store.corrupt")
