"""Add or correct one year's holiday arrangement, typed in from the 国务院办公厅 notice."""

from __future__ import annotations



from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from app.domain.calendar_entry import arrangement_from_entry, entry_from_arrangement
from ui.dialogs.account_dialogs import _FormDialog


class CalendarYearDialog(_FormDialog):
    fields = ("year", "title", "holidays", "makeup")

    def __init__(self, services, year: int, parent=None) -> None:
        super().__init__(services, "录入或更正节假日安排", parent)
        self.year = QSpinBox()
        self.year.setRange(2004, 2100)
        self.year.setValue(year)
        self.year.setObjectName("year")
        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.published = QDateEdit(QDate(services.clock.today()))
        self.published.setCalendarPopup(True)
        self.published.setDisplayFormat("yyyy-MM-dd")
        self.published_known = QCheckBox("发布日期")
        self.published_known.setChecked(True)
        date_row = QWidget()
        row = QHBoxLayout(date_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.published_known)
        row.addWidget(self.published)
        row.addStretch(1)
        self.holidays = QPlainTextEdit()
        self.holidays.setObjectName("holidays")
        self.holidays.setPlaceholderText("每行一项：名称 起始日期 [结束日期]\n元旦 2027-01-01\n春节 2027-02-06 2027-02-14")
        self.makeup = QPlainTextEdit()
        self.makeup.setObjectName("makeup")
        self.makeup.setPlaceholderText("每行一项：日期 所属节日\n2027-02-20 春节")
        self.add_row("年份", self.year, "year")
        self.add_row("通知标题", self.title, "title")
        self.form.addRow("", date_row)
        self.add_row("放假安排", self.holidays, "holidays")
        self.add_row("调休上班日", self.makeup, "makeup")
        note = QLabel("保存后，涉及该年的期限按新安排重新计算，并记入审计日志。")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)
        self.year.valueChanged.connect(self._load_year)
        self._load_year(year)
        self.resize(560, 560)

    def _load_year(self, year: int) -> None:
        calendar = self._services.calendar()
        if not calendar.is_loaded(year):
            self.title.setText(f"国务院办公厅关于{year}年部分节假日安排的通知")
            self.holidays.clear()
            self.makeup.clear()
            return
        arrangement = calendar.arrangement(year)
        holidays, makeup = entry_from_arrangement(arrangement)
        self.title.setText(arrangement.source_title)
        self.published_known.setChecked(arrangement.source_date is not None)
        if arrangement.source_date:
            self.published.setDate(QDate(arrangement.source_date))
        self.holidays.setPlainText(holidays)
        self.makeup.setPlainText(makeup)

    def submit(self):
        published = self.published.date().toPython() if self.published_known.isChecked() else None
        arrangement = arrangement_from_entry(self.year.value(), self.title.text(), published,
                                             self.holidays.toPlainText(), self.makeup.toPlainText())
        return self._services.save_calendar_year(arrangement)



