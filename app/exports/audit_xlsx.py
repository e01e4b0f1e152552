"""The audit view as an XLSX workbook (openpyxl, write-only mode)."""

from __future__ import annotations

import io
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from app.domain.audit import AuditEntry

HEADERS = ("序号", "时间", "账户", "角色", "操作", "对象类型", "对象", "结果", "变更内容", "校验值")


def detail_text(detail: dict) -> str:
    """before/after and other detail as one readable line: 字段：旧值 → 新值。"""
    before, after = detail.get("before", {}), detail.get("after", {})
    parts = [f"{k}：{before[k]} → {after.get(k, '')}" if k in before else f"{k}：{after.get(k, '')}"
             for k in sorted(set(before) | set(after))]
    parts += [f"{k}：{v}" for k, v in sorted(detail.items()) if k not in ("before", "after")]
    return "；".join(parts)


def audit_workbook_bytes(entries: Iterable[AuditEntry], title: str) -> tuple[bytes, int]:
    """Return the XLSX bytes and the number of rows written."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.freeze_panes = "A3"
    for letter, width in zip("ABCDEFGHIJ", (8, 26, 14, 16, 22, 10, 22, 8, 50, 20)):
        sheet.column_dimensions[letter].width = width
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = Font(bold=True)
    sheet.append([heading])
    sheet.append([_bold(sheet, h) for h in HEADERS])
    count = 0
    for e in entries:
        sheet.append([e.seq, e.at, e.account, e.roles, e.action_label, e.object_type, e.object_id, e.outcome,
                      detail_text(e.detail), e.mac[:16]])
        count += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count


def _bold(sheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell
