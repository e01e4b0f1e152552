"""Entry point: the command line, or the GUI (the composition root wires storage into the windows)."""

from __future__ import annotations

import sys


def _install_excepthook(app) -> None:
    """No traceback ever reaches a user: an unexpected error gets a Chinese message, nothing on disk."""
    from PySide6.QtWidgets import QMessageBox

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            app.quit()
            return
        QMessageBox.critical(None, "程序内部错误",
                             f"发生了意外错误（{exc_type.__name__}），当前操作未完成，已保存的数据不受影响。\n"
                             "请记录出错前的操作步骤，并联系系统管理员。")

    sys.excepthook = hook


def _chinese_system_locale() -> None:
    """Dates and names in Qt's own dialogs follow the system locale: make it Chinese where it is unset/C."""
    import os
    if os.name == "posix" and not any(os.environ.get(v, "").startswith("zh") for v in ("LC_ALL", "LANG")):
        os.environ["LC_ALL"] = os.environ["LANG"] = "zh_CN.UTF-8"


def run_gui(data_dir: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from app.domain.errors import DomainError
    from ui.app_controller import AppController
    from ui.composition import Context, about_facts, default_data_dir
    from ui.messages import text_for
    from ui.qt_setup import set_up_application
    from ui.widgets import ask

    _chinese_system_locale()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    set_up_application(app)
    _install_excepthook(app)
    context = Context(default_data_dir(data_dir))
    controller = AppController(context, about_facts)
    controller.quit_requested.connect(app.quit)
    try:
        controller.start()
    except DomainError as error:
        ask.warn(None, "无法打开数据库", text_for(error))
        return 1
    code = app.exec()
    context.release()
    return code


def main(argv: list[str]) -> int:
    from ui.cli import build_parser, run
    args = build_parser().parse_args(argv)
    if args.command or args.self_test:
        return run(args)
    return run_gui(args.data_dir)
