"""首页 for business accounts: who is signed in and what is available."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.domain.accounts import role_labels


class HomePage(QWidget):
    title = "首页"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        account = services.session.account
        roles = role_labels(account.roles) or "（尚未授予业务角色，请联系安全保密管理员）"
        text = QLabel(f"<h2>欢迎，{account.display_name}</h2><p>当前角色：{roles}</p>"
                      "<p>可用模块：失信信息（归集、陈述申辩、审核审批、告知书与送达）、主体。"
                      "异议、延期、删除、报送、查询等模块将在后续版本中提供。</p>")
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)

    def refresh(self) -> None:
        pass
