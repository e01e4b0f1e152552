"""A real encrypted store in tmp_path, with a fast KDF (KeePassXC ``fastKdf()`` idea)."""

from __future__ import annotations

import pytest

from storage.keyslots import FAST_TEST_KDF
from tests.fakes import FixedClock
from ui.composition import Context

ADMIN, ADMIN_PW = "admin", "Guard-Passw0rd"


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def ctx(tmp_path, clock):
    context = Context(tmp_path / "data", clock=clock, kdf=FAST_TEST_KDF)
    context.recovery_key = context.create_store(ADMIN, "管理员", ADMIN_PW)
    yield context
    context.release()


@pytest.fixture
def admin(ctx):
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    yield services
    services.store.engine.dispose()
