import pytest

from jiuye.regions.codes import (
    Level,
    RegionKind,
    ancestor,
    ancestors,
    city,
    contains,
    county,
    is_valid_code,
    kind_of,
    level_of,
    prefix_bounds,
    prefix_of,
    township,
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
        ("370102001000", RegionKind.STREET),
        ("370112100000", RegionKind.TOWN),
        ("371526200000", RegionKind.TOWNSHIP),
        ("370571400000", RegionKind.TOWNSHIP_LIKE),
        ("370102001002", RegionKind.COMMUNITY),
        ("370112100201", RegionKind.VILLAGE),
        ("370112100401", RegionKind.COMMUNITY_LIKE),
        ("370112100501", RegionKind.VILLAGE_LIKE),
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


def test_ancestors_run_from_the_province_down_to_the_code_itself():
    assert ancestors("370102001002") == [
        "370000000000",
        "370100000000",
        "370102000000",
        "370102001000",
        "370102001002",
    ]
    assert ancestors("370102000000") == ["370000000000", "370100000000", "370102000000"]
    assert ancestors("370000000000") == ["370000000000"]


def test_an_ancestor_is_the_code_of_the_region_at_a_level():
    village = "370102001002"
    assert ancestor(village, Level.PROVINCE) == "370000000000"
    assert city(village) == ancestor(village, Level.CITY) == "370100000000"
    assert county(village) == ancestor(village, Level.COUNTY) == "370102000000"
    assert township(village) == ancestor(village, Level.TOWNSHIP) == "370102001000"
    assert ancestor(village, Level.VILLAGE) == village
    # At or below its own level a region is its own ancestor.
    assert county("370102000000") == "370102000000"
    assert township("370102000000") == "370102000000"


def test_a_subtree_contains_the_codes_that_start_with_its_prefix():
    assert contains("370102", "370102001002")
    assert contains("370102001002", "370102001002")
    assert contains("", "370102001002")  # the whole province and beyond
    assert not contains("370102", "370103001002")
    assert not contains("370102001", "370102000000")  # the county is above the township
    # A prefix lies under a shorter one, as ``regions_load`` asks of a subtree's ancestors.
    assert contains("3701", "370102")
    assert not contains("370102", "3701")
