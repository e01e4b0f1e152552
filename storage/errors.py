"""Known storage failures, translated at the boundary into domain errors with a code.

Anything not recognised here is a bug and propagates as such (qutebrowser ``misc/sql.py`` pattern).
"""

from __future__ import annotations

import errno
import sqlite3
from contextlib import contextmanager
from typing import Iterator

import sqlcipher3
from sqlalchemy import exc as sa_exc

from app.domain.errors import DomainError


class StoreError(DomainError):
    """A known fault of the store: the user gets a clear message, the store stays as it was."""


SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


def _code_for(orig: BaseException) -> str | None:
    code = getattr(orig, "sqlite_errorcode", None)
    if code is not None:
        primary = code & 0xFF
        return {
            SQLITE_NOTADB: "store.not_a_store_or_wrong_key",
            SQLITE_CORRUPT: "store.corrupt",
            SQLITE_FULL: "store.disk_full",
            SQLITE_BUSY: "store.busy",
            SQLITE_LOCKED: "store.busy",
        }.get(primary)
    text = str(orig).lower()
    if "not a database" in text:
        return "store.not_a_store_or_wrong_key"
    if "malformed" in text:
        return "store.corrupt"
    if "database or disk is full" in text:
        return "store.disk_full"
    return None


def translate(error: BaseException) -> StoreError | None:
    """Map a driver or OS error to a known StoreError, or None when it is a bug."""
    orig = error.orig if isinstance(error, sa_exc.DBAPIError) else error
    if isinstance(orig, (sqlcipher3.dbapi2.DatabaseError, sqlite3.DatabaseError)):
        code = _code_for(orig)
        return StoreError(code) if code else None
    if isinstance(orig, OSError):
        if orig.errno in (errno.ENOSPC, errno.EDQUOT):
            return StoreError("store.disk_full")
        if orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StoreError("store.no_permission", path=str(orig.filename or ""))
    return None


@contextmanager
def known_errors() -> Iterator[None]:
    """Re-raise recognised driver/OS errors as StoreError; let bugs through unchanged."""
    try:
        yield
    except StoreError:
        raise
    except (sa_exc.DBAPIError, sqlcipher3.dbapi2.Error, sqlite3.Error, OSError) as error:
        known = translate(error)
        if known is None:
            raise
        raise known from error
