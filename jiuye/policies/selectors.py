"""Reads of the policy library beyond the querysets: the figures of consultations and the
home page's panel."""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jiuye.policies.choices import Topic
from jiuye.policies.models import Citation, Consultation, Policy
from jiuye.regions.codes import child_prefix_length, code_of_prefix, prefix_sql
from jiuye.regions.models import Region

PANEL_ROWS = 5
TOP_POLICIES = 10


def consultation_figures(user, region: Region, first: datetime.date, last: datetime.date):
    """The consultations of ``region`` (which the caller checked ``user`` may see) from
    ``first`` to ``last``: how many of each topic, the same by sub-region, and the policies
    cited most. Three grouped queries and one for the policies' titles."""
    asked = (
        Consultation.objects.visible_to(user)
        .within(region.prefix)
        .filter(asked_on__gte=first, asked_on__lte=last)
    )
    length = child_prefix_length(region.code)
    cells = Counter()
    for row in (
        asked.annotate(part=prefix_sql("region_id", length))
        .values("part", "topic")
        .annotate(n=Count("id"))
    ):
        cells[(code_of_prefix(row["part"]), row["topic"])] += row["n"]
    by_topic = Counter()
    for (_code, topic), n in cells.items():
        by_topic[topic] += n
    topics = [(Topic(topic), n) for topic, n in by_topic.most_common()]
    names = dict(
        Region.objects.filter(code__in={code for code, _t in cells}).values_list("code", "name")
    )
    parts = sorted({code for code, _t in cells})
    rows = [
        {"code": code, "name": names.get(code, code), "own": code == region.code,
         "cells": [(topic, cells[(code, topic)]) for topic, _n in topics],
         "total": sum(cells[(code, topic)] for topic, _n in topics)}
        for code in parts
    ]  # fmt: skip
    cited = (
        Citation.objects.filter(consultation__in=asked.values("pk"))
        .values("policy_id")
        .annotate(n=Count("id"))
        .order_by("-n", "policy_id")[:TOP_POLICIES]
    )
    counts = {row["policy_id"]: row["n"] for row in cited}
    policies = Policy.objects.visible_to(user).filter(pk__in=counts)
    top = sorted(
        ((policy, counts[policy.pk]) for policy in policies), key=lambda p: (-p[1], p[0].pk)
    )
    return {"topics": topics, "rows": rows, "total": sum(by_topic.values()), "top": top}


def home_panel(user, today):
    """The policies issued or taking effect this month that apply in the user's jurisdiction."""
    if not user.has_perm("policies.view_policy"):
        return None
    first = today.replace(day=1)
    new = Policy.objects.visible_to(user).filter(
        Q(issued_on__gte=first, issued_on__lte=today)
        | Q(effective_from__gte=first, effective_from__lte=today)
    )
    count = new.count()
    if not count:
        return None
    return "policies/home_panel.html", {
        "count": count,
        "policies": list(new.order_by("-issued_on", "-pk")[:PANEL_ROWS]),
        "title": _("本月新发布或施行的政策"),
    }
