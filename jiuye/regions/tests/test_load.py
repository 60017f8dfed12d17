import pytest
from django.db import connection
from django.db.models import Count

from jiuye.core import history
from jiuye.regions.codes import Level, RegionKind
from jiuye.regions.models import Region
from jiuye.regions.services import regions_load

pytestmark = pytest.mark.django_db


def test_all_shandong_divisions_are_loaded_with_their_levels():
    counts = dict(Region.objects.values_list("level").annotate(n=Count("code")))
    assert counts == {
        Level.PROVINCE: 1,
        Level.CITY: 16,
        Level.COUNTY: 151,
        Level.TOWNSHIP: 1853,
        Level.VILLAGE: 62074,
    }


def test_kinds_are_derived_from_the_codes():
    kinds = dict(
        Region.objects.filter(level=Level.VILLAGE).values_list("kind").annotate(n=Count("code"))
    )
    # The data's README: 7,084 communities and 54,990 villages by the code rule.
    assert kinds[RegionKind.COMMUNITY] + kinds[RegionKind.COMMUNITY_LIKE] == 7084
    assert kinds[RegionKind.VILLAGE] + kinds[RegionKind.VILLAGE_LIKE] == 54990
    assert Region.objects.get(code="370102001002").kind == RegionKind.COMMUNITY
    assert Region.objects.get(code="370102001000").kind == RegionKind.STREET


def test_every_region_but_the_province_has_its_parent_one_level_up():
    orphans = Region.objects.exclude(level=Level.PROVINCE).filter(parent__isnull=True)
    assert not orphans.exists()
    wrong = [
        r
        for r in Region.objects.select_related("parent").exclude(level=Level.PROVINCE)[:5000]
        if r.parent.level != r.level - 1 or not r.code.startswith(r.parent.prefix)
    ]
    assert wrong == []


def test_loading_again_changes_nothing_and_repairs_a_renamed_region():
    history.update(Region.objects.filter(code="370102001002"), actor=None, name="改名社区")
    assert regions_load() == 64095
    assert Region.objects.count() == 64095
    assert Region.objects.get(code="370102001002").name == "解放桥社区居民委员会"


def test_a_subtree_loads_with_its_ancestors():
    with connection.cursor() as cursor:  # 滨州市 has no organisations in the tiny data set
        cursor.execute(
            "DELETE FROM regions_region WHERE code >= '371600000000' AND code <= '371699999999'"
        )
    assert not Region.objects.filter(code="371602000000").exists()
    count = regions_load(prefix="371602")
    subtree = Region.objects.within("371602")
    assert count == subtree.count() + 2  # the county's subtree, the city and the province
    assert Region.objects.filter(code="371600000000").exists()
    assert not Region.objects.filter(code="371603000000").exists()


def test_path_lists_the_ancestors_from_the_province():
    region = Region.objects.get(code="370102001002")
    assert [r.name for r in region.path] == [
        "山东省",
        "济南市",
        "历下区",
        "解放路街道",
        "解放桥社区居民委员会",
    ]
