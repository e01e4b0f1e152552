"""The use cases bound to one signed-in session: what the UI calls.

A thin façade (no rules here): each method forwards to its use case with the dependencies of the session.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from app.domain.accounts import Role, SecurityPolicy, SignedInSession
from app.domain.permissions import Permission, allowed
from app.ports import AuditFilter, Clock, KeySlots, OpenedStore, SigninGuard
from app.usecases import (accounts, audit_trail, collection, documents, maintenance, notices, policy, records_read,
                          rules_admin, subjects)
from app.usecases import session as session_uc


@dataclass
class Services:
    session: SignedInSession
    store: OpenedStore
    slots: KeySlots
    guard: SigninGuard
    clock: Clock
    write_file: Callable[[Path, bytes], None]

    def can(self, permission: Permission) -> bool:
        return allowed(self.session, permission)

    def has_role(self, role: Role) -> bool:
        return role in self.session.roles

    # session
    def change_own_password(self, cmd: session_uc.ChangeOwnPassword) -> None:
        self.session = session_uc.change_own_password(cmd, session=self.session, store=self.store,
                                                      slots=self.slots, guard=self.guard, clock=self.clock)

    def lock(self, reason: str) -> None:
        session_uc.lock_session(reason, session=self.session, store=self.store, clock=self.clock)

    def unlock(self, password: str) -> None:
        session_uc.unlock_session(password, session=self.session, store=self.store, slots=self.slots,
                                  guard=self.guard, clock=self.clock)

    def sign_out(self) -> None:
        session_uc.sign_out(session=self.session, store=self.store, clock=self.clock)

    # accounts
    def list_accounts(self) -> list[accounts.AccountRow]:
        return accounts.list_accounts(session=self.session, store=self.store, guard=self.guard, clock=self.clock)

    def create_account(self, cmd: accounts.CreateAccount):
        return accounts.create_account(cmd, session=self.session, store=self.store, slots=self.slots,
                                       clock=self.clock)

    def reset_password(self, cmd: accounts.ResetPassword):
        return accounts.reset_password(cmd, session=self.session, store=self.store, slots=self.slots,
                                       clock=self.clock)

    def disable_account(self, account_id: int):
        return accounts.disable_account(account_id, session=self.session, store=self.store, slots=self.slots,
                                        clock=self.clock)

    def assign_business_roles(self, cmd: accounts.AssignBusinessRoles):
        return accounts.assign_business_roles(cmd, session=self.session, store=self.store, clock=self.clock)

    def unlock_account(self, account_id: int) -> None:
        accounts.unlock_account(account_id, session=self.session, store=self.store, guard=self.guard,
                                clock=self.clock)

    # policy
    def security_policy(self) -> SecurityPolicy:
        return policy.get_security_policy(store=self.store)

    def set_security_policy(self, new: SecurityPolicy) -> SecurityPolicy:
        return policy.set_security_policy(new, session=self.session, store=self.store, guard=self.guard,
                                          clock=self.clock)

    # audit
    def list_audit(self, flt: AuditFilter, *, record_view: bool = False):
        return audit_trail.list_audit(flt, session=self.session, store=self.store, clock=self.clock,
                                      record_view=record_view)

    def audit_accounts(self) -> list[str]:
        return audit_trail.audit_accounts(session=self.session, store=self.store)

    def verify_audit(self):
        return audit_trail.verify_audit(session=self.session, store=self.store, clock=self.clock)

    def export_audit(self, flt: AuditFilter, target: Path):
        return audit_trail.export_audit(flt, target, session=self.session, store=self.store, clock=self.clock,
                                        write_file=self.write_file)

    def check_against_paper(self, count: int, head_prefix: str) -> bool:
        return audit_trail.check_against_paper(count, head_prefix, session=self.session, store=self.store,
                                               clock=self.clock)

    def audit_summary(self):
        return audit_trail.audit_summary(session=self.session, store=self.store, clock=self.clock)

    # maintenance
    def backup(self, target: Path) -> dict:
        return maintenance.backup_store(target, session=self.session, store=self.store, clock=self.clock)

    def verify_store(self):
        return maintenance.verify_store(session=self.session, store=self.store, clock=self.clock)




    # rules data
    def calendar(self):
        return rules_admin.effective_calendar(store=self.store)

    def next_year_missing(self) -> int | None:
        return rules_admin.next_year_missing(self.calendar(), self.clock.today())

    def save_calendar_year(self, arrangement) -> rules_admin.CalendarYearSaved:
        return rules_admin.save_calendar_year(arrangement, session=self.session, store=self.store, clock=self.clock)

    def import_calendar_file(self, path: Path) -> list[rules_admin.CalendarYearSaved]:
        return rules_admin.import_calendar_file(path, session=self.session, store=self.store, clock=self.clock)

    def rulebook(self):
        return rules_admin.effective_rulebook(store=self.store)

    def add_ruleset(self, text: str):
        return rules_admin.add_ruleset(text, session=self.session, store=self.store, clock=self.clock)

    # subjects
    def save_subject(self, cmd: subjects.SaveSubject):
        return subjects.save_subject(cmd, session=self.session, store=self.store, clock=self.clock)

    def similar_subjects(self, kind, name: str):
        return subjects.similar_subjects(kind, name, session=self.session, store=self.store)

    def search_subjects(self, text: str, kind=None):
        return subjects.search_subjects(text, kind, session=self.session, store=self.store, clock=self.clock)

    def view_subject(self, kind, subject_id: int):
        return subjects.view_subject(kind, subject_id, session=self.session, store=self.store, clock=self.clock)

    # records
    def draft_record(self, cmd: collection.DraftRecord):
        return collection.draft_record(cmd, session=self.session, store=self.store, clock=self.clock)

    def update_draft(self, cmd: collection.UpdateDraft):
        return collection.update_draft(cmd, session=self.session, store=self.store, clock=self.clock)

    def record_hearing(self, cmd: collection.RecordHearing):
        return collection.record_hearing(cmd, session=self.session, store=self.store, clock=self.clock)

    def submit_record(self, record_id: int):
        return collection.submit_record(record_id, session=self.session, store=self.store, clock=self.clock)

    def review_record(self, record_id: int, *, agree: bool, opinion: str):
        return collection.review_record(record_id, agree=agree, opinion=opinion, session=self.session,
                                        store=self.store, clock=self.clock)

    def approve_record(self, record_id: int, *, approve: bool, opinion: str):
        return collection.approve_record(record_id, approve=approve, opinion=opinion, session=self.session,
                                         store=self.store, clock=self.clock)

    def prepare_list(self) -> int:
        return records_read.prepare_list(session=self.session, store=self.store, clock=self.clock)

    def count_records(self, flt) -> int:
        return records_read.count_records(flt, session=self.session, store=self.store, clock=self.clock)

    def list_records(self, flt, offset: int, limit: int):
        return records_read.list_records(flt, offset, limit, session=self.session, store=self.store)

    def find_record(self, number: str):
        return records_read.find_record(number, session=self.session, store=self.store)

    def view_record(self, record_id: int):
        return records_read.view_record(record_id, session=self.session, store=self.store, clock=self.clock)

    def add_attachment(self, record_id: int, filename: str, data: bytes):
        return records_read.add_attachment(record_id, filename, data, session=self.session, store=self.store,
                                           clock=self.clock)

    def attachment_data(self, attachment_id: int):
        return records_read.attachment_data(attachment_id, session=self.session, store=self.store, clock=self.clock)

    # notices
    def issue_notice(self, record_id: int):
        return notices.issue_notice(record_id, session=self.session, store=self.store, clock=self.clock)

    def record_service(self, cmd: notices.RecordService) -> notices.ServiceRecorded:
        return notices.record_service(cmd, session=self.session, store=self.store, clock=self.clock)

    # documents
    def bureau(self) -> dict:
        with self.store.uow_factory() as uow:
            return uow.settings.bureau()

    def set_bureau_info(self, values: dict) -> None:
        documents.set_bureau_info(values, session=self.session, store=self.store, clock=self.clock)

    def font_settings(self) -> dict:
        with self.store.uow_factory() as uow:
            return uow.settings.fonts()

    def set_font_mapping(self, paths: dict) -> None:
        documents.set_font_mapping(paths, session=self.session, store=self.store, clock=self.clock)

    def render_document(self, kind, record_id: int, copy: str = "recipient") -> documents.RenderedDocument:
        return documents.render_document(kind, record_id, copy, session=self.session, store=self.store,
                                         clock=self.clock)

    def record_printed(self, doc, printer: str, copies: int = 1) -> None:
        documents.record_printed(doc, printer, copies, session=self.session, store=self.store, clock=self.clock)

    def export_document(self, doc, target: Path) -> str:
        return documents.export_document(doc, target, session=self.session, store=self.store, clock=self.clock,
                                         write_file=self.write_file)

    def prepare_notice_batch(self, record_ids: list[int], copy: str = "recipient"):
        return documents.prepare_notice_batch(record_ids, copy, session=self.session, store=self.store,
                                              clock=self.clock)

    @staticmethod
    def render_notice_batch(batch, progress=None) -> bytes:
        return documents.render_notice_batch(batch, progress)

    def record_batch_printed(self, batch, printer: str) -> None:
        documents.record_batch_printed(batch, printer, session=self.session, store=self.store, clock=self.clock)
