"""Reads of regions: the jurisdiction root of a user and counts grouped by sub-region."""

from django.db.models import Count
from django.db.models.functions import Substr

from jiuye.regions.codes import PREFIX_LENGTH, Level
from jiuye.regions.models import Region, ServiceOrg


def jurisdiction_root(user) -> Region | None:
    """The region at the top of what the user may see (the province for a superuser)."""
    if user.is_superuser:
        return Region.objects.filter(level=Level.PROVINCE).order_by("code").first()
    if user.jurisdiction_prefix is None:
        return None
    return user.org.region


def _grouped(queryset, code_field: str, length: int) -> dict[str, int]:
    rows = (
        queryset.annotate(group=Substr(code_field, 1, length))
        .values("group")
        .annotate(n=Count("pk"))
    )
    return {row["group"]: row["n"] for row in rows.order_by()}


def subtree_counts(region: Region, children: list[Region]) -> tuple[dict, dict[str, dict]]:
    """Sub-regions, service organisations and active staff under ``region`` in total and
    under each of its ``children``: three grouped queries, whatever the number of children."""
    from jiuye.staff.models import User

    prefix = region.prefix
    length = PREFIX_LENGTH[Level(region.level + 1)] if region.level < Level.VILLAGE else len(prefix)
    regions = _grouped(Region.objects.within(prefix), "code", length)
    orgs = _grouped(ServiceOrg.objects.within(prefix).filter(is_active=True), "region_id", length)
    staff = _grouped(User.objects.within(prefix).filter(is_active=True), "org__region_id", length)

    per_child = {
        child.code: {
            "regions": regions.get(child.prefix, 1) - 1,  # the child's own row is in its group
            "orgs": orgs.get(child.prefix, 0),
            "staff": staff.get(child.prefix, 0),
        }
        for child in children
    }
    total = {
        "regions": sum(regions.values()) - 1,
        "orgs": sum(orgs.values()),
        "staff": sum(staff.values()),
    }
    return total, per_child
