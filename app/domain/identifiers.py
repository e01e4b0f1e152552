"""Identifier checks: 统一社会信用代码 (GB 32100-2015), 居民身份证号码 (GB 11643-1999), other ID types,
and name normalisation for matching.

Every failure has its own error code, checked in this order: empty, length, character, (USCC) region
code digits, check character, (ID) birth date, future birth date, region code. Input is normalised first:
NFKC folds full-width characters, spaces and hyphens are removed, a lowercase x becomes X.

python-stdnum gaps covered here (platform-notes §6):
    * ``stdnum.cn.uscc`` rejects codes whose first character is a letter (registration authorities A, N,
      Y); the mod-31 check is implemented here instead.
    * ``stdnum.cn.ric`` accepts future birth dates (checked against an injected ``today``) and requires
      the region code to have existed in the birth year — wrong, since an 18-digit number takes the code
      of the place of registration when it was issued. Here a code only has to exist in stdnum's list in
      some period (or be 810000/820000/830000, used by 港澳台居民居住证).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from app.domain.errors import ValidationError

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
RIC_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
RIC_CHECK = "10X98765432"
HMT_REGION_CODES = frozenset({"810000", "820000", "830000"})  # 港澳台居民居住证 address codes
EARLIEST_BIRTH = dt.date(1900, 1, 1)


def normalise_code(text: str) -> str:
    """Fold full-width forms (NFKC), drop spaces and hyphens, upper-case (so x → X)."""
    folded = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s\-]", "", folded).upper()


def uscc_check_character(first17: str) -> str:
    """GB 32100-2015 check character for the first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(text: str, *, field: str = "uscc") -> str:
    """Return the normalised 统一社会信用代码 or raise a distinct error per failure.

    Raises:
        ValidationError: ``identifier.empty``, ``uscc.length`` (length), ``uscc.character`` (position,
            character), ``uscc.region_code`` (region), ``uscc.check_character`` (expected, actual).
    """
    code = _non_empty(text, field)
    if len(code) != 18:
        raise ValidationError("uscc.length", field=field, length=len(code))
    for position, char in enumerate(code, start=1):
        if char not in USCC_ALPHABET:
            raise ValidationError("uscc.character", field=field, position=position, character=char)
    if not code[2:8].isdigit():
        raise ValidationError("uscc.region_code", field=field, region=code[2:8])
    expected = uscc_check_character(code[:17])
    if code[17] != expected:
        raise ValidationError("uscc.check_character", field=field, expected=expected, actual=code[17])
    return code


def ric_check_character(first17: str) -> str:
    """GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits."""
    return RIC_CHECK[sum(int(c) * w for c, w in zip(first17, RIC_WEIGHTS)) % 11]


@dataclass(frozen=True)
class ResidentId:
    """A checked 18-digit 居民身份证号码 and what it encodes."""

    number: str
    region_code: str
    birth_date: dt.date
    sequence: str

    @property
    def sex(self) -> str:
        """"男" for an odd sequence number, "女" for an even one."""
        return "男" if int(self.sequence[-1]) % 2 else "女"


def validate_resident_id(text: str, *, today: dt.date, field: str = "id_number") -> ResidentId:
    """Check a 居民身份证号码 fully and return its parts.

    Raises:
        ValidationError: ``identifier.empty``, ``ric.length`` (length, first_generation),
            ``ric.character`` (position, character), ``ric.check_character`` (expected, actual),
            ``ric.birth_date`` (value), ``ric.birth_date_future`` (birth_date, today),
            ``ric.region_code`` (region).
    """
    number = _checked_digits(text, field)
    birth = _birth_date(number, today, field)
    if not region_code_exists(number[:6]):
        raise ValidationError("ric.region_code", field=field, region=number[:6])
    return ResidentId(number, number[:6], birth, number[14:17])


def _checked_digits(text: str, field: str) -> str:
    number = _non_empty(text, field)
    if len(number) != 18:
        raise ValidationError("ric.length", field=field, length=len(number), first_generation=len(number) == 15)
    for position, char in enumerate(number, start=1):
        if not (char.isdigit() and char.isascii()) and not (position == 18 and char == "X"):
            raise ValidationError("ric.character", field=field, position=position, character=char)
    expected = ric_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError("ric.check_character", field=field, expected=expected, actual=number[17])
    return number


def _birth_date(number: str, today: dt.date, field: str) -> dt.date:
    try:
        birth = dt.datetime.strptime(number[6:14], "%Y%m%d").date()
    except ValueError:
        raise ValidationError("ric.birth_date", field=field, value=number[6:14]) from None
    if birth < EARLIEST_BIRTH:
        raise ValidationError("ric.birth_date", field=field, value=number[6:14])
    if birth > today:
        raise ValidationError("ric.birth_date_future", field=field, birth_date=birth.isoformat(),
                              today=today.isoformat())
    return birth


def region_code_exists(code: str) -> bool:
    """True when ``code`` is an administrative division code in any period, or a 港澳台 code."""
    if code in HMT_REGION_CODES:
        return True
    from stdnum import numdb  # local import: loads stdnum's 241 KB table on first use only

    return any("county" in props for _, props in numdb.get("cn/loc").info(code))


class IdType(Enum):
    """证件类型 with Chinese labels."""

    RESIDENT_ID = "居民身份证"
    PASSPORT = "护照"
    HK_MACAO_PERMIT = "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "台湾居民来往大陆通行证"
    HMT_RESIDENCE_PERMIT = "港澳台居民居住证"
    FOREIGN_PERMANENT_RESIDENT = "外国人永久居留身份证"

    @property
    def label(self) -> str:
        """The Chinese label."""
        return self.value


# Light format checks only: these documents have no public check algorithm we can rely on.
_LIGHT_FORMATS = {
    IdType.PASSPORT: re.compile(r"[A-Z0-9]{5,20}"),
    IdType.HK_MACAO_PERMIT: re.compile(r"[HM]\d{8}(\d{2})?"),
    IdType.TAIWAN_PERMIT: re.compile(r"\d{8}|\d{10}[A-Z]{0,2}"),
    IdType.FOREIGN_PERMANENT_RESIDENT: re.compile(r"[A-Z]{3}\d{12}|9\d{16}[\dX]"),
}


@dataclass(frozen=True)
class IdentityDocument:
    """A checked identity document number with its type."""

    id_type: IdType
    number: str


def validate_identity_document(id_type: IdType, text: str, *, today: dt.date,
                               field: str = "id_number") -> IdentityDocument:
    """Check a number for its type: full checks for 居民身份证 and 居住证, light format checks otherwise.

    Raises:
        ValidationError: the ``ric.*`` codes, ``id.residence_permit_region`` (region) for a 居住证 not
            starting 810000/820000/830000, ``id.format`` (id_type) for the other types.
    """
    if id_type in (IdType.RESIDENT_ID, IdType.HMT_RESIDENCE_PERMIT):
        parsed = validate_resident_id(text, today=today, field=field)
        if id_type is IdType.HMT_RESIDENCE_PERMIT and parsed.region_code not in HMT_REGION_CODES:
            raise ValidationError("id.residence_permit_region", field=field, region=parsed.region_code)
        return IdentityDocument(id_type, parsed.number)
    number = _non_empty(text, field)
    if not _LIGHT_FORMATS[id_type].fullmatch(number):
        raise ValidationError("id.format", field=field, id_type=id_type.name)
    return IdentityDocument(id_type, number)


def _non_empty(text: str, field: str) -> str:
    code = normalise_code(text)
    if not code:
        raise ValidationError("identifier.empty", field=field)
    return code


_MIDDLE_DOTS = dict.fromkeys(map(ord, "•・‧∙⋅"), "·")  # after NFKC (･ → ・)
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "[": "(", "]": ")", "【": "(", "】": ")"})


def normalise_name(text: str) -> str:
    """A key for matching names: full/half-width folded (NFKC, so （）→ ()), 〔〕【】[] → (), every kind of
    middle dot → "·" (minority and foreign names), spaces removed, Latin letters case-folded."""
    folded = unicodedata.normalize("NFKC", text or "").translate(_MIDDLE_DOTS).translate(_BRACKETS)
    return "".join(folded.split()).casefold()
