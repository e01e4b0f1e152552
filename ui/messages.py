"""Error code -> Chinese sentence. The one place user-facing error text lives (picard-style lookup)."""

from __future__ import annotations

from datetime import datetime

from app.domain.errors import DomainError

MESSAGES: dict[str, str] = {
    # sign-in and sessions
    "auth.wrong_credentials": "账户名或密码不正确。再失败 {remaining} 次，账户将被锁定。",
    "auth.account_locked": "该账户因多次登录失败已被锁定，请于 {until} 后再试，或请安全保密管理员解锁。",
    "auth.account_locked_now": "密码连续错误 {attempts} 次，账户已锁定 {minutes} 分钟（至 {until}）。",
    "auth.account_disabled": "该账户已停用，请联系系统管理员。",
    "auth.permission_denied": "当前账户无权执行此操作。",
    "auth.no_recovery_slot": "此数据库没有恢复密钥。",
    "auth.wrong_recovery_key": "恢复密钥不正确，请逐组核对后重新输入。",
    "recovery.not_a_sysadmin": "恢复密钥只能为系统管理员账户重设密码，请输入一个系统管理员账户名。",
    "wrong_recovery_key": "恢复密钥不正确，请逐组核对后重新输入。",
    # passwords
    "password.too_short": "密码至少需要 {minimum} 个字符。",
    "password.too_few_classes": "密码须至少包含大写字母、小写字母、数字、其他符号中的 {minimum} 类。",
    "password.contains_username": "密码不能包含账户名。",
    "password.mismatch": "两次输入的密码不一致。",
    "password.unchanged": "新密码不能与原密码相同。",
    "password.old_wrong": "原密码不正确。",
    # accounts
    "account.bad_username": "账户名须为 2 至 32 个字符，且不含空格。",
    "account.display_name_missing": "请填写姓名。",
    "account.username_taken": "账户名“{username}”已存在。",
    "account.admin_roles_exclusive": "三员角色（系统管理员、安全保密管理员、安全审计员）互斥，一个账户只能担任其一。",
    "account.admin_with_business_role": "三员账户不得兼任业务角色。",
    "account.business_role_by_secadmin": "业务角色由安全保密管理员授予，创建账户时不能指定。",
    "account.cannot_disable_self": "不能停用当前登录的账户。",
    "account.not_found": "账户不存在。",
    "policy.out_of_range": "取值须在 {low} 至 {high} 之间。",
    # store
    "store.not_a_store_or_wrong_key": "该文件不是本系统的数据库，或密钥不正确。",
    "store.slots_do_not_match": "密钥槽文件与数据库不匹配，或数据库已损坏。数据库未作任何改动。",
    "store.corrupt": "数据库文件已损坏或被截断。数据库未作任何改动，请用最近的备份恢复。",
    "store.disk_full": "磁盘空间已满，操作未完成，数据保持原状。请清理磁盘后重试。",
    "store.busy": "数据库正忙，请稍后重试。",
    "store.in_use": "该数据库已被另一个程序实例打开（{path}）。同一数据库同时只能由一个实例使用。",
    "store.missing": "未找到数据库文件：{path}",
    "store.already_exists": "该文件夹中已有数据库：{path}",
    "store.keyslots_missing": "未找到密钥槽文件：{path}",
    "store.keyslots_corrupt": "密钥槽文件已损坏：{path}",
    "store.signin_state_corrupt": "登录状态文件已损坏：{path}",
    "store.no_permission": "没有访问权限：{path}",
    "backup.missing": "未找到备份文件：{path}",
    "backup.not_a_backup": "该文件不是本系统的备份文件：{path}",
    "backup.corrupt": "备份文件已损坏或被改动，未恢复任何内容。",
    "backup.copy_failed_check": "备份副本未通过完整性检查（{checks}），未写出备份。",
    "backup.read_back_failed": "备份写出后回读校验失败：{path}",
    "backup.audit_chain_broken": "备份中的审计记录在第 {seq} 条处校验失败，未恢复任何内容。",
    # calendar entry, rule sets
    "calendar_entry.bad_date": "第 {line} 行的日期“{value}”无效，应为 YYYY-MM-DD。",
    "calendar_entry.holiday_line": "第 {line} 行格式应为：名称 起始日期 [结束日期]。",
    "calendar_entry.bad_range": "第 {line} 行的日期范围首尾颠倒或超过 16 天。",
    "calendar_entry.makeup_line": "第 {line} 行格式应为：日期 所属节日。",
    "calendar_entry.title_missing": "请填写通知标题。",
    "ruleset.successor_not_after": "新规则版本“{successor}”的施行日期须晚于现行最新版本“{predecessor}”的施行日期。",
    "ruleset.overlap": "新规则版本与上一版本的有效期重叠。",
    "ruleset.duplicate_id": "规则版本编号重复。",
    "ruleset.none_in_force": "{on} 没有施行中的规则版本，请明确选择依据的规则版本。",
    # documents and service
    "document.no_notice_number": "尚未编发告知书文号：请先在批准归集后点击“编发告知书文号”。",
    "document.missing_glyph": "文书中的字符“{char}”（{codepoint}）没有任何字体可以显示，不能打印。请核对该字或配置含此字的字体。",
    "document.field_missing": "文书缺少必填内容，不能生成。",
    "document.font_missing": "找不到字体文件：{path}",
    "document.font_unusable": "字体文件不可用：{path}（{reason}）",
    "document.font_role": "字体设置中的用途“{role}”无效。",
    "document.copy": "联次“{copy}”无效。",
    "document.service_method": "送达方式“{method}”无效。",
    "document.cancelled": "已取消：已生成 {done} 份，共 {total} 份。",
    "bureau.contact_missing": "请先由系统管理员在“规则版本 → 文书落款信息”中填写联系人和联系电话。",
    "service.published_on_missing": "公告送达须填写公告发布日期。",
    "service.date_missing": "请填写送达日期（送达回证上的签收日期）。",
    "service.before_issue": "送达日期不能早于告知书编发日期。",
    "service.in_future": "送达日期不能晚于今天。",
    "service.signed_by_missing": "请填写签收人。",
    "service.remarks_missing": "留置送达须在备注中记明拒收情况和见证人。",
    "service.no_notice": "尚未编发告知书，不能记录送达。",
    "service.already_recorded": "该告知书的送达已记录。",
    "audit.paper_prefix": "请按纸质审计摘要抄录末条校验值的前 8 位或更多（0–9、a–f）。",
    "document.batch_too_large": "一次最多批量生成 {maximum} 份，请缩小筛选范围。",
}

# Used when the parameters a full message needs are absent (e.g. no remaining-attempts count).
SHORT: dict[str, str] = {"auth.wrong_credentials": "账户名或密码不正确。"}

GENERIC = "操作未完成（错误代码：{code}）。"


def _format_param(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y年%m月%d日 %H:%M").replace("年0", "年").replace("月0", "月")
    return value


def text_for(error: DomainError) -> str:
    """The Chinese sentence for ``error``; unknown codes still give a readable line with the code."""
    from app.rules_cli import MESSAGES as RULE_MESSAGES  # calendar-file messages shared with the command line
    template = MESSAGES.get(error.code) or RULE_MESSAGES.get(error.code, GENERIC)
    params = {k: _format_param(v) for k, v in error.params.items()}
    try:
        return template.format(code=error.code, **params)
    except (KeyError, IndexError):
        return SHORT.get(error.code, GENERIC.format(code=error.code))


from ui.collection_messages import COLLECTION_MESSAGES as _C  # noqa: E402 - collection texts

MESSAGES.update(_C)
