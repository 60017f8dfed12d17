"""Reads of regions: the jurisdiction root of a user and counts grouped by sub-region."""

from django.db.models import Count
from django.db.models.functions import Substr
from django.http import Http404
from django.shortcuts import get_object_or_404

from jiuye.core.scoping import EVERYTHING, jurisdiction_prefix
from jiuye.regions.codes import PREFIX_LENGTH, Level, code_of_prefix, contains
from jiuye.regions.models import Region, ServiceOrg, region_path


def jurisdiction_root(user) -> Region | None:
    """The region at the top of what the user may see (the province for a superuser)."""
    prefix = jurisdiction_prefix(user)
    if prefix is None:
        return None
    if prefix == EVERYTHING:
        return Region.objects.filter(level=Level.PROVINCE).order_by("code").first()
    return Region.objects.get(code=code_of_prefix(prefix))


def _grouped(queryset, code_field: str, length: int) -> dict[str, int]:
    rows = (
        queryset.annotate(group=Substr(code_field, 1, length))
        .values("group")
        .annotate(n=Count("pk"))
    )
    return {row["group"]: row["n"] for row in rows.order_by()}


def subtree_counts(user, region: Region, children: list[Region]) -> tuple[dict, dict[str, dict]]:
    """Sub-regions, active service organisations and active staff of active organisations
    under ``region``, in total and under each of its ``children``, as far as ``user`` sees:
    three grouped queries, whatever the number of children."""
    from jiuye.staff.models import User

    prefix = region.prefix
    length = PREFIX_LENGTH[Level(region.level + 1)] if region.level < Level.VILLAGE else len(prefix)
    regions = Region.objects.visible_to(user).within(prefix)
    orgs = ServiceOrg.objects.visible_to(user).within(prefix).filter(is_active=True)
    staff = User.objects.visible_to(user).within(prefix).filter(is_active=True, org__is_active=True)
    regions = _grouped(regions, "code", length)
    orgs = _grouped(orgs, "region_id", length)
    staff = _grouped(staff, "org__region_id", length)

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


def asked_region(user, code: str | None) -> Region:
    """The region a report asks for (``?region=``), which must lie in the user's jurisdiction
    (404 otherwise); by default the top of the jurisdiction."""
    region = (
        get_object_or_404(Region.objects.visible_to(user), code=code)
        if code
        else jurisdiction_root(user)
    )
    if region is None:
        raise Http404
    return region


def visible_path(user, region: Region) -> list[Region]:
    """The region and its ancestors inside the user's jurisdiction, top first: a breadcrumb."""
    prefix = jurisdiction_prefix(user)
    return [each for each in region_path(region.code) if contains(prefix, each.code)]
