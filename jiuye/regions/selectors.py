"""Reads of regions: the jurisdiction root of a user and counts grouped by sub-region."""

import datetime

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date

from jiuye.core.indicators import grouped
from jiuye.core.scoping import EVERYTHING, jurisdiction_prefix
from jiuye.regions.codes import Level, child_prefix_length, code_of_prefix, contains
from jiuye.regions.models import Region, ServiceOrg, region_path
from jiuye.staff.models import User


def jurisdiction_root(user) -> Region | None:
    """The region at the top of what the user may see (the province for a superuser)."""
    prefix = jurisdiction_prefix(user)
    if prefix is None:
        return None
    if prefix == EVERYTHING:
        return Region.objects.filter(level=Level.PROVINCE).order_by("code").first()
    return Region.objects.get(code=code_of_prefix(prefix))


def _counts(queryset, field: str, length: int) -> dict[str, int]:
    return {
        group: row["n"]
        for group, row in grouped(queryset, length, field=field, n=Count("pk")).items()
    }


def subtree_counts(user, region: Region, children: list[Region]) -> tuple[dict, dict[str, dict]]:
    """Sub-regions, active service organisations and active staff of active organisations
    under ``region``, in total and under each of its ``children``, as far as ``user`` sees:
    three grouped queries, whatever the number of children."""
    prefix, length = region.prefix, child_prefix_length(region.code)
    regions = Region.objects.visible_to(user).within(prefix)
    orgs = ServiceOrg.objects.visible_to(user).within(prefix).filter(is_active=True)
    staff = User.objects.visible_to(user).within(prefix).filter(is_active=True, org__is_active=True)
    regions = _counts(regions, "code", length)
    orgs = _counts(orgs, "region_id", length)
    staff = _counts(staff, "org__region_id", length)

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


def asked_year(text: str | None, default: int) -> int:
    """The year a page asks for (``?year=2026``): ``default`` when none is asked or it is not a
    year."""
    text = text or ""
    return (
        int(text) if text.isascii() and text.isdecimal() and 2000 <= int(text) <= 2100 else default
    )


def asked_day(text: str | None) -> datetime.date:
    """The day a report asks for (``?on=2026-11-30``): today when none is asked or it is not
    a date, and never a day after today (the ledger does not know it yet)."""
    today = timezone.localdate()
    try:
        day = parse_date(text or "")
    except ValueError:
        day = None
    return min(day or today, today)


def visible_path(user, region: Region) -> list[Region]:
    """The region and its ancestors inside the user's jurisdiction, top first: a breadcrumb."""
    prefix = jurisdiction_prefix(user)
    return [each for each in region_path(region.code) if contains(prefix, each.code)]
