"""The composition root: the only module in ui/ that touches storage.

It finds the data folder, builds the ``Vault`` and, after a successful sign-in, the ``Services`` the
windows call. Nothing here runs at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from app.ports import Clock, SystemClock
from app.services import Services
from app.usecases import session as session_uc
from storage import migrate
from storage.backup import SUFFIX as BACKUP_SUFFIX
from storage.backup import restore_backup
from storage.engine import pragma_value
from storage.files import atomic_write_bytes
from storage.keyslots import KdfParams, calibrate
from storage.store import Vault

ENV_HOME = "CREDIT_LEDGER_HOME"
APP_NAME = "credit-ledger"


def default_data_dir(explicit: str | None = None) -> Path:
    """--data-dir, then $CREDIT_LEDGER_HOME, then the per-user application data folder (QStandardPaths)."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    if os.environ.get(ENV_HOME):
        return Path(os.environ[ENV_HOME]).expanduser().resolve()
    from PySide6.QtCore import QCoreApplication, QStandardPaths
    QCoreApplication.setOrganizationName("gzbmj")
    QCoreApplication.setApplicationName(APP_NAME)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


@dataclass
class Context:
    """Everything that exists before anyone has signed in."""

    data_dir: Path
    clock: Clock = field(default_factory=SystemClock)
    kdf: KdfParams | None = None  # None: calibrated to about 0.5 s when the store is created
    vault: Vault = field(init=False)

    def __post_init__(self) -> None:
        self.vault = Vault(self.data_dir, kdf=self.kdf)

    def store_exists(self) -> bool:
        return self.vault.exists()

    def acquire(self) -> None:
        self.vault.acquire()

    def create_store(self, username: str, display_name: str, password: str) -> str:
        if self.vault._kdf is None:
            self.vault._kdf = calibrate()
        return self.vault.create(username, display_name, password, clock=self.clock)

    def sign_in(self, username: str, password: str) -> tuple[Services, session_uc.SignedIn]:
        vault = self.vault
        result = session_uc.sign_in(session_uc.SignIn(username, password), slots=vault.slots, guard=vault.guard,
                                    opener=vault, clock=self.clock)
        return self.services_for(result), result

    def services_for(self, result: session_uc.SignedIn) -> Services:
        return Services(result.session, result.store, self.vault.slots, self.vault.guard, self.clock,
                        atomic_write_bytes)

    def recover(self, cmd: session_uc.RecoverWithKey) -> None:
        session_uc.recover_with_key(cmd, slots=self.vault.slots, guard=self.vault.guard, opener=self.vault,
                                    clock=self.clock)

    def restore(self, source: Path, username: str, password: str, backup_password: str | None = None) -> Path:
        """Restore ``source``. While the current store opens, a 系统管理员 of it must authorise the restore
        (signed in, audited, anchored); only a store that cannot be opened at all is replaced on the
        strength of the backup's own credentials — the restored trail says which case it was."""
        replaced = self._authorise_restore(source, username, password)
        old = restore_backup(self.vault, source, username, backup_password or password, clock=self.clock,
                             replaced=replaced)
        self.vault.forget_cached_files()
        return old

    def _authorise_restore(self, source: Path, username: str, password: str) -> dict:
        from app.usecases.maintenance import begin_restore
        from storage.backup import read_backup
        from storage.errors import StoreError
        read_backup(source)  # a file that is no backup is refused before anyone signs in
        try:
            services, _ = self.sign_in(username, password)
        except StoreError as error:  # the current store cannot be opened: nothing there can authorise
            self.vault.forget_cached_files()
            return {"原数据库": f"无法打开（{error.code}），由备份中的系统管理员授权恢复"}
        try:
            return begin_restore(source, session=services.session, store=services.store, clock=self.clock)
        finally:
            services.store.close()

    def release(self) -> None:
        self.vault.release()


def about_facts(services: Services) -> dict[str, str]:
    """Version, schema version and SQLCipher version for 关于."""
    from app import __version__
    store = services.store
    return {"版本": __version__, "数据库结构版本": str(store.schema_revision()),
            "SQLCipher 版本": str(pragma_value(store.engine, "cipher_version")),
            "最新结构版本": migrate.head_revision(), "数据文件夹": str(store.vault.path)}


__all__ = ["BACKUP_SUFFIX", "Context", "about_facts", "default_data_dir"]
