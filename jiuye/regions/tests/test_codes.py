import pytest

from jiuye.regions.codes import (
    Kind,
    Level,
    is_valid_code,
    kind_of,
    level_of,
    prefix_bounds,
    prefix_of,
)


@pytest.mark.parametrize(
    ("code", "level", "prefix"),
    [
        ("370000000000", Level.PROVINCE, "37"),
        ("370100000000", Level.CITY, "3701"),
        ("370102000000", Level.COUNTY, "370102"),
        ("370102001000", Level.TOWNSHIP, "370102001"),
        ("370102001002", Level.VILLAGE, "370102001002"),
    ],
)
def test_level_and_prefix_are_read_from_the_code(code, level, prefix):
    assert level_of(code) == level
    assert prefix_of(code) == prefix


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("370102001000", Kind.STREET),
        ("370112100000", Kind.TOWN),
        ("371526200000", Kind.TOWNSHIP),
        ("370571400000", Kind.TOWNSHIP_LIKE),
        ("370102001002", Kind.COMMUNITY),
        ("370112100201", Kind.VILLAGE),
        ("370112100401", Kind.COMMUNITY_LIKE),
        ("370112100501", Kind.VILLAGE_LIKE),
    ],
)
def test_kind_follows_the_statistical_code_rules(code, kind):
    assert kind_of(code) == kind


def test_subtree_bounds_cover_exactly_the_subtree():
    first, last = prefix_bounds("370102001")
    assert (first, last) == ("370102001000", "370102001999")
    assert first <= "370102001002" <= last
    assert not first <= "370102002001" <= last
    # A prefix of nines has an upper bound too (no carry into a 13th digit).
    assert prefix_bounds("99") == ("990000000000", "999999999999")


@pytest.mark.parametrize(
    "value", ["", "37010200100", "3701020010021", "37010200100x", None, 370102001002]
)
def test_malformed_codes_are_not_valid(value):
    assert not is_valid_code(value)
