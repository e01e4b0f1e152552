"""Domain errors: a stable code and parameters, never prose.

The Chinese sentence shown to a user lives in ``ui/messages.py`` and is looked up by ``code`` at display
time, so the core stays free of UI text and every message can be tested in one place.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A known, expected failure the user can act on.

    Attributes:
        code: a dotted, stable identifier such as ``"auth.wrong_password"``.
        params: values the message needs (names, dates, counts).
        field: the form field the error belongs to, when there is one.
    """

    def __init__(self, code: str, *, field: str | None = None, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"{type(self).__name__}({self.code!r}, field={self.field!r}, params={self.params!r})"


class ValidationError(DomainError):
    """Bad input in a field; nothing was saved."""


class PermissionDenied(DomainError):
    """The signed-in account lacks the role this action needs."""

    def __init__(self, action: str, **params: Any) -> None:
        super().__init__("auth.permission_denied", action=action, **params)


class NotFound(DomainError):
    """The object the command names does not exist."""
