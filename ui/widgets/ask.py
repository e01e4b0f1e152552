"""Blocking questions, each wrapped in one function that tests can replace (STYLE §4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


LABELS = {QFileDialog.DialogLabel.LookIn: "查找范围：", QFileDialog.DialogLabel.FileName: "文件名称：",
          QFileDialog.DialogLabel.FileType: "文件类型：", QFileDialog.DialogLabel.Reject: "取消"}


def _file_dialog(parent: QWidget, title: str, directory: str, file_filter: str, save: bool) -> Path | None:
    """Qt's own file dialog with every label in Chinese (qtbase_zh_CN lacks "&Look in:" and "Files of &type:")."""
    dialog = QFileDialog(parent, title, directory, file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    for label, text in {**LABELS, QFileDialog.DialogLabel.Accept: "保存" if save else "打开"}.items():
        dialog.setLabelText(label, text)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    start = suggested if Path(suggested).is_absolute() else str(Path.home() / suggested)
    return _file_dialog(parent, title, start, file_filter, save=True)


def ask_open_path(parent: QWidget, title: str, file_filter: str) -> Path | None:
    return _file_dialog(parent, title, str(Path.home()), file_filter, save=False)


def confirm(parent: QWidget, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    from PySide6.QtWidgets import QInputDialog
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None
