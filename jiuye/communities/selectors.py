"""Reads of full-employment communities for other pages."""

import datetime

from django.db.models import Max
from django.utils import timezone

from jiuye.communities.models import CommunityMonth, Standard
from jiuye.regions.codes import Level


def home_panel(user, today):
    """A community's (or a street's) standing on its home page, from the last nightly figures:
    the standards it meets and those it misses, one click from the reasons."""
    org = getattr(user, "org", None)
    if org is None or org.region.level not in (Level.VILLAGE, Level.TOWNSHIP):
        return None
    kept = (
        CommunityMonth.objects.visible_to(user)
        .filter(region_id=org.region_id)
        .order_by("-month")
        .first()
    )
    if kept is None:
        return None
    standards = list(
        Standard.objects.visible_to(user)
        .filter(is_active=True, pk__in=kept.met)
        .order_by("kind", "rank")
    )
    return "communities/home_panel.html", {"kept": kept, "region": org.region, "met": standards}


def latest_month(user, region) -> datetime.date:
    """The month the overview opens at: the latest the nightly run computed for a community
    of ``region`` that the user may see, or this month when there is none (the page then says
    it has no figures)."""
    latest = (
        CommunityMonth.objects.visible_to(user).within(region.prefix)
        .aggregate(latest=Max("month"))["latest"]
    )  # fmt: skip
    return (latest or timezone.localdate()).replace(day=1)
