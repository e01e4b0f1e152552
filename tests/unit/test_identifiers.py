"""统一社会信用代码, 居民身份证号码, other ID types and name matching."""

from __future__ import annotations

import datetime as dt

import pytest
from stdnum.cn import ric as stdnum_ric

from app.domain.errors import ValidationError
from app.domain.identifiers import (IdType, normalise_name, region_code_exists, ric_check_character,
                                    uscc_check_character, validate_identity_document, validate_resident_id,
                                    validate_uscc)

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize("code", [
    "91440101MA59B2C3DY", "91440106MA5CXU2Q0K", "124400004558583102",
    "N2440101MA59B2C3DE", "Y1440101MA59B2C3D9", "A1440101MA59B2C3DX",  # letter first: stdnum refuses these
])
def test_valid_credit_codes_are_accepted(code):
    assert validate_uscc(code) == code


def test_credit_codes_are_normalised_from_full_width_lowercase_and_spaces():
    assert validate_uscc(" ９１４４０１０１ma59b2c3dy ") == "91440101MA59B2C3DY"
    assert validate_uscc("914401-01MA59B2C3DY") == "91440101MA59B2C3DY"


@pytest.mark.parametrize(("text", "code", "params"), [
    ("  ", "identifier.empty", {}),
    ("91440101MA59B2C3D", "uscc.length", {"length": 17}),
    ("91440101MA59B2C3DYY", "uscc.length", {"length": 19}),
    ("91440101MA59I2C3DY", "uscc.character", {"position": 13, "character": "I"}),
    ("9144O101MA59B2C3DY", "uscc.character", {"position": 5, "character": "O"}),
    ("9144A101MA59B2C3DY", "uscc.region_code", {"region": "44A101"}),
    ("91440101MA59B2C3DX", "uscc.check_character", {"expected": "Y", "actual": "X"}),
])
def test_each_credit_code_failure_has_its_own_code(text, code, params):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(text)
    assert (caught.value.code, caught.value.params, caught.value.field) == (code, params, "uscc")


def test_the_check_algorithms_match_published_examples():
    assert uscc_check_character("91440101MA59B2C3D") == "Y"
    assert ric_check_character("36042619910101007") == "1"  # platform-notes example 360426199101010071


def test_a_resident_id_is_parsed_into_its_parts():
    parsed = validate_resident_id("360426199101010071", today=TODAY)
    assert (parsed.region_code, parsed.birth_date, parsed.sex) == ("360426", dt.date(1991, 1, 1), "男")
    assert validate_resident_id("440106198203150028", today=TODAY).sex == "女"


def test_a_lowercase_x_and_full_width_digits_are_accepted():
    assert validate_resident_id("11010119900307803x", today=TODAY).number == "11010119900307803X"
    assert validate_resident_id("４４０１０６ 19850715 102x", today=TODAY).number == "44010619850715102X"


def test_a_region_code_created_after_the_birth_year_is_accepted_unlike_stdnum():
    with pytest.raises(Exception) as stdnum_error:
        stdnum_ric.validate("440106198001011230")  # 天河区 was created in 1985
    assert type(stdnum_error.value).__name__ == "InvalidComponent"
    assert validate_resident_id("440106198001011230", today=TODAY).region_code == "440106"


@pytest.mark.parametrize(("text", "code", "params"), [
    ("", "identifier.empty", {}),
    ("440106800101123", "ric.length", {"length": 15, "first_generation": True}),
    ("4401061980010112301", "ric.length", {"length": 19, "first_generation": False}),
    ("4401061980A1011230", "ric.character", {"position": 11, "character": "A"}),
    ("44010619800101123X", "ric.check_character", {"expected": "0", "actual": "X"}),
    ("440106194902300000", "ric.check_character", {"expected": "7", "actual": "0"}),
    ("440106194902300001", "ric.birth_date", {"value": "19490230"}),
    ("440106189912310019", "ric.birth_date", {"value": "18991231"}),
    ("440106202712310016", "ric.birth_date_future", {"birth_date": "2027-12-31", "today": "2026-12-04"}),
    ("999999199001010019", "ric.region_code", {"region": "999999"}),
])
def test_each_resident_id_failure_has_its_own_code(text, code, params):
    if code.startswith("ric.") and code not in ("ric.length", "ric.character", "ric.check_character"):
        text = text[:17] + ric_check_character(text[:17])
    with pytest.raises(ValidationError) as caught:
        validate_resident_id(text, today=TODAY)
    assert (caught.value.code, caught.value.params) == (code, params)


def test_region_codes_exist_in_any_period_or_belong_to_hong_kong_macao_taiwan():
    assert region_code_exists("440106") and region_code_exists("830000") and not region_code_exists("999999")


@pytest.mark.parametrize(("id_type", "text", "number"), [
    (IdType.RESIDENT_ID, "360426199101010071", "360426199101010071"),
    (IdType.HMT_RESIDENCE_PERMIT, "810000199001010019", "810000199001010019"),
    (IdType.PASSPORT, "e 1234 5678", "E12345678"),
    (IdType.HK_MACAO_PERMIT, "H12345678", "H12345678"),
    (IdType.HK_MACAO_PERMIT, "M1234567890", "M1234567890"),
    (IdType.TAIWAN_PERMIT, "12345678", "12345678"),
    (IdType.FOREIGN_PERMANENT_RESIDENT, "USA310012345678", "USA310012345678"),
    (IdType.FOREIGN_PERMANENT_RESIDENT, "933100199001010012", "933100199001010012"),
])
def test_other_id_types_are_accepted_with_their_type(id_type, text, number):
    document = validate_identity_document(id_type, text, today=TODAY)
    assert (document.id_type, document.number) == (id_type, number)


@pytest.mark.parametrize(("id_type", "text", "code"), [
    (IdType.PASSPORT, "E12", "id.format"),
    (IdType.HK_MACAO_PERMIT, "A12345678", "id.format"),
    (IdType.TAIWAN_PERMIT, "1234567", "id.format"),
    (IdType.FOREIGN_PERMANENT_RESIDENT, "US310012345678", "id.format"),
    (IdType.HMT_RESIDENCE_PERMIT, "360426199101010071", "id.residence_permit_region"),
    (IdType.RESIDENT_ID, "360426199101010072", "ric.check_character"),
])
def test_other_id_types_get_light_format_checks(id_type, text, code):
    with pytest.raises(ValidationError) as caught:
        validate_identity_document(id_type, text, today=TODAY)
    assert caught.value.code == code


def test_id_types_have_chinese_labels():
    assert [t.label for t in IdType][:2] == ["居民身份证", "护照"]


@pytest.mark.parametrize(("a", "b"), [
    ("广州市某某科技有限公司（天河分公司）", "广州市某某科技有限公司(天河分公司)"),
    ("广州 某某 科技有限公司", "广州某某科技有限公司"),
    ("ＡＢＣ科技　有限公司", "abc科技有限公司"),
    ("阿卜杜拉•艾买提", "阿卜杜拉·艾买提"),
    ("阿卜杜拉・艾买提", "阿卜杜拉·艾买提"),
    ("某某公司〔广州〕", "某某公司(广州)"),
    ("某某公司【广州】", "某某公司[广州]"),
])
def test_names_that_differ_only_in_width_brackets_spaces_or_dots_match(a, b):
    assert normalise_name(a) == normalise_name(b)


def test_names_that_differ_in_substance_do_not_match():
    assert normalise_name("广州某某公司") != normalise_name("广州某某有限公司")
    assert normalise_name(None) == ""  # type: ignore[arg-type]
