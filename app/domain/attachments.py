"""Scans of the basis documents (Art. 5): PDF, JPG or PNG, recognised by their content, size-limited."""

from __future__ import annotations

from app.domain.errors import ValidationError

MAX_BYTES = 20 * 1024 * 1024
SIGNATURES = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"), (b"\x89PNG\r\n\x1a\n", "image/png"))


def check_attachment(filename: str, data: bytes) -> str:
    """Return the MIME type, or refuse with the reason (type by content, not by name; size)."""
    if not data:
        raise ValidationError("attachment.empty", field="attachment", name=filename)
    if len(data) > MAX_BYTES:
        raise ValidationError("attachment.too_large", field="attachment", name=filename,
                              size_mb=round(len(data) / 1048576, 1), max_mb=MAX_BYTES // 1048576)
    for magic, mime in SIGNATURES:
        if data.startswith(magic):
            return mime
    raise ValidationError("attachment.bad_type", field="attachment", name=filename)
