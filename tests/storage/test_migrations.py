"""Alembic migrations on a real encrypted store: every earlier revision upgrades at unlock, after a backup."""

from __future__ import annotations

from alembic import command

from storage import migrate
from storage.backup import read_backup
from storage.engine import create_store_engine
from tests.storage.conftest import ADMIN, ADMIN_PW


def _downgrade(ctx, key: bytes, target: str) -> None:
    engine = create_store_engine(ctx.data_dir / "ledger.db", key)
    cfg = migrate._config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, target)
    engine.dispose()


def test_a_new_store_is_at_the_head_revision(ctx, admin):
    assert admin.store.schema_revision() == migrate.head_revision() == "0003"


def test_a_store_at_an_earlier_revision_is_backed_up_then_upgraded_at_unlock(ctx, admin):
    key = admin.store.db_key
    admin.store.close()
    _downgrade(ctx, key, "0001")
    services, _ = ctx.sign_in(ADMIN, ADMIN_PW)
    assert services.store.schema_revision() == "0003" and services.store.migrated_from == "0001"
    backups = list((ctx.data_dir / "backups").glob("pre-migration-0001-*.clbak"))
    assert len(backups) == 1 and read_backup(backups[0]).manifest["schema"] == "0001"
    with services.store.uow_factory() as uow:
        migrated = [e for e in uow.audit.all_entries() if e.action == "store.migrated"]
        assert migrated[-1].detail == {"before": {"结构版本": "0001"}, "after": {"结构版本": "0003"}}
        assert uow.audit.verify(None).ok
    services.store.engine.dispose()


def test_every_revision_downgrades_and_upgrades_cleanly(ctx, admin):
    key = admin.store.db_key
    admin.store.close()
    engine = create_store_engine(ctx.data_dir / "ledger.db", key)
    for target in ("0001", "0002", "0003"):
        _downgrade(ctx, key, "0001")
        migrate.upgrade(engine, target)
        assert migrate.current_revision(engine) == target
    engine.dispose()
