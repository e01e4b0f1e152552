"""The unit of work: one SQLAlchemy session and transaction; rolls back unless committed."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.errors import StoreError, known_errors, translate
from storage.collection_repositories import SqlAttachmentStore, SqlRecordRepository, SqlSubjectRepository
from storage.repositories import SqlAccountRepository, SqlAuditLog, SqlSettingsRepository
from storage.rules_repositories import SqlCalendarRepository, SqlDocumentNumbers, SqlRuleSetRepository


class SqlUnitOfWork:
    def __init__(self, engine: Engine, audit_key: bytes) -> None:
        self._engine = engine
        self._audit_key = audit_key
        self._session: Session | None = None

    def __enter__(self) -> "SqlUnitOfWork":
        with known_errors():
            self._session = Session(self._engine, expire_on_commit=False)
            self._session.begin()
        self.accounts = SqlAccountRepository(self._session)
        self.settings = SqlSettingsRepository(self._session)
        self.audit = SqlAuditLog(self._session, self._audit_key)
        self.calendar = SqlCalendarRepository(self._session)
        self.rulesets = SqlRuleSetRepository(self._session)
        self.numbers = SqlDocumentNumbers(self._session)
        self.subjects = SqlSubjectRepository(self._session)
        self.records = SqlRecordRepository(self._session)
        self.attachments = SqlAttachmentStore(self._session)
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        assert self._session is not None
        try:
            self.rollback()
        finally:
            self._session.close()
            self._session = None
        known = translate(exc) if exc is not None and not isinstance(exc, StoreError) else None
        if known is not None:
            raise known from exc

    def commit(self) -> None:
        assert self._session is not None
        with known_errors():
            self._session.commit()

    def rollback(self) -> None:
        if self._session is not None and self._session.in_transaction():
            self._session.rollback()

    @property
    def session(self) -> Session:
        assert self._session is not None
        return self._session


class SqlUnitOfWorkFactory:
    def __init__(self, engine: Engine, audit_key: bytes) -> None:
        self._engine = engine
        self._audit_key = audit_key

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._engine, self._audit_key)
