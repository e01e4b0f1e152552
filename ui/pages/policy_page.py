"""安全策略: the numbers the 安全保密管理员 sets (lockout, idle lock, passwords)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from app.domain.accounts import SecurityPolicy
from app.domain.errors import DomainError
from ui.messages import text_for
from ui.widgets.forms import ErrorLabel

LABELS = {
    "max_failed_attempts": ("连续登录失败锁定次数", "次"),
    "lockout_minutes": ("锁定时长", "分钟"),
    "idle_lock_minutes": ("无操作自动锁屏", "分钟"),
    "password_min_length": ("密码最小长度", "个字符"),
    "password_min_classes": ("密码至少包含字符类别", "类（共 4 类）"),
    "password_max_age_days": ("密码有效期", "天"),
}


class PolicyPage(QWidget):
    """Signals: none; the main window re-reads the idle time after a save through ``saved_callback``."""

    title = "安全策略"

    def __init__(self, services, parent: QWidget | None = None, saved_callback=None) -> None:
        super().__init__(parent)
        self._services = services
        self._saved_callback = saved_callback
        self.spins: dict[str, QSpinBox] = {}
        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name, (label, unit) in LABELS.items():
            low, high = SecurityPolicy.LIMITS[name]
            spin = QSpinBox()
            spin.setObjectName(name)
            spin.setRange(low, high)
            spin.setSuffix(f" {unit}")
            self.spins[name] = spin
            self.errors[name] = ErrorLabel()
            form.addRow(label, spin)
            form.addRow("", self.errors[name])
        self.save_button = QPushButton("保存")
        self.save_button.setObjectName("save_policy")
        self.save_button.clicked.connect(self._on_save)
        self.status = QLabel()
        self.form_error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addLayout(row)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        policy = self._services.security_policy()
        for name, spin in self.spins.items():
            spin.setValue(getattr(policy, name))

    def _on_save(self) -> None:
        for label in (*self.errors.values(), self.form_error):
            label.clear_text()
        new = replace(SecurityPolicy(), **{name: spin.value() for name, spin in self.spins.items()})
        try:
            saved = self._services.set_security_policy(new)
        except DomainError as error:
            self.errors.get(error.field or "", self.form_error).show_text(text_for(error))
            return
        self.status.setText("已保存。")
        if self._saved_callback:
            self._saved_callback(saved)
