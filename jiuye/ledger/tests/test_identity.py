import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jiuye.ledger.identity import (
    check_character,
    clean_phone,
    mask_id_number,
    mask_phone,
    parse_id_number,
)


def valid(body17: str) -> str:
    return body17 + check_character(body17)


def test_the_standards_example_number_is_valid():
    parsed = parse_id_number("11010519491231002X")
    assert (
        parsed.birth_date == datetime.date(1949, 12, 31)
        and parsed.sex == "2"
        and parsed.warnings == []
    )


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 11010519491231002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "110105 19491231 002X",
    ],
)
def test_messy_input_is_normalised(typed):
    assert parse_id_number(typed).number == "11010519491231002X"


def test_a_15_digit_legacy_number_becomes_18_digits():
    parsed = parse_id_number("370102800101123")
    assert parsed.number == valid("37010219800101123")
    assert parsed.birth_date == datetime.date(1980, 1, 1) and parsed.sex == "1"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("110105194912310021", "校验位错误"),
        ("11010519491231002", "应为18位"),
        ("1101051949123100XX", "应为18位"),
        (valid("37010219901301123")[:18], "出生日期无效"),
        (valid("37010230000101123"), "出生日期无效"),
    ],
)
def test_wrong_numbers_are_refused_with_the_reason(typed, message):
    with pytest.raises(ValidationError) as refusal:
        parse_id_number(typed)
    with translation.override("zh-hans"):  # whatever an earlier test left active
        assert message in refusal.value.messages[0]


@pytest.mark.parametrize(
    "body",
    [
        "37010219500101123",  # 历下区, in the table from 1983 only: born before, still real
        "37011119500101123",  # 济南市郊区, 1983-1987, abolished since
        "37062019500101123",  # 威海市 as a county-level city of 烟台, 1983-1987
        "37012219500101123",  # 章丘县, to 1992 (no start year in the table)
        "37120219900101123",  # 莱城区, 1992-2019: issued after the birth year
    ],
)
def test_a_real_current_or_historical_region_code_is_no_warning_whatever_the_birth_year(body):
    assert parse_id_number(valid(body)).warnings == []


@pytest.mark.parametrize("body", ["37999919500101123", "37019919800101123", "99010119900101123"])
def test_a_region_code_that_never_was_a_county_is_a_warning(body):
    parsed = parse_id_number(valid(body))
    assert parsed.number == valid(body)
    assert parsed.warnings and "地区码" in str(parsed.warnings[0])


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("13800138000", "13800138000"),
        ("１３８ ００１３ ８０００", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("0531-86001234", "0531-86001234"),
        ("053186001234", "0531-86001234"),
        ("010-12345678", "010-12345678"),
        ("", ""),
    ],
)
def test_phones_are_normalised(typed, clean):
    assert clean_phone(typed) == clean


@pytest.mark.parametrize("typed", ["12345", "2381234567", "138001380001", "0531-123"])
def test_wrong_phones_are_refused(typed):
    with pytest.raises(ValidationError):
        clean_phone(typed)


def test_masks_keep_only_what_identifies_the_record_in_a_list():
    assert mask_id_number("37010219900101123X") == "3701**********123*"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0531-86001234") == "0531-****1234"
