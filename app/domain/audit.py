"""The audit trail (Art. 20; GB/T 22239 安全审计): entries, their canonical form and the HMAC chain.

Each entry's MAC is HMAC-SHA-256 over the previous entry's MAC and the entry's canonical content (sorted-key
JSON, UTF-8). Altering, deleting or reordering an entry breaks the chain at that entry. A chain cannot see
its own tail cut off, so anchors (entry count and head MAC) are kept outside the table: in backups, in the
printed 审计摘要, and in the anchor file; the check compares against the latest anchor.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

GENESIS = "0" * 64


ACTIONS: dict[str, str] = {
    "store.created": "创建数据库",
    "store.opened": "打开数据库",
    "store.migrated": "升级数据库结构",
    "store.backup": "备份",
    "store.restore": "恢复",
    "store.verified": "完整性检查",
    "auth.sign_in": "登录",
    "auth.sign_in_failed": "登录失败",
    "auth.account_locked": "账户锁定（登录失败次数过多）",
    "auth.sign_out": "退出",
    "auth.session_locked": "锁屏",
    "auth.session_unlocked": "解除锁屏",
    "auth.password_changed": "修改密码",
    "auth.recovery_used": "使用恢复密钥",
    "account.created": "创建账户",
    "account.password_reset": "重置密码",
    "account.disabled": "停用账户",
    "account.enabled": "启用账户",
    "account.roles_changed": "变更角色",
    "account.unlocked": "解除账户锁定",
    "policy.changed": "修改安全策略",
    "audit.viewed": "查看审计日志",
    "audit.verified": "校验审计链",
    "audit.exported": "导出审计日志",
    "audit.summary_printed": "打印审计摘要",
    "calendar.changed": "修改节假日安排",
    "ruleset.added": "新增规则版本",
    "subject.created": "新建主体",
    "subject.updated": "修改主体",
    "subject.viewed": "查看主体",
    "subject.searched": "检索主体",
    "record.created": "新建失信信息草稿",
    "record.updated": "修改失信信息",
    "record.hearing": "记录陈述申辩",
    "record.submitted": "提交审核",
    "record.reviewed": "审核",
    "record.approved": "审批",
    "record.not_collected": "不予归集",
    "record.viewed": "查看失信信息",
    "record.searched": "检索失信信息",
    "record.attachment_added": "添加附件",
    "record.attachment_viewed": "查看附件",
    "record.served": "记录送达",
    "document.issued": "编发文号",
    "settings.bureau": "修改文书落款信息",
    "settings.fonts": "修改文书字体",
    "demo.record_event": "演示数据：补记事件",
    "document.printed": "打印文书",
    "document.exported": "导出文书PDF",
}


def action_label(action: str) -> str:
    return ACTIONS.get(action, action)


@dataclass(frozen=True)
class AuditEvent:
    """What a use case asks to be recorded; the log adds sequence, time and MAC."""

    action: str
    object_type: str = ""
    object_id: str = ""
    outcome: str = "成功"
    detail: dict[str, Any] = field(default_factory=dict)
    account: str | None = None  # overrides the actor (e.g. a failed sign-in names the account tried)


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str  # local time with offset, ISO 8601
    account: str
    roles: str
    action: str
    object_type: str
    object_id: str
    outcome: str
    detail: dict[str, Any]
    prev_mac: str
    mac: str

    def canonical(self) -> bytes:
        body = [self.seq, self.at, self.account, self.roles, self.action, self.object_type, self.object_id,
                self.outcome, self.detail]
        return json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


def compute_mac(key: bytes, prev_mac: str, entry: AuditEntry) -> str:
    return hmac.new(key, prev_mac.encode("ascii") + b"\n" + entry.canonical(), hashlib.sha256).hexdigest()


def seal(key: bytes, draft: AuditEntry) -> AuditEntry:
    """Return ``draft`` with its MAC filled in (``draft.prev_mac`` must already be the previous MAC)."""
    return AuditEntry(**{**draft.__dict__, "mac": compute_mac(key, draft.prev_mac, draft)})


@dataclass(frozen=True)
class Anchor:
    """The chain's length and head MAC at some moment, kept outside the table."""

    count: int
    head_mac: str
    created_at: str
    reason: str


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    problem: str | None = None  # code: "mac_mismatch", "sequence_gap", "link_broken", "tail_missing", ...
    anchor: Anchor | None = None

    @property
    def head_mac(self) -> str | None:
        return self.anchor.head_mac if self.anchor else None


def verify_chain(entries: Iterable[AuditEntry], key: bytes, anchor: Anchor | None = None) -> ChainReport:
    """Walk the chain in sequence order; name the first broken entry. Then compare with ``anchor``."""
    prev, expected_seq, checked, macs = GENESIS, 1, 0, {}
    for entry in entries:
        problem = _entry_problem(entry, key, prev, expected_seq)
        if problem:
            return ChainReport(False, checked, entry.seq if problem != "sequence_gap" else expected_seq, problem)
        prev, expected_seq, checked = entry.mac, expected_seq + 1, checked + 1
        if anchor and entry.seq == anchor.count:
            macs[entry.seq] = entry.mac
    if anchor and (anchor.count > checked or macs.get(anchor.count) != anchor.head_mac):
        broken = min(anchor.count, checked + 1)
        return ChainReport(False, checked, broken, "tail_missing" if anchor.count > checked else "anchor_mismatch")
    return ChainReport(True, checked, anchor=Anchor(checked, prev, "", "verify"))


def _entry_problem(entry: AuditEntry, key: bytes, prev: str, expected_seq: int) -> str | None:
    if entry.seq != expected_seq:
        return "sequence_gap"
    if entry.prev_mac != prev:
        return "link_broken"
    if not hmac.compare_digest(compute_mac(key, entry.prev_mac, entry), entry.mac):
        return "mac_mismatch"
    return None
