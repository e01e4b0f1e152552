"""Login → main window → idle lock → unlock; the lockout after 5 failures and its trace in the audit trail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLineEdit

from tests.gui.harness import (ADMIN, ADMIN_NAME, ADMIN_PW, assert_error_at, audit_actions, click, ok_button,
                               type_into)
from ui.dialogs.account_dialogs import CreateAccountDialog
from ui.dialogs.recovery_dialog import RecoveryDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("store")

WRONG = "Wrong-Passw0rd"


@pytest.fixture
def window(gui) -> MainWindow:
    gui.start()
    return gui.sign_in(ADMIN, ADMIN_PW)


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr("ui.main_window.QMessageBox.warning", lambda *args: shown.append(args[1:]))
    return shown


def open_create_dialog(qtbot, window, username: str) -> CreateAccountDialog:
    window.show_page("账户管理")
    page = window.page("账户管理")
    click(qtbot, page.buttons["create"])
    dialog = page.dialog
    assert isinstance(dialog, CreateAccountDialog) and dialog.isVisible()
    type_into(qtbot, dialog.username, username)
    return dialog


def visible_text(window) -> str:
    """The text of every line edit a person could see in the window right now."""
    edits = [e.text() for e in window.findChildren(QLineEdit) if e.isVisible()]
    return " ".join(edits)


# -- login --------------------------------------------------------------------------------------------------
def test_a_wrong_password_says_how_many_attempts_remain_and_clears_the_field(qtbot, gui, shot):
    gui.start()
    login = gui.login
    gui.submit_login(ADMIN, WRONG)
    assert login.isVisible() and gui.window is None
    assert login.error.isVisible()
    assert login.error.text() == "账户名或密码不正确。再失败 4 次，账户将被锁定。"
    assert login.password.text() == "" and login.username.text() == ADMIN
    qtbot.waitUntil(login.password.hasFocus, timeout=1000)
    shot(login, "03-login-with-error")


def test_an_unknown_account_gets_the_same_message_as_a_wrong_password(gui):
    gui.start()
    gui.submit_login("nobody", ADMIN_PW)
    assert gui.login.error.text().startswith("账户名或密码不正确。")


def test_pressing_enter_in_the_password_field_signs_in(qtbot, gui):
    gui.start()
    type_into(qtbot, gui.login.username, ADMIN)
    type_into(qtbot, gui.login.password, ADMIN_PW)
    with qtbot.waitSignal(gui.controller.main_window_shown, timeout=5000):
        qtbot.keyClick(gui.login.password, Qt.Key.Key_Return)


def test_an_empty_account_name_is_asked_for(qtbot, gui):
    gui.start()
    click(qtbot, gui.login.login_button)
    assert gui.login.error.text() == "请输入账户名。"


def test_the_right_password_opens_the_main_window_with_the_user_and_role_in_the_status_bar(gui):
    gui.start()
    window = gui.sign_in(ADMIN, ADMIN_PW)
    assert not gui.login.isVisible()
    assert window.windowTitle() == "涉密领域失信信息管理系统"
    assert window.user_label.isVisible()
    assert window.user_label.text() == f"当前用户：{ADMIN_NAME}（{ADMIN}）　角色：系统管理员"


# -- idle lock ----------------------------------------------------------------------------------------------
def test_idle_time_locks_the_window_hides_the_open_form_and_keeps_its_input(qtbot, gui, window, shot):
    dialog = open_create_dialog(qtbot, window, "zhangsan")
    table = window.page("账户管理").table
    assert table.isVisible()

    gui.idle_for(minutes=9)
    assert not window.locked
    gui.idle_for(minutes=1)

    assert window.locked
    assert window.stack.currentWidget() is window.lock_screen and window.lock_screen.isVisible()
    assert not dialog.isVisible() and not table.isVisible()
    assert "zhangsan" not in visible_text(window)
    assert not window.menuBar().isEnabled()
    assert "长时间无操作，窗口已自动锁定。" in window.lock_screen.who.text()
    assert f"{ADMIN_NAME}（{ADMIN}）" in window.lock_screen.who.text()
    shot(window, "05-locked-window")

    type_into(qtbot, window.lock_screen.password, WRONG)
    click(qtbot, window.lock_screen.unlock_button)
    assert window.locked and window.lock_screen.error.isVisible()
    assert window.lock_screen.error.text() == "密码不正确。再失败 4 次，账户将被锁定。"
    assert window.lock_screen.password.text() == ""

    type_into(qtbot, window.lock_screen.password, ADMIN_PW)
    click(qtbot, window.lock_screen.unlock_button)
    assert not window.locked
    assert table.isVisible() and window.menuBar().isEnabled()
    assert dialog.isVisible() and dialog.username.text() == "zhangsan"
    trail = audit_actions(window.services)
    assert [e.action for e in trail[-3:]] == ["auth.session_locked", "auth.sign_in_failed", "auth.session_unlocked"]
    assert trail[-3].detail == {"原因": "idle"}


def test_typing_keeps_the_window_unlocked(qtbot, gui, window):
    dialog = open_create_dialog(qtbot, window, "a")
    for _ in range(15):
        gui.clock.advance(minutes=1)
        qtbot.keyClicks(dialog.display_name, "x")
        gui.watcher.check()
    assert not window.locked


def test_a_jump_of_the_wall_clock_between_ticks_locks_as_a_resume_from_sleep(qtbot, gui, window):
    gui.tick(minutes=1)
    assert not window.locked
    gui.tick(minutes=4)  # far more than one tick, far less than the idle time: the machine slept
    assert window.locked
    assert "计算机从睡眠中恢复，窗口已锁定。" in window.lock_screen.who.text()
    type_into(qtbot, window.lock_screen.password, ADMIN_PW)
    qtbot.keyClick(window.lock_screen.password, Qt.Key.Key_Return)
    assert not window.locked
    [locked] = audit_actions(window.services, "auth.session_locked")
    assert locked.detail == {"原因": "resume"}


def test_while_locked_nothing_more_fires_and_after_unlocking_the_idle_time_starts_again(qtbot, gui, window):
    gui.idle_for(minutes=10)
    assert window.locked
    with qtbot.assertNotEmitted(gui.watcher.idle), qtbot.assertNotEmitted(gui.watcher.resumed):
        gui.idle_for(minutes=30)
    type_into(qtbot, window.lock_screen.password, ADMIN_PW)
    click(qtbot, window.lock_screen.unlock_button)
    gui.idle_for(minutes=9)
    assert not window.locked
    gui.idle_for(minutes=1)
    assert window.locked


def test_five_wrong_passwords_at_the_lock_screen_end_the_session(qtbot, gui, window, warnings_shown):
    window.lock("manual")
    for _ in range(5):
        type_into(qtbot, window.lock_screen.password, WRONG)
        click(qtbot, window.lock_screen.unlock_button)
    [(title, text)] = warnings_shown
    assert title == "账户已锁定" and text.startswith("密码连续错误 5 次，账户已锁定 15 分钟")
    assert not window.isVisible()
    assert gui.login.isVisible()
    gui.submit_login(ADMIN, ADMIN_PW)
    assert gui.login.error.text().startswith("该账户因多次登录失败已被锁定")


# -- lockout at the login ------------------------------------------------------------------------------------
def fail(gui, times: int) -> list[str]:
    texts = []
    for _ in range(times):
        gui.submit_login(ADMIN, WRONG)
        texts.append(gui.login.error.text())
    return texts


def test_the_fifth_wrong_password_locks_the_account_and_even_the_right_one_is_then_refused(gui):
    gui.start()
    texts = fail(gui, 5)
    assert texts[:4] == [f"账户名或密码不正确。再失败 {n} 次，账户将被锁定。" for n in (4, 3, 2, 1)]
    assert texts[4] == "密码连续错误 5 次，账户已锁定 15 分钟（至 2026年12月4日 09:45）。"
    gui.submit_login(ADMIN, ADMIN_PW)
    assert gui.window is None
    assert gui.login.error.text() == ("该账户因多次登录失败已被锁定，请于 2026年12月4日 09:45 后再试，"
                                     "或请安全保密管理员解锁。")


def test_after_the_lockout_time_the_failures_are_in_the_audit_trail(gui):
    gui.start()
    fail(gui, 5)
    gui.clock.advance(minutes=16)
    window = gui.sign_in(ADMIN, ADMIN_PW)
    trail = audit_actions(window.services)
    failed = [e for e in trail if e.action == "auth.sign_in_failed"]
    assert len(failed) == 5 and {e.account for e in failed} == {ADMIN}
    assert [e.at for e in failed] == ["2026-12-04T09:30:00+08:00"] * 5
    [locked] = [e for e in trail if e.action == "auth.account_locked"]
    assert locked.account == ADMIN
    assert trail[-1].action == "auth.sign_in" and trail[-1].at == "2026-12-04T09:46:00+08:00"


def test_the_failure_count_survives_a_restart(gui):
    gui.start()
    fail(gui, 3)
    gui.restart()
    assert fail(gui, 1)[0].endswith("再失败 1 次，账户将被锁定。")
    assert fail(gui, 1)[0].startswith("密码连续错误 5 次")
    gui.restart()
    gui.submit_login(ADMIN, ADMIN_PW)
    assert gui.window is None and gui.login.error.text().startswith("该账户因多次登录失败已被锁定")


# -- every password lost: the recovery key ------------------------------------------------------------------
def test_the_recovery_key_sets_a_new_administrator_password_after_a_wrong_key_was_refused_at_its_field(
        qtbot, gui, store, monkeypatch):
    told = []
    monkeypatch.setattr("ui.widgets.ask.inform", lambda parent, title, text: told.append(text))
    gui.start()
    fail(gui, 5)
    click(qtbot, gui.login.recovery_button)
    dialog = gui.controller._dialog
    assert isinstance(dialog, RecoveryDialog) and dialog.isVisible()
    wrong = "-".join(["ABCD"] * 8)
    for edit, text in ((dialog.key, wrong), (dialog.username, ADMIN), (dialog.new, "New-Passw0rd-9"),
                       (dialog.confirm, "New-Passw0rd-9")):
        type_into(qtbot, edit, text)
    click(qtbot, ok_button(dialog))
    assert dialog.isVisible()
    assert_error_at(dialog.findChild(QFormLayout), dialog.key, dialog.errors["recovery_key"], "恢复密钥不正确")
    type_into(qtbot, dialog.key, store.lower().replace("-", " "))  # as typed from paper: case and spacing vary
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    assert told == ["新密码已设置，请用它登录。"]
    window = gui.sign_in(ADMIN, "New-Passw0rd-9")  # the lockout is lifted too
    actions = [e.action for e in audit_actions(window.services)]
    assert actions.count("auth.recovery_used") == 1 and actions[-1] == "auth.sign_in"
