"""备份与恢复: the 系统管理员 writes backups, checks integrity, restores from a backup."""

from __future__ import annotations


from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import DomainError
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.forms import ErrorLabel

BACKUP_FILTER = "失信信息系统备份 (*.clbak)"


class MaintenancePage(QWidget):
    """Signals:
        restore_requested: the user chose a backup file to restore; arg: Path
    """

    title = "备份与恢复"
    restore_requested = Signal(object)

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        intro = QLabel("备份文件为加密数据库副本（含密钥槽和审计锚点），写出后回读校验。请存放在登记的专用介质上。"
                       "恢复前先完整检查备份，原数据库保留为带日期的副本。")
        intro.setWordWrap(True)
        self.backup_button = QPushButton("备份到文件…")
        self.backup_button.setObjectName("backup")
        self.backup_button.clicked.connect(self._on_backup)
        self.verify_button = QPushButton("完整性检查")
        self.verify_button.setObjectName("verify_store")
        self.verify_button.clicked.connect(self._on_verify)
        self.restore_button = QPushButton("从备份恢复…")
        self.restore_button.setObjectName("restore")
        self.restore_button.clicked.connect(self._on_restore)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        row = QHBoxLayout()
        for button in (self.backup_button, self.verify_button, self.restore_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def refresh(self) -> None:
        pass

    def _on_backup(self) -> None:
        self.error.clear_text()
        target = ask.ask_save_path(self, "备份到文件", f"失信信息备份-{self._services.clock.today():%Y%m%d}.clbak", BACKUP_FILTER)
        if target is None:
            return
        try:
            manifest = self._services.backup(target)
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        self.result.setText(f"已写出并校验备份：{target}\nSHA-256：{manifest['sha256']}")

    def _on_verify(self) -> None:
        self.error.clear_text()
        try:
            report = self._services.verify_store()
        except DomainError as error:
            self.error.show_text(text_for(error))
            return
        lines = [f"{what}：{'通过' if ok else '失败 ' + info}" for what, ok, info in report.checks]
        chain = report.chain
        lines.append(f"审计链：{'完整' if chain.ok else f'第 {chain.first_broken_seq} 条起异常'}（{chain.checked} 条）")
        self.result.setText("\n".join(lines))

    def _on_restore(self) -> None:
        source = ask.ask_open_path(self, "选择备份文件", BACKUP_FILTER)
        if source and ask.confirm(self, "从备份恢复", "恢复将退出登录，用备份替换当前数据库（当前数据库保留为副本）。继续吗？"):
            self.restore_requested.emit(source)
