"""Process-wide Qt set-up: Chinese translations for Qt's own dialogs, the bundled CJK UI font."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.resources import resource_path

UI_FONT_FILE = ("fonts", "wqy-microhei", "wqy-microhei.ttc")
UI_FONT_POINT_SIZE = 10


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load qtbase_zh_CN so standard buttons and dialogs (确定, 取消, 打印…) are Chinese."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = []
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def register_ui_font(app: QApplication) -> str | None:
    """Register the bundled font so Chinese renders on a machine that has no Chinese fonts at all."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path(*UI_FONT_FILE)))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    app.setFont(QFont(families[0], UI_FONT_POINT_SIZE))
    return families[0]


def set_up_application(app: QApplication) -> None:
    app.setApplicationDisplayName("涉密领域失信信息管理系统")
    install_translations(app)
    register_ui_font(app)
