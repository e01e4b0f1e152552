"""Each of the 三员 and a business account sees exactly its own pages, and can do there what it should."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout

from app.domain.accounts import Role
from tests.gui.harness import (ADMIN, ADMIN_PW, OWN_PW, STAFF, TEMP_PW, assert_error_at, audit_actions, click,
                               create_store, ok_button, toggle, type_into)
from ui.dialogs.account_dialogs import CreateAccountDialog, RolesDialog
from ui.dialogs.change_password_dialog import ChangePasswordDialog
from ui.main_window import MainWindow

PAGES = {ADMIN: ["账户管理", "节假日安排", "规则版本", "备份与恢复"], "baomi": ["账户管理", "安全策略"],
         "shenji": ["审计日志"], "yewu": ["首页"]}
ROLE_TEXT = {ADMIN: "系统管理员", "baomi": "安全保密管理员", "shenji": "安全审计员", "yewu": "未授权"}


@pytest.fixture
def staffed(data_dir, clock):
    create_store(data_dir, clock, STAFF)
    return data_dir


@pytest.fixture
def sign_in_as(gui, staffed):
    """Start the app and sign in; a new account changes its temporary password first."""
    def sign_in(username: str) -> MainWindow:
        gui.start()
        if username == ADMIN:
            return gui.sign_in(ADMIN, ADMIN_PW)
        return gui.sign_in(username, TEMP_PW, new_password=OWN_PW)
    return sign_in


def nav_titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def sign_out(window: MainWindow) -> None:
    [action] = [a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "退出登录"]
    action.trigger()


def row_of(page, username: str) -> list[str]:
    table = page.table
    for i in range(table.rowCount()):
        if table.item(i, 0).text() == username:
            return [table.item(i, j).text() for j in range(table.columnCount())]
    raise AssertionError(f"{username} is not in the table")


# -- every role ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("username", list(PAGES))
def test_each_role_sees_exactly_its_own_pages(sign_in_as, username):
    window = sign_in_as(username)
    assert nav_titles(window) == PAGES[username]
    assert window.user_label.text().endswith(f"角色：{ROLE_TEXT[username]}")
    assert window.page_stack.currentWidget() is window.pages[0] and window.pages[0].isVisible()


def test_the_accounts_page_offers_each_administrator_only_its_own_buttons(sign_in_as, gui):
    window = sign_in_as(ADMIN)
    assert list(window.page("账户管理").buttons) == ["create", "reset", "disable"]
    sign_out(window)
    window = gui.sign_in("baomi", TEMP_PW, new_password=OWN_PW)
    buttons = window.page("账户管理").buttons
    assert list(buttons) == ["roles", "unlock"]
    assert [b.text() for b in buttons.values()] == ["授予业务角色…", "解除锁定"]


# -- the forced password change ----------------------------------------------------------------------------
def forced_change_dialog(gui) -> ChangePasswordDialog:
    gui.start()
    gui.submit_login("yewu", TEMP_PW)
    dialog = gui.controller._dialog
    assert isinstance(dialog, ChangePasswordDialog) and dialog.isVisible()
    assert gui.window is None
    return dialog


def test_a_new_account_must_change_its_password_before_the_window_opens(qtbot, gui, staffed):
    dialog = forced_change_dialog(gui)
    form = dialog.findChild(QFormLayout)
    gui.change_password(TEMP_PW, OWN_PW, confirm=OWN_PW + "x")
    assert dialog.isVisible() and gui.window is None
    assert_error_at(form, dialog.confirm, dialog.errors["confirm_password"], "两次输入的密码不一致")
    gui.change_password("Not-The-Temp-1", OWN_PW)
    assert_error_at(form, dialog.old, dialog.errors["old_password"], "原密码不正确")
    with qtbot.waitSignal(gui.controller.main_window_shown):
        gui.change_password(TEMP_PW, OWN_PW)
    assert not dialog.isVisible()
    assert nav_titles(gui.window) == ["首页"]


def test_a_weak_new_password_is_refused_at_the_new_password_field(gui, staffed):
    dialog = forced_change_dialog(gui)
    gui.change_password(TEMP_PW, "short-1A")
    assert dialog.isVisible() and gui.window is None
    assert_error_at(dialog.findChild(QFormLayout), dialog.new, dialog.errors["new_password"], "至少需要 10 个字符")


def test_cancelling_the_forced_change_signs_out_and_returns_to_the_login(qtbot, gui, staffed):
    dialog = forced_change_dialog(gui)
    first_login = gui.login
    click(qtbot, dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel))
    assert gui.window is None
    assert gui.login is not first_login and gui.login.isVisible()
    gui.submit_login("yewu", TEMP_PW)  # the password is still the temporary one: the dialog comes back
    assert isinstance(gui.controller._dialog, ChangePasswordDialog) and gui.controller._dialog.isVisible()


# -- 系统管理员 -----------------------------------------------------------------------------------------------
def open_create_dialog(qtbot, page) -> CreateAccountDialog:
    click(qtbot, page.buttons["create"])
    dialog = page.dialog
    assert isinstance(dialog, CreateAccountDialog) and dialog.isVisible()
    return dialog


def fill_account_form(qtbot, dialog, username, name="孙新人", kind="安全审计员", password=TEMP_PW, confirm=None):
    type_into(qtbot, dialog.username, username)
    type_into(qtbot, dialog.display_name, name)
    dialog.account_type.setCurrentIndex(dialog.account_type.findText(kind))
    type_into(qtbot, dialog.password, password)
    type_into(qtbot, dialog.confirm, password if confirm is None else confirm)
    click(qtbot, ok_button(dialog))


def usernames(page) -> list[str]:
    return [page.table.item(i, 0).text() for i in range(page.table.rowCount())]


def test_the_system_administrator_creates_an_account_that_then_appears_in_the_table(qtbot, sign_in_as, shot):
    window = sign_in_as(ADMIN)
    page = window.page("账户管理")
    shot(window, "04-main-window-sysadmin")
    dialog = open_create_dialog(qtbot, page)
    fill_account_form(qtbot, dialog, "sunxin")
    assert not dialog.isVisible()
    assert row_of(page, "sunxin")[:4] == ["sunxin", "孙新人", "安全审计员", "须修改密码"]
    [created] = [e for e in audit_actions(window.services, "account.created") if e.object_id == "sunxin"]
    assert created.account == ADMIN


def test_a_taken_account_name_is_refused_at_its_field_and_the_dialog_stays_open(qtbot, sign_in_as):
    window = sign_in_as(ADMIN)
    page = window.page("账户管理")
    dialog = open_create_dialog(qtbot, page)
    fill_account_form(qtbot, dialog, "shenji", name="另一个")
    assert dialog.isVisible()
    assert_error_at(dialog.form, dialog.username, dialog.errors["username"], "账户名“shenji”已存在。")
    assert dialog.display_name.text() == "另一个"
    fill_account_form(qtbot, dialog, "shenji2", name="另一个")
    assert not dialog.isVisible()
    assert row_of(page, "shenji2")[1] == "另一个"


@pytest.mark.parametrize(("field", "kwargs", "words"), [
    ("confirm_password", {"confirm": "Other-Passw0rd"}, ["两次输入的密码不一致"]),
    ("password", {"password": "short"}, ["至少需要 10 个字符"]),
    ("display_name", {"name": ""}, ["请填写姓名"]),
    ("username", {"username": "has space"}, ["账户名须为 2 至 32 个字符"]),
])
def test_bad_input_in_the_new_account_dialog_is_refused_at_its_field(qtbot, sign_in_as, field, kwargs, words):
    page = sign_in_as(ADMIN).page("账户管理")
    before = usernames(page)
    dialog = open_create_dialog(qtbot, page)
    fill_account_form(qtbot, dialog, **{"username": "newcomer", **kwargs})
    assert dialog.isVisible()
    edits = {"confirm_password": dialog.confirm, "password": dialog.password, "display_name": dialog.display_name,
             "username": dialog.username}
    assert_error_at(dialog.form, edits[field], dialog.errors[field], *words)
    assert [label for label in dialog.errors.values() if label.isVisible()] == [dialog.errors[field]]
    page.refresh()
    assert usernames(page) == before


# -- 安全保密管理员 -------------------------------------------------------------------------------------------
def open_roles_dialog(qtbot, page, username) -> RolesDialog:
    page.select_username(username)
    click(qtbot, page.buttons["roles"])
    dialog = page.dialog
    assert isinstance(dialog, RolesDialog) and dialog.isVisible()
    return dialog


def test_the_security_administrator_grants_business_roles_that_the_account_then_has(qtbot, gui, sign_in_as, shot):
    window = sign_in_as("baomi")
    page = window.page("账户管理")
    dialog = open_roles_dialog(qtbot, page, "yewu")
    toggle(qtbot, dialog.boxes[Role.HANDLER])
    toggle(qtbot, dialog.boxes[Role.REVIEWER])
    click(qtbot, ok_button(dialog))
    assert not dialog.isVisible()
    assert row_of(page, "yewu")[2] == "经办人、审核人"
    shot(window, "07-accounts-page-secadmin")
    sign_out(window)
    window = gui.sign_in("yewu", TEMP_PW, new_password=OWN_PW)
    assert window.user_label.text().endswith("角色：经办人、审核人")
    assert nav_titles(window) == ["失信信息", "主体", "首页"]


def test_business_roles_for_an_administrator_are_refused_in_the_dialog(qtbot, sign_in_as):
    window = sign_in_as("baomi")
    dialog = open_roles_dialog(qtbot, window.page("账户管理"), "shenji")
    toggle(qtbot, dialog.boxes[Role.QUERIER])
    click(qtbot, ok_button(dialog))
    assert dialog.isVisible() and dialog.errors["roles"].isVisible()
    assert dialog.errors["roles"].text() == "三员账户不得兼任业务角色。"


def test_granting_roles_without_a_selected_account_asks_for_one(qtbot, sign_in_as):
    page = sign_in_as("baomi").page("账户管理")
    page.table.setCurrentCell(-1, -1)
    click(qtbot, page.buttons["roles"])
    assert page.error.isVisible() and page.error.text() == "请先在表格中选择一个账户。"


def test_the_security_administrator_unlocks_an_account_locked_by_failed_sign_ins(qtbot, gui, staffed):
    gui.start()
    for _ in range(5):
        gui.submit_login("yewu", "Wrong-Passw0rd")
    assert gui.login.error.text().startswith("密码连续错误 5 次")
    window = gui.sign_in("baomi", TEMP_PW, new_password=OWN_PW)
    page = window.page("账户管理")
    assert row_of(page, "yewu")[3] == "已锁定至 09:45"
    page.select_username("yewu")
    click(qtbot, page.buttons["unlock"])
    assert row_of(page, "yewu")[3] == "须修改密码"
    sign_out(window)
    window = gui.sign_in("yewu", TEMP_PW, new_password=OWN_PW)
    assert nav_titles(window) == ["首页"]


def test_the_security_administrator_shortens_the_idle_time_and_the_window_follows(qtbot, gui, sign_in_as, shot):
    window = sign_in_as("baomi")
    window.show_page("安全策略")
    page = window.page("安全策略")
    assert page.isVisible()
    spin = page.spins["idle_lock_minutes"]
    assert spin.value() == 10
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "3")
    click(qtbot, page.save_button)
    assert page.status.text() == "已保存。"
    shot(window, "08-policy-page-secadmin")
    assert window.idle.timeout_s == 180
    [changed] = audit_actions(window.services, "policy.changed")
    assert changed.detail == {"before": {"idle_lock_minutes": 10}, "after": {"idle_lock_minutes": 3}}
    gui.idle_for(minutes=2)
    assert not window.locked
    gui.idle_for(minutes=1)
    assert window.locked


def test_the_saved_policy_is_what_the_next_session_uses(qtbot, gui, sign_in_as):
    window = sign_in_as("baomi")
    page = window.page("安全策略")
    window.show_page("安全策略")
    spin = page.spins["max_failed_attempts"]
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin.lineEdit(), "3")
    click(qtbot, page.save_button)
    sign_out(window)
    for _ in range(3):
        gui.submit_login("yewu", "Wrong-Passw0rd")
    assert gui.login.error.text().startswith("密码连续错误 3 次")


# -- 安全审计员 ---------------------------------------------------------------------------------------------
@pytest.fixture
def audit_page(sign_in_as):
    window = sign_in_as("shenji")
    page = window.page("审计日志")
    assert page.isVisible()
    return page


def filter_audit(qtbot, page, account: str | None, action: str | None) -> None:
    page.account.setCurrentIndex(page.account.findData(account))
    page.action.setCurrentIndex(page.action.findData(action))
    click(qtbot, page.search)


def shown_rows(page) -> list[tuple]:
    model = page.model
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def test_the_auditor_filters_the_trail_by_account_and_action(qtbot, audit_page, shot):
    assert audit_page.model.rowCount() > 0
    assert {ADMIN, "shenji"} <= {audit_page.account.itemText(i) for i in range(audit_page.account.count())}
    filter_audit(qtbot, audit_page, ADMIN, "account.created")
    rows = shown_rows(audit_page)
    assert sorted(r[5] for r in rows) == sorted(f"账户：{u}" for u in (ADMIN, *STAFF))
    assert {(r[2], r[4]) for r in rows} == {(ADMIN, "创建账户")}
    filter_audit(qtbot, audit_page, "shenji", None)
    actions = [r[4] for r in shown_rows(audit_page)]
    assert actions == ["查看审计日志", "修改密码", "登录"]  # newest first
    filter_audit(qtbot, audit_page, None, None)
    shot(audit_page.window(), "06-audit-view-auditor")


def test_the_auditor_verifies_the_chain_and_is_told_it_is_intact(qtbot, audit_page):
    click(qtbot, audit_page.verify_button)
    assert audit_page.result.text().startswith("审计链完整：共 ")
    assert "完整" in audit_page.result.text()
    assert shown_rows(audit_page)[0][4] == "校验审计链"


def test_the_auditor_exports_the_filtered_view_to_xlsx(qtbot, audit_page, tmp_path, monkeypatch):
    asked = []
    target = tmp_path / "exports" / "审计日志"
    target.parent.mkdir()
    monkeypatch.setattr("ui.widgets.ask.ask_save_path", lambda *args: asked.append(args[1:]) or target)
    filter_audit(qtbot, audit_page, ADMIN, "account.created")
    click(qtbot, audit_page.export_button)
    assert asked[0][0] == "导出审计日志" and asked[0][1].endswith(".xlsx")
    saved = target.with_suffix(".xlsx")
    assert audit_page.result.text() == f"已导出 4 条到 {saved}（已记入审计日志）。"
    book = openpyxl.load_workbook(saved, read_only=True)
    try:
        rows = list(book["审计日志"].iter_rows(values_only=True))
    finally:
        book.close()
    assert rows[0][0].startswith("审计日志导出 2026-12-04 09:30 导出人：shenji")
    assert rows[1][:5] == ("序号", "时间", "账户", "角色", "操作")
    assert len(rows) == 2 + 4
    assert {(r[2], r[4]) for r in rows[2:]} == {(ADMIN, "创建账户")}
    assert sorted(r[6] for r in rows[2:]) == sorted([ADMIN, *STAFF])
    [exported] = audit_actions(audit_page._services, "audit.exported")
    assert exported.detail["条数"] == 4 and exported.detail["路径"] == str(saved)


def test_a_cancelled_export_writes_nothing(qtbot, audit_page, tmp_path, monkeypatch):
    monkeypatch.setattr("ui.widgets.ask.ask_save_path", lambda *args: None)
    click(qtbot, audit_page.export_button)
    assert audit_page.result.text() == ""
    assert audit_actions(audit_page._services, "audit.exported") == []


def test_the_auditor_prints_a_summary_that_carries_the_anchor(qtbot, audit_page, monkeypatch):
    printed = []
    monkeypatch.setattr("ui.printing.print_html", lambda parent, html, title: printed.append((html, title)) or True)
    click(qtbot, audit_page.summary_button)
    [(html, title)] = printed
    assert title == "审计摘要"
    services = audit_page._services
    head = audit_actions(services)[-1]
    anchor = services.store.anchors.latest()
    assert head.action == "audit.summary_printed" and anchor.count == head.seq
    assert f"条数 <b>{head.seq}</b>" in html
    assert anchor.head_mac[:8] in html and "审计链完整" in html and "打印人：shenji" in html
    assert audit_page.result.text().endswith(f"锚点：{head.seq} 条。")


def test_the_auditor_checks_the_trail_against_a_filed_paper_summary(qtbot, audit_page, monkeypatch):
    monkeypatch.setattr("ui.printing.print_html", lambda parent, html, title: True)
    click(qtbot, audit_page.summary_button)
    anchor = audit_page._services.store.anchors.latest()
    answers = iter([str(anchor.count), anchor.head_mac[:12]])
    monkeypatch.setattr("ui.widgets.ask.ask_text", lambda *a: next(answers))
    click(qtbot, audit_page.paper_button)
    assert audit_page.result.text() == f"与纸质摘要（第 {anchor.count} 条）一致。"
    answers = iter([str(anchor.count), "deadbeef"])
    click(qtbot, audit_page.paper_button)
    assert "不一致" in audit_page.result.text()
