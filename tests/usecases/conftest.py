"""A world of fakes for use-case tests: store, key slots, sign-in guard, fixed clock."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from app.domain.accounts import Account, Role, SignedInSession
from app.services import Services
from tests.fakes import FakeGuard, FakeOpener, FakeSlots, FakeStore, FixedClock

PASSWORD = "Start-Passw0rd"


@dataclass
class World:
    store: FakeStore
    slots: FakeSlots
    guard: FakeGuard
    clock: FixedClock
    opener: FakeOpener

    def add_account(self, username: str, *roles: Role, must_change: bool = False, password: str = PASSWORD) -> Account:
        now = self.clock.now()
        with self.store.uow_factory() as uow:
            account = uow.accounts.add(Account(None, username, username.upper(), frozenset(roles), now, now,
                                               must_change))
            uow.commit()
        self.slots.passwords[username.lower()] = password
        return account

    def services(self, account: Account) -> Services:
        session = SignedInSession(account, self.clock.now())
        return Services(session, self.store, self.slots, self.guard, self.clock, self.write_file)

    def write_file(self, path, data: bytes) -> None:
        self.written = (path, data)


@pytest.fixture
def world() -> World:
    store = FakeStore()
    return World(store, FakeSlots(store.db_key), FakeGuard(), FixedClock(), FakeOpener(store))


@pytest.fixture
def admins(world):
    """One account per role."""
    return {role: world.add_account(role.name.lower(), role) for role in Role}
