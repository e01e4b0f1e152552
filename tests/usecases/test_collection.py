"""Collection end to end on fakes: subjects, draft, 陈述申辩, submit, review, approval (Arts. 5–8, 12)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.accounts import Role
from app.domain.errors import DomainError, PermissionDenied, ValidationError
from app.domain.identifiers import IdType, ric_check_character, uscc_check_character
from app.domain.record import Basis, Stage, Statement
from app.domain.subject import Person, Qualification, SubjectKind, Unit
from app.usecases.collection import DraftRecord, RecordHearing, UpdateDraft
from app.usecases.subjects import SaveSubject

D = dt.date


def uscc(body: str = "91440101MA59TEXT0") -> str:
    return body + uscc_check_character(body)


def id_number(body: str = "44010619800101001") -> str:
    return body + ric_check_character(body)


def unit(name: str = "广州某某信息技术有限公司", code: str | None = None) -> Unit:
    return Unit(None, name, code or uscc(), "张三",
                (Qualification("system_integration", "乙级", ("软件开发",), "JC-2021-001"),), "广州市天河区某路1号",
                "李四", "020-12345678")


@pytest.fixture
def staff(world, admins):
    handler = world.add_account("jingban", Role.HANDLER)
    return {"handler": world.services(handler), "reviewer": world.services(admins[Role.REVIEWER]),
            "approver": world.services(admins[Role.APPROVER]), "querier": world.services(admins[Role.QUERIER])}


def complete_draft(services, record):
    return services.update_draft(UpdateDraft(
        record.id, record.version, Basis("行政处罚决定书", "穗密罚〔2026〕3号", "广州市国家保密局", D(2026, 10, 9),
                                         D(2026, 10, 20)),
        "受到保密行政管理部门行政处罚", ("警告", "暂停涉密业务"), "违规将涉密载体带离保密场所",
        "给予警告并暂停涉密业务六个月", "2026年8月检查发现该单位违规将涉密载体带离保密场所。",
        (("state_secret", False), ("defeats_purpose", False), ("otherwise_handled", False))))


def heard(services, record, waived=False):
    statements = () if waived else (Statement(D(2026, 11, 30), "对事实无异议，申请从轻。", False, "处罚已从轻，不再调整。"),)
    return services.record_hearing(RecordHearing(record.id, D(2026, 11, 27), "书面告知", statements,
                                                 D(2026, 11, 28) if waived else None))


def drafted(staff):
    h = staff["handler"]
    subject = h.save_subject(SaveSubject(unit()))
    return h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))


def test_a_unit_is_saved_once_its_uscc_is_unique_and_valid(staff):
    h = staff["handler"]
    saved = h.save_subject(SaveSubject(unit()))
    with pytest.raises(ValidationError) as caught:
        h.save_subject(SaveSubject(unit("另一个名字")))
    assert (caught.value.field, caught.value.code, caught.value.params["name"]) == (
        "uscc", "subject.duplicate_identifier", saved.name)


def test_similar_names_are_shown_before_saving_and_can_be_confirmed(staff):
    h = staff["handler"]
    h.save_subject(SaveSubject(unit("广州某某信息技术有限公司")))
    other = unit("广州某某信息技术（集团）有限公司", uscc("91440101MA59TEXT1"))
    with pytest.raises(DomainError) as caught:
        h.save_subject(SaveSubject(unit(" 广州某某信息技术有限公司 ", uscc("91440101MA59TEXT2"))))
    assert caught.value.code == "subject.similar_names"
    assert h.save_subject(SaveSubject(other)).id == 2
    confirmed = h.save_subject(SaveSubject(unit("广州某某信息技术有限公司", uscc("91440101MA59TEXT3")), True))
    assert confirmed.id == 3


def test_a_person_needs_a_valid_resident_id_and_an_existing_employer(staff):
    h = staff["handler"]
    employer = h.save_subject(SaveSubject(unit()))
    person = h.save_subject(SaveSubject(Person(None, "王五", IdType.RESIDENT_ID, id_number().lower(), "重要涉密人员",
                                               employer.id, "工程师")))
    assert person.id_number == id_number()
    with pytest.raises(ValidationError) as caught:
        h.save_subject(SaveSubject(Person(None, "赵六", IdType.RESIDENT_ID, id_number()[:-1] + "0", "一般涉密人员")))
    assert caught.value.field == "id_number"


def test_a_draft_needs_an_explicit_rule_set_when_none_is_in_force(staff):
    h = staff["handler"]
    subject = h.save_subject(SaveSubject(unit()))
    with pytest.raises(DomainError) as caught:
        h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id))
    assert caught.value.code == "ruleset.none_in_force"
    record = h.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))
    assert record.number == "XY2026-00001" and record.ruleset_chosen_explicitly


def test_an_incomplete_draft_cannot_go_to_review_and_says_what_is_missing(staff):
    record = drafted(staff)
    with pytest.raises(ValidationError) as caught:
        staff["handler"].submit_record(record.id)
    missing = caught.value.params["missing"]
    assert {"basis.type", "facts", "penalties", "exclusion.state_secret"} <= set(missing)


def test_the_full_flow_needs_three_accounts_and_fixes_the_collection_date(world, staff):
    h, r, a = staff["handler"], staff["reviewer"], staff["approver"]
    record = complete_draft(h, drafted(staff))
    record = heard(h, record)
    assert record.hearing.due == D(2026, 12, 4)  # 5 working days after 2026-11-27
    record = h.submit_record(record.id)
    assert record.stage is Stage.SUBMITTED
    record = r.review_record(record.id, agree=True, opinion="事实清楚，依据充分，同意归集。")
    record = a.approve_record(record.id, approve=True, opinion="批准。")
    assert record.stage is Stage.APPROVED and record.collected_on == world.clock.today()
    assert [s.kind.value for s in record.steps] == ["提交审核", "审核同意", "批准归集"]
    view = h.view_record(record.id)
    assert view.state_label == "待告知"
    validity = next(d for d in view.deadlines if d.label == "有效期届满")
    assert validity.deadline.date == D(2029, 12, 4)


def test_nobody_reviews_or_approves_their_own_draft(world, staff, admins):
    both = world.add_account("both", Role.HANDLER, Role.REVIEWER, Role.APPROVER)
    s = world.services(both)
    subject = s.save_subject(SaveSubject(unit()))
    record = heard(s, complete_draft(s, s.draft_record(DraftRecord(SubjectKind.UNIT, subject.id, "2021"))))
    s.submit_record(record.id)
    with pytest.raises(DomainError) as caught:
        s.review_record(record.id, agree=True, opinion="同意")
    assert caught.value.code == "record.own_draft"
    staff["reviewer"].review_record(record.id, agree=True, opinion="同意")
    reviewer_and_approver = world.add_account("rev2", Role.APPROVER)
    with pytest.raises(DomainError):
        s.approve_record(record.id, approve=True, opinion="批准")
    assert world.services(reviewer_and_approver).approve_record(record.id, approve=True, opinion="批准").stage is Stage.APPROVED


def test_a_returned_draft_shows_the_comments_and_can_be_resubmitted(staff):
    h, r = staff["handler"], staff["reviewer"]
    record = heard(h, complete_draft(h, drafted(staff)))
    h.submit_record(record.id)
    returned = r.review_record(record.id, agree=False, opinion="请补充处罚决定书扫描件。")
    assert returned.stage is Stage.RETURNED and returned.returned_comments()[0].opinion == "请补充处罚决定书扫描件。"
    assert h.submit_record(record.id).stage is Stage.SUBMITTED


def test_approval_is_impossible_until_the_hearing_is_complete(staff):
    h, r, a = staff["handler"], staff["reviewer"], staff["approver"]
    record = complete_draft(h, drafted(staff))
    h.submit_record(record.id)
    r.review_record(record.id, agree=True, opinion="同意")
    with pytest.raises(ValidationError) as caught:
        a.approve_record(record.id, approve=True, opinion="批准")
    assert caught.value.code == "record.hearing_incomplete"
    with pytest.raises(DomainError) as late:  # what the reviewer agreed to cannot change behind their back
        heard(h, h.view_record(record.id).record, waived=True)
    assert late.value.code == "record.wrong_stage"
    a.approve_record(record.id, approve=False, opinion="陈述申辩未完成，退回。")
    heard(h, h.view_record(record.id).record, waived=True)
    h.submit_record(record.id)
    r.review_record(record.id, agree=True, opinion="同意")
    assert a.approve_record(record.id, approve=True, opinion="批准").stage is Stage.APPROVED


def test_an_article_7_yes_ends_the_draft_as_not_collected_with_its_reason_kept(world, staff):
    h = staff["handler"]
    record = complete_draft(h, drafted(staff))
    record = h.update_draft(UpdateDraft(record.id, record.version, record.basis, record.circumstance, record.penalties,
                              record.violation, record.penalty_detail, record.facts,
                              (("state_secret", True), ("defeats_purpose", False), ("otherwise_handled", False)),
                              "处罚决定涉及工作秘密，不宜公开。"))
    done = h.submit_record(record.id)
    assert done.stage is Stage.NOT_COLLECTED and done.steps[-1].opinion == "处罚决定涉及工作秘密，不宜公开。"
    assert world.store.audit_entries[-1].action == "record.not_collected"
    assert h.view_record(done.id).state_label == "不予归集"


@pytest.mark.parametrize("who, action", [
    ("querier", lambda s, rid: s.submit_record(rid)),
    ("handler", lambda s, rid: s.review_record(rid, agree=True, opinion="x")),
    ("reviewer", lambda s, rid: s.approve_record(rid, approve=True, opinion="x")),
    ("querier", lambda s, rid: s.save_subject(SaveSubject(unit("新单位", uscc("91440101MA59TEXT9"))))),
])
def test_each_business_role_is_limited_to_its_step(staff, who, action):
    record = drafted(staff)
    with pytest.raises(PermissionDenied):
        action(staff[who], record.id)


def test_the_administrators_cannot_see_records(world, admins, staff):
    record = drafted(staff)
    for role in (Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR):
        with pytest.raises(PermissionDenied):
            world.services(admins[role]).view_record(record.id)


def test_views_and_searches_of_records_are_audited(world, staff):
    record = drafted(staff)
    staff["querier"].view_record(record.id)
    from app.ports import RecordFilter
    staff["querier"].count_records(RecordFilter(text="某某"))
    assert [e.action for e in world.store.audit_entries[-2:]] == ["record.viewed", "record.searched"]


def test_attachments_must_be_pdf_jpg_or_png_and_small_enough(staff):
    h = staff["handler"]
    record = drafted(staff)
    meta = h.add_attachment(record.id, "决定书.pdf", b"%PDF-1.7 scan")
    assert meta.mime == "application/pdf"
    with pytest.raises(ValidationError) as bad:
        h.add_attachment(record.id, "决定书.pdf", b"MZ\x90 not a pdf")
    assert bad.value.code == "attachment.bad_type"
    with pytest.raises(ValidationError) as big:
        h.add_attachment(record.id, "大.png", b"\x89PNG\r\n\x1a\n" + bytes(21 * 1024 * 1024))
    assert big.value.code == "attachment.too_large"


def test_the_audit_trail_names_changes_but_never_shows_record_content_or_identifiers(world, staff):
    """三员分立: the 安全审计员 reads the trail, so it must not carry names, ID numbers or the facts."""
    h = staff["handler"]
    person = h.save_subject(SaveSubject(Person(None, "王五", IdType.RESIDENT_ID, id_number(), "重要涉密人员")))
    h.search_subjects(id_number())
    record = heard(h, complete_draft(h, drafted(staff)))
    h.submit_record(record.id)
    from app.ports import RecordFilter
    h.count_records(RecordFilter(text="某某"))
    trail = "".join(e.canonical().decode("utf-8") for e in world.store.audit_entries)
    for secret in ("王五", id_number(), uscc(), "广州某某", "违规将涉密载体带离保密场所", "对事实无异议"):
        assert secret not in trail, secret
    assert '"修改字段"' in trail and person.id
    assert [c.action for c in h.view_subject(SubjectKind.PERSON, person.id).history] == ["subject.created"]


def test_only_the_handler_adds_attachments_and_only_while_the_draft_is_editable(world, staff):
    h = staff["handler"]
    other = world.services(world.add_account("wang", Role.HANDLER))
    record = heard(h, complete_draft(h, drafted(staff)))
    with pytest.raises(DomainError) as foreign:
        other.add_attachment(record.id, "伪造.pdf", b"%PDF-1.4 x")
    assert foreign.value.code == "record.not_handler"
    h.submit_record(record.id)
    with pytest.raises(DomainError) as late:
        h.add_attachment(record.id, "补充.pdf", b"%PDF-1.4 x")
    assert late.value.code == "record.wrong_stage"
