"""Chinese text for subjects and collection: error codes, the names of the record's fields, hearing gaps.

Merged into ``ui.messages.MESSAGES`` (one line at the end of that module). List parameters (similar names,
missing fields) are not formatted into the templates: the dialogs show them as lists of their own.
"""

from __future__ import annotations

COLLECTION_MESSAGES: dict[str, str] = {
    # subjects
    "subject.duplicate_identifier": "该统一社会信用代码/证件号码已登记为“{name}”，不能重复登记。",
    "subject.similar_names": "已登记名称相近的主体，请核对是否为同一主体。",
    "subject.not_found": "主体不存在（可能已被删除）。",
    "subject.personnel_level": "请选择涉密人员类别。",
    "subject.qualification_category": "请选择资质类别。",
    "subject.qualification_grade": "请选择“{category}”的等级。",
    "subject.business_type": "所选业务种类不属于“{category}”。",
    "subject.certificate_status": "请选择证书状态。",
    "subject.other_note_missing": "资质类别为“其他”时须注明资质名称。",
    "subject.no_unit_selected": "请先查找并选择一个主体。",
    "field.required": "此项为必填项。",
    # identifiers
    "identifier.empty": "请填写号码。",
    "uscc.length": "统一社会信用代码应为 18 位，当前为 {length} 位。",
    "uscc.character": "统一社会信用代码第 {position} 位“{character}”不是有效字符（不使用 I、O、S、V、Z）。",
    "uscc.region_code": "统一社会信用代码第 3 至 8 位应为行政区划码（6 位数字），当前为“{region}”。",
    "uscc.check_character": "统一社会信用代码校验位不正确：按前 17 位计算应为“{expected}”，填写的是“{actual}”。",
    "ric.length": "居民身份证号码应为 18 位，当前为 {length} 位。",
    "ric.character": "居民身份证号码第 {position} 位“{character}”无效（前 17 位为数字，第 18 位为数字或 X）。",
    "ric.check_character": "居民身份证号码校验位不正确：应为“{expected}”，填写的是“{actual}”。",
    "ric.birth_date": "居民身份证号码中的出生日期“{value}”无效。",
    "ric.birth_date_future": "居民身份证号码中的出生日期 {birth_date} 晚于今天（{today}）。",
    "ric.region_code": "居民身份证号码前 6 位“{region}”不是有效的行政区划代码。",
    "id.residence_permit_region": "港澳台居民居住证号码应以 810000、820000 或 830000 开头，当前为“{region}”。",
    "id.format": "证件号码格式不符合所选证件类型。",
    # records
    "record.not_found": "失信信息不存在。",
    "record.incomplete": "内容不完整，不能提交审核。",
    "record.own_draft": "不能审核或审批本人经办的失信信息（审批人也不能是审核人）。",
    "record.not_handler": "只有经办人（{handler}）可以修改或提交这条失信信息。",
    "record.wrong_stage": "这条失信信息当前处于“{stage}”阶段，不能进行此操作。",
    "record.changed_meanwhile": "这条失信信息已被他人修改，请关闭后重新打开再操作。",
    "record.hearing_incomplete": "陈述和申辩环节尚未完成，不能批准归集。",
    "record.no_ruleset_chosen": "今天没有施行中的规则版本，请明确选择依据的规则版本。",
    "workflow.opinion_missing": "请填写意见。",
    "exclusion.reason_missing": "存在第七条排除情形，请填写不予归集的理由。",
    "basis.effective_before_decided": "生效日期不能早于作出日期。",
    "date.in_future": "日期不能晚于今天。",
    # 陈述申辩
    "hearing.statement_empty": "陈述申辩内容不能为空。",
    "hearing.statement_before_notice": "收到陈述申辩的日期不能早于告知日期。",
    "hearing.method_missing": "请选择告知方式。",
    "hearing.notice_missing": "已收到陈述申辩或已明确放弃的，须先填写告知日期。",
    "hearing.reason_missing": "已决定是否采纳的，须写明理由。",
    # attachments
    "attachment.empty": "文件“{name}”是空文件，未添加。",
    "attachment.too_large": "文件“{name}”大小为 {size_mb} MB，超过 {max_mb} MB 的上限，未添加。",
    "attachment.bad_type": "文件“{name}”不是 PDF、JPG 或 PNG 文件（按文件内容判断），未添加。",
    "attachment.not_found": "附件不存在。",
    "attachment.unreadable": "无法读取文件“{name}”：{reason}",
    "attachment.cannot_display": "无法显示附件“{name}”：文件内容已损坏或格式不受支持。",
}

# Field codes of Record.missing_for_review and their Chinese names (the form marks and lists them).
FIELD_LABELS: dict[str, str] = {
    "basis.type": "依据类型",
    "basis.document_number": "文书编号",
    "basis.authority": "作出机关",
    "basis.decided_on": "作出日期",
    "basis.effective_on": "生效日期",
    "circumstance": "失信情形",
    "penalties": "处罚类别",
    "violation": "违法行为",
    "penalty_detail": "实施处罚的具体情况",
    "facts": "事由",
    "ruleset": "规则版本",
    "exclusion.state_secret": "第七条第（一）项",
    "exclusion.defeats_purpose": "第七条第（二）项",
    "exclusion.otherwise_handled": "第七条第（三）项",
    "exclusion_reason": "不予归集理由",
}

HEARING_GAPS: dict[str, str] = {
    "hearing.notified": "尚未记录告知日期和告知方式",
    "hearing.pending": "陈述申辩期限尚未届满，且当事人未陈述申辩、未明确放弃",
    "hearing.adoption": "已收到的陈述申辩尚未写明是否采纳及理由",
}


def missing_text(codes) -> str:
    """“尚缺：依据类型、事由…” for the codes of ``record.incomplete``."""
    return "尚缺：" + "、".join(FIELD_LABELS.get(code, code) for code in codes) + "。"


def hearing_gaps_text(codes) -> str:
    return "；".join(HEARING_GAPS.get(code, code) for code in codes) + "。"


def similar_text(names) -> str:
    listed = "\n".join(f"· {name}" for name in names)
    return f"已登记名称相近的主体：\n{listed}\n如确属不同主体，请再次点击“确定”保存。"
