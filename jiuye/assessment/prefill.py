"""绩 and 勤 prefilled from what the workers recorded, for all the workers of a round at once.

绩 (targets met): each share of the office's yearly targets the worker's post holds
(``staff.PositionTarget``) is counted by its registered ``core.registry.Work`` — the worker's
own records of the year — and met up to 100 %; 绩 is the mean of the shares met, in points of
100. A post without targets of the year gets no prefilled 绩: a scorer enters it.

勤 (attendance and visits): visits are the worker's records of every ``Work`` that is a visit
(home visits of assistance targets, checks of flexible workers), against the round's expected
number a year; deadlines kept are the workflow steps the worker took on or before the step's
deadline, of all the steps with a deadline they took in the year. 勤 = the round's visit share
× visits met + the rest × deadlines kept; without any step that had a deadline, visits alone.
Attendance itself is not recorded in the system: a scorer adjusts 勤 for it, with the reason.

One count query per ``Work`` and one for the deadlines, whatever the number of workers
(``compute``); the values are written by the service (``services.round_prefill``).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery

from jiuye.assessment.models import points
from jiuye.core.models import WorkflowEvent
from jiuye.core.registry import registry
from jiuye.staff.models import PositionTarget, User
from jiuye.staff.selectors import year_so_far

period = year_so_far  # the days of the year counted: 1 January to 31 December, or to today


def deadlines(user_ids, first: datetime.date, last: datetime.date) -> dict[int, tuple[int, int]]:
    """``{user_id: (steps, kept)}``: the workflow steps each worker took from ``first`` to
    ``last`` whose step had a deadline (the one set when the item entered it), and those
    taken on or before it. One query."""
    before = WorkflowEvent.objects.filter(
        Q(at__lt=OuterRef("at")) | Q(at=OuterRef("at"), pk__lt=OuterRef("pk")),
        content_type=OuterRef("content_type"), object_id=OuterRef("object_id"),
    ).order_by("-at", "-pk").values("due_on")[:1]  # fmt: skip
    rows = (
        WorkflowEvent.objects.filter(actor_id__in=list(user_ids), at__date__range=(first, last))
        .annotate(due=Subquery(before))
        .filter(due__isnull=False)
        .values("actor_id")
        .annotate(steps=Count("pk"), kept=Count("pk", filter=Q(at__date__lte=F("due"))))
        .order_by()
    )
    return {row["actor_id"]: (row["steps"], row["kept"]) for row in rows}


def rate(done, wanted) -> Decimal:
    """Percent met, at most 100; nothing wanted is met."""
    if not wanted:
        return Decimal(100)
    return min(Decimal(done) * 100 / Decimal(wanted), Decimal(100))


def compute(round_, assessments, *, today=None) -> dict[int, dict]:
    """``{assessment id: {"ji_auto", "ji_sources", "qin_auto", "qin_sources"}}`` for
    ``assessments`` of ``round_`` (their ``worker`` loaded)."""
    first, last = period(round_.year, today)
    works = registry["work"]
    user_ids = [assessment.worker_id for assessment in assessments]
    positions = {assessment.worker.position_id for assessment in assessments} - {None}
    shares = defaultdict(list)
    for share in PositionTarget.objects.filter(
        position_id__in=positions, target__year=round_.year
    ).order_by("position_id", "pk"):
        if share.work in works:
            shares[share.position_id].append(share)
    # a post held by several workers: each answers for an equal part of its share
    holders = dict(
        User.objects.filter(position_id__in=shares, is_active=True)
        .values("position_id").annotate(n=Count("pk")).values_list("position_id", "n").order_by()
    )  # fmt: skip
    visits = [code for code, work in works.items() if work.visit]
    needed = sorted({share.work for held in shares.values() for share in held} | set(visits))
    counts = {code: works[code].count(user_ids, first, last) for code in needed}
    steps = deadlines(user_ids, first, last)

    found = {}
    for assessment in assessments:
        uid = assessment.worker_id
        position = assessment.worker.position_id
        part = Decimal(holders.get(position) or 1)
        ji_sources = [
            {"work": share.work, "target": str((share.value / part).quantize(Decimal("0.01"))),
             "count": counts[share.work].get(uid, 0),
             "rate": str(points(rate(counts[share.work].get(uid, 0), share.value / part)))}
            for share in shares.get(position, [])
        ]  # fmt: skip
        ji = (
            points(sum(Decimal(source["rate"]) for source in ji_sources) / len(ji_sources))
            if ji_sources
            else None
        )
        made = [{"work": code, "count": counts[code].get(uid, 0)} for code in visits]
        visits_made = sum(each["count"] for each in made)
        visit_rate = rate(visits_made, round_.visits_expected)
        taken, kept = steps.get(uid, (0, 0))
        if taken:
            kept_rate = rate(kept, taken)
            qin = (visit_rate * round_.visit_share + kept_rate * (100 - round_.visit_share)) / 100
        else:
            kept_rate, qin = None, visit_rate
        found[assessment.pk] = {
            "ji_auto": ji,
            "ji_sources": {"shares": ji_sources},
            "qin_auto": points(qin),
            "qin_sources": {
                "visits": made, "visits_made": visits_made, "visits_expected": round_.visits_expected,
                "visit_rate": str(points(visit_rate)), "steps": taken, "kept": kept,
                "kept_rate": None if kept_rate is None else str(points(kept_rate)),
                "first": first.isoformat(), "last": last.isoformat(),
            },
        }  # fmt: skip
    return found
