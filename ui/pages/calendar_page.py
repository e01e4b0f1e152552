"""节假日安排 and 规则版本: what the deadlines are computed with; the 系统管理员 maintains both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from app.domain.errors import DomainError
from app.domain.permissions import Permission
from app.rules_cli import describe_arrangement
from ui.dialogs.bureau_dialog import BureauDialog
from ui.dialogs.calendar_year_dialog import CalendarYearDialog
from ui.dialogs.fonts_dialog import FontsDialog
from ui.messages import text_for
from ui.widgets import ask
from ui.widgets.forms import ErrorLabel


class CalendarPage(QWidget):
    title = "节假日安排"

    def __init__(self, services, parent: QWidget | None = None, changed_callback=None) -> None:
        super().__init__(parent)
        self._services = services
        self._changed_callback = changed_callback
        self.warning = QLabel()
        self.warning.setObjectName("calendar_warning")
        self.warning.setStyleSheet("color: #b00020; font-weight: bold;")
        self.warning.setWordWrap(True)
        self.years = QListWidget()
        self.years.setObjectName("years")
        self.years.setFixedWidth(140)
        self.years.currentItemChanged.connect(self._on_year)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("year_detail")
        self.detail.setReadOnly(True)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        if services.can(Permission.CALENDAR_EDIT):
            self.edit_button = QPushButton("录入或更正年份…")
            self.edit_button.setObjectName("edit_year")
            self.edit_button.clicked.connect(self._on_edit)
            self.import_button = QPushButton("从文件导入…")
            self.import_button.setObjectName("import_calendar")
            self.import_button.clicked.connect(self._on_import)
            buttons.addWidget(self.edit_button)
            buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.years)
        body.addWidget(self.detail, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)
        layout.addLayout(body, 1)
        layout.addWidget(self.result)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        self.calendar = self._services.calendar()
        missing = self._services.next_year_missing()
        self.warning.setText(f"{missing}年节假日安排尚未载入：涉及{missing}年的期限均为暂定，请按国务院办公厅通知录入。"
                             if missing else "")
        self.warning.setVisible(bool(missing))
        current = self.years.currentItem().text() if self.years.currentItem() else None
        self.years.clear()
        for year in reversed(self.calendar.loaded_years):
            self.years.addItem(QListWidgetItem(f"{year}年"))
        matches = self.years.findItems(current, Qt.MatchFlag.MatchExactly) if current else []
        self.years.setCurrentItem(matches[0] if matches else self.years.item(0))

    def _on_year(self, item, _previous=None) -> None:
        if item is None:
            self.detail.clear()
            return
        year = int(item.text().rstrip("年"))
        self.detail.setPlainText("\n".join(describe_arrangement(self.calendar.arrangement(year))))

    def _report(self, saved_list) -> None:
        years = "、".join(f"{s.year}年" for s in saved_list)
        moved = [m for s in saved_list for m in s.moved]
        lines = [f"已保存{years}的节假日安排（已记入审计日志）。"]
        lines.append("受影响的未到期期限：" + ("；".join(f"{m.key}：{m.before.date} → {m.after.date}" for m in moved)
                                        if moved else "无。"))
        self.result.setText("\n".join(lines))
        self.refresh()
        if self._changed_callback:
            self._changed_callback()

    def _on_edit(self) -> None:
        item = self.years.currentItem()
        year = self._services.next_year_missing() or (int(item.text().rstrip("年")) if item else 2027)
        self.dialog = CalendarYearDialog(self._services, year, self)
        self.dialog.done.connect(lambda saved: self._report([saved]))
        self.dialog.open()

    def _on_import(self) -> None:
        self.error.clear_text()
        path = ask.ask_open_path(self, "导入节假日安排", "节假日安排文件 (*.json)")
        if path is None:
            return
        try:
            saved = self._services.import_calendar_file(path)
        except DomainError as error:
            self.error.show_text(f"导入失败：{text_for(error)}")
            return
        self._report(saved)


class RulesPage(QWidget):
    title = "规则版本"

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.text = QPlainTextEdit()
        self.text.setObjectName("rules_text")
        self.text.setReadOnly(True)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        if services.can(Permission.RULESET_EDIT):
            button = QPushButton("导入继任规则版本…")
            button.setObjectName("import_ruleset")
            button.clicked.connect(self._on_import)
            bureau = QPushButton("文书落款信息…")
            bureau.setObjectName("bureau")
            bureau.clicked.connect(self._on_bureau)
            fonts = QPushButton("文书字体…")
            fonts.setObjectName("fonts")
            fonts.clicked.connect(self._on_fonts)
            row = QHBoxLayout()
            row.addWidget(button)
            row.addWidget(bureau)
            row.addWidget(fonts)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.error)
        self.refresh()

    def refresh(self) -> None:
        book = self._services.rulebook()
        today = self._services.clock.today()
        in_force = book.in_force_on(today)
        lines = [f"今天（{today.isoformat()}）施行中的规则版本：{in_force.id if in_force else '无（归集时须明确选择）'}", ""]
        for ruleset in book.rulesets:
            end = ruleset.effective_to.isoformat() if ruleset.effective_to else "（未定）"
            lines.append(f"版本 {ruleset.id}：{ruleset.title}（{ruleset.document_number}），"
                         f"施行 {ruleset.effective_from.isoformat()} 至 {end}")
            lines += [f"    {p.label}：{p.describe()}（{p.basis}；自{p.trigger}起）"
                      + ("〔本局默认值〕" if p.origin.name == "DEFAULT" else "") for p in ruleset.periods()]
            lines.append("")
        self.text.setPlainText("\n".join(lines))

    def _on_fonts(self) -> None:
        self.dialog = FontsDialog(self._services, self)
        self.dialog.open()

    def _on_bureau(self) -> None:
        self.dialog = BureauDialog(self._services, self)
        self.dialog.open()

    def _on_import(self) -> None:
        path = ask.ask_open_path(self, "导入规则版本", "规则版本文件 (*.json)")
        if path is None:
            return
        try:
            self._services.add_ruleset(path.read_text(encoding="utf-8-sig"))
        except (DomainError, OSError, UnicodeDecodeError) as error:
            self.error.show_text(text_for(error) if isinstance(error, DomainError) else f"无法读取文件：{path}")
            return
        self.refresh()
