"""Audit entries as a read-only table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.domain.audit import AuditEntry
from app.exports.audit_xlsx import detail_text

OBJECT_TYPES = {"account": "账户", "store": "数据库", "audit": "审计日志", "settings": "设置", "file": "文件",
                "calendar": "节假日安排", "ruleset": "规则版本", "unit": "单位", "person": "个人", "record": "失信信息",
                "subject": "主体"}
COLUMNS = ("序号", "时间", "账户", "角色", "操作", "对象", "结果", "变更内容")


class AuditTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self.endResetModel()

    def entry(self, row: int) -> AuditEntry:
        return self._entries[row]

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        e = self._entries[index.row()]
        kind = OBJECT_TYPES.get(e.object_type, e.object_type)
        obj = f"{kind}：{e.object_id}" if e.object_id else kind
        return (e.seq, e.at[:19].replace("T", " "), e.account, e.roles, e.action_label, obj, e.outcome,
                detail_text(e.detail))[index.column()]
