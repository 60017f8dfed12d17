"""Demo data: the real divisions, and a service organisation at every region of the scale."""

import re

from django.db import transaction

from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, code_of_prefix, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.regions.services import changes_load, divisions_count, regions_load

_COMMITTEE = re.compile(r"(居民委员会|村民委员会|居委会|村委会|委员会)$")


def short_name(region: Region) -> str:
    """解放桥社区居民委员会 → 解放桥社区; 东营村村民委员会 → 东营村."""
    return _COMMITTEE.sub("", region.name) or region.name


def org_specs(region: Region) -> list[tuple[str, str]]:
    """The (name, kind) of the organisations a region of this level has."""
    name = short_name(region)
    match region.level:
        case Level.PROVINCE:
            return [(f"{name}人力资源和社会保障厅", OrgKind.PROVINCE_DEPARTMENT)]
        case Level.CITY:
            return [(f"{name}公共就业和人才服务中心", OrgKind.CITY_AGENCY)]
        case Level.COUNTY:
            return [
                (f"{name}公共就业和人才服务中心", OrgKind.COUNTY_AGENCY),
                (f"{name}财政局", OrgKind.COUNTY_FINANCE),
            ]
        case Level.TOWNSHIP:
            return [(f"{name}劳动保障服务中心", OrgKind.TOWNSHIP_CENTRE)]
        case _:
            return [(f"{name}劳动保障服务站", OrgKind.VILLAGE_STATION)]


def scale_regions(scale) -> list[Region]:
    """Every region of the scale's subtrees, and their ancestors up to the province."""
    regions = {}
    for prefix in scale.prefixes:
        regions.update((region.code, region) for region in Region.objects.within(prefix))
        regions.update(
            (ancestor.code, ancestor) for ancestor in regions[code_of_prefix(prefix)].path
        )
    return [regions[code] for code in sorted(regions)]


# Telephone area codes of Shandong's cities (区号), for plausible demo phone numbers.
AREA_CODES = {
    "3701": "0531",
    "3702": "0532",
    "3703": "0533",
    "3704": "0632",
    "3705": "0546",
    "3706": "0535",
    "3707": "0536",
    "3708": "0537",
    "3709": "0538",
    "3710": "0631",
    "3711": "0633",
    "3713": "0539",
    "3714": "0534",
    "3715": "0635",
    "3716": "0543",
    "3717": "0530",
}


def landline(rng, code: str) -> str:
    area = AREA_CODES.get(prefix_of(code, Level.CITY), "0531")
    return f"{area}-{rng.randint(80000000, 89999999)}"


@transaction.atomic
def seed(context) -> None:
    if Region.objects.count() != divisions_count():
        context.log(f"Loaded {regions_load()} regions.")
    context.log(f"Loaded {changes_load()} division code changes.")
    existing = set(ServiceOrg.objects.values_list("region_id", "kind"))  # renamed ones too
    new = []
    for region in scale_regions(context.scale):
        for name, kind in org_specs(region):
            if (region.code, kind) not in existing:
                rng = context.rng("org", region.code, kind)
                new.append(
                    ServiceOrg(
                        region=region, name=name, kind=kind, phone=landline(rng, region.code)
                    )
                )
    ServiceOrg.objects.bulk_create(new, batch_size=2000)
    context.log(f"Created {len(new)} service organisations.")
