"""First start: the set-up wizard creates the store and the first 系统管理员, shows the recovery key once,
and hands over to the login."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QWizard

from tests.gui.harness import (ADMIN, ADMIN_NAME, ADMIN_PW, RECOVERY_KEY, assert_error_at, click, store_files,
                               toggle, type_into)
from ui.dialogs.login_dialog import LoginDialog
from ui.dialogs.setup_wizard import SetupWizard

NEXT, FINISH = QWizard.WizardButton.NextButton, QWizard.WizardButton.FinishButton


@pytest.fixture
def printed(monkeypatch):
    """Replaces the print dialog: records (html, title) instead of printing."""
    sheets = []
    monkeypatch.setattr("ui.printing.print_html", lambda parent, html, title: sheets.append((html, title)) or True)
    return sheets


@pytest.fixture
def wizard(gui) -> SetupWizard:
    gui.start()
    wizard = gui.controller.wizard
    assert isinstance(wizard, SetupWizard) and wizard.isVisible()
    return wizard


def fill_admin_page(qtbot, wizard, username=ADMIN, name=ADMIN_NAME, password=ADMIN_PW, confirm=ADMIN_PW):
    page = wizard.admin
    for edit, text in ((page.username, username), (page.display_name, name), (page.password, password),
                       (page.confirm, confirm)):
        type_into(qtbot, edit, text)
    click(qtbot, wizard.button(NEXT))


def to_admin_page(qtbot, wizard) -> None:
    assert wizard.currentPage() is wizard.intro
    click(qtbot, wizard.button(NEXT))
    assert wizard.currentPage() is wizard.admin


def to_recovery_page(qtbot, wizard) -> None:
    to_admin_page(qtbot, wizard)
    fill_admin_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.recovery


def test_an_empty_folder_starts_the_setup_wizard_and_nothing_else(gui, wizard):
    assert gui.controller.login is None and gui.controller.window is None
    assert wizard.windowTitle() == "涉密领域失信信息管理系统 — 初始设置"
    assert any(str(gui.data_dir) in label.text() for label in wizard.intro.findChildren(QLabel))


def test_passwords_that_differ_are_refused_at_the_confirmation_field_and_create_nothing(qtbot, gui, wizard,
                                                                                        shot):
    to_admin_page(qtbot, wizard)
    fill_admin_page(qtbot, wizard, confirm=ADMIN_PW + "x")
    page = wizard.admin
    assert wizard.currentPage() is page
    assert_error_at(page.layout(), page.confirm, page.errors["confirm"], "两次输入的密码不一致")
    assert not page.errors["password"].isVisible()
    assert store_files(gui.data_dir) == []
    shot(wizard, "01-wizard-admin-page-error")


@pytest.mark.parametrize(("password", "words"), [("Short-1a", ["至少需要 10 个字符"]),
                                                 ("alllowercaseletters", ["至少包含", "3 类"]),
                                                 ("Admin-Passw0rd", ["不能包含账户名"])])
def test_a_weak_password_is_refused_at_the_password_field_and_creates_nothing(qtbot, gui, wizard, password,
                                                                              words):
    to_admin_page(qtbot, wizard)
    fill_admin_page(qtbot, wizard, password=password, confirm=password)
    page = wizard.admin
    assert wizard.currentPage() is page
    assert_error_at(page.layout(), page.password, page.errors["password"], *words)
    assert not page.errors["confirm"].isVisible()
    assert store_files(gui.data_dir) == []


def test_a_missing_name_is_refused_at_the_name_field(qtbot, gui, wizard):
    to_admin_page(qtbot, wizard)
    fill_admin_page(qtbot, wizard, name="   ")
    page = wizard.admin
    assert_error_at(page.layout(), page.display_name, page.errors["display_name"], "请填写姓名")
    assert store_files(gui.data_dir) == []


def test_after_a_correction_the_store_is_created_and_the_recovery_key_is_shown_once(qtbot, gui, wizard, shot):
    to_admin_page(qtbot, wizard)
    fill_admin_page(qtbot, wizard, confirm="something else")
    fill_admin_page(qtbot, wizard)
    assert wizard.currentPage() is wizard.recovery
    key = wizard.recovery.key_label.text()
    assert RECOVERY_KEY.match(key), key
    assert {"ledger.db", "keyslots.json"} <= set(store_files(gui.data_dir))
    assert wizard.admin.password.text() == "" and wizard.admin.confirm.text() == ""
    shot(wizard, "02-wizard-recovery-page")


def test_finish_stays_disabled_until_the_key_is_confirmed_as_kept(qtbot, wizard):
    to_recovery_page(qtbot, wizard)
    finish = wizard.button(FINISH)
    assert finish.isVisible() and not finish.isEnabled()
    toggle(qtbot, wizard.recovery.saved)
    assert finish.isEnabled()
    toggle(qtbot, wizard.recovery.saved)
    assert not finish.isEnabled()


def test_the_print_button_prints_a_sheet_with_the_key(qtbot, wizard, printed):
    to_recovery_page(qtbot, wizard)
    click(qtbot, wizard.recovery.print_button)
    [(html, title)] = printed
    assert title == "恢复密钥"
    for group in wizard.recovery.key_label.text().split("-"):
        assert group in html
    assert ADMIN in html and "保管人签字" in html


def test_the_wizard_cannot_be_closed_while_the_key_is_on_screen(qtbot, wizard):
    to_recovery_page(qtbot, wizard)
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    wizard.reject()
    assert wizard.isVisible()
    wizard.close()
    assert wizard.isVisible()
    assert wizard.currentPage() is wizard.recovery


def test_closing_the_wizard_before_anything_was_created_quits(qtbot, gui, wizard):
    to_admin_page(qtbot, wizard)
    with qtbot.waitSignal(gui.controller.quit_requested, timeout=1000):
        click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    assert store_files(gui.data_dir) == []


def test_finishing_the_wizard_leads_to_the_login_where_the_new_administrator_signs_in(qtbot, gui, wizard):
    to_recovery_page(qtbot, wizard)
    toggle(qtbot, wizard.recovery.saved)
    click(qtbot, wizard.button(FINISH))
    assert not wizard.isVisible()
    assert isinstance(gui.login, LoginDialog) and gui.login.isVisible()
    window = gui.sign_in(ADMIN, ADMIN_PW)
    assert ADMIN_NAME in window.user_label.text()
