"""What the staff pages read: an office's posts and how far its targets are met, who lacks
the training the guideline asks for, and the certificates running out."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from jiuye.core.indicators import collect_on, fill
from jiuye.core.registry import registry
from jiuye.regions.codes import Level
from jiuye.staff.models import (
    Position,
    PositionTarget,
    StaffCertificate,
    StaffTraining,
    Target,
    TrainingKind,
    User,
)


def attainment(done, target) -> Decimal | None:
    """``done`` as a percentage of ``target`` to one decimal (None without a target)."""
    if not target:
        return None
    return (Decimal(done) * 100 / Decimal(target)).quantize(Decimal("0.1"))


@dataclass
class Share:
    share: PositionTarget
    done: int = 0

    @property
    def rate(self):
        return attainment(self.done, self.share.value)


@dataclass
class Line:
    target: Target
    done: object = None  # the office's figure of the year so far
    shares: list[Share] = field(default_factory=list)

    @property
    def rate(self):
        return attainment(self.done or 0, self.target.value)

    @property
    def left(self):
        """What is not yet given to a post."""
        return self.target.value - sum(each.share.value for each in self.shares)


def year_so_far(
    year: int, today: datetime.date | None = None
) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)


def plan(user, org, year: int) -> tuple[list[Position], list[Line]]:
    """An office's posts and their holders, and its targets of ``year`` with what the office
    and each post's holders did so far: one grouped query per indicator source and per work."""
    positions = list(
        org.positions.prefetch_related(Prefetch("holders", User.objects.filter(is_active=True).order_by("username")))
    )  # fmt: skip
    targets = list(
        Target.objects.filter(org=org, year=year)
        .prefetch_related(Prefetch("shares", PositionTarget.objects.select_related("position")))
    )  # fmt: skip
    first, last = year_so_far(year)
    indicators = registry["indicators"]
    known = [indicators[target.indicator] for target in targets if target.indicator in indicators]
    region = org.region  # as it was on ``last`` (``collect_on``): a past year's own region
    whole = collect_on(user, region, known, first, last, len(region.prefix))
    figures = fill(whole.get(region.prefix, {}), known)
    holders = {
        position.pk: [holder.pk for holder in position.holders.all()] for position in positions
    }
    ids = [pk for group in holders.values() for pk in group]
    counts = {}
    for code in {share.work for target in targets for share in target.shares.all()}:
        if code in registry["work"]:
            counts[code] = registry["work"][code].count(ids, first, last)
    lines = []
    for target in targets:
        shares = [
            Share(share, sum(counts.get(share.work, {}).get(pk, 0) for pk in holders.get(share.position_id, [])))
            for share in target.shares.all()
        ]  # fmt: skip
        lines.append(Line(target, figures.get(target.indicator), shares))
    return positions, lines


def with_training(accounts, year: int):
    """Accounts with ``has_induction`` (a passed induction training) and ``trained_this_year``
    (any passed training that ended in ``year``)."""
    passed = StaffTraining.objects.filter(user=OuterRef("pk"), passed=True)
    return accounts.annotate(
        has_induction=Exists(passed.filter(kind=TrainingKind.INDUCTION)),
        trained_this_year=Exists(passed.filter(ended_on__year=year)),
    )


def lacking(accounts, what: str, year: int):
    """Those of the annotated ``accounts`` who lack an induction, or this year's training
    (those who took up their post this year are trained by their induction)."""
    if what == "induction":
        return accounts.filter(has_induction=False)
    return accounts.filter(trained_this_year=False).exclude(started_on__year=year)


def certificates_due(user, within_days: int = 90):
    """Certificates of active accounts expired or expiring within ``within_days`` that no
    newer certificate of the same name replaces."""
    limit = timezone.localdate() + datetime.timedelta(days=within_days)
    renewed = StaffCertificate.objects.filter(user=OuterRef("user"), name=OuterRef("name")).filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=limit)
    )
    return (
        StaffCertificate.objects.visible_to(user)
        .filter(user__is_active=True, expires_on__lte=limit)
        .exclude(Exists(renewed))
        .select_related("user__org")
        .order_by("expires_on", "pk")
    )  # fmt: skip


def home_panel(user, today):
    """For the townships and counties, who manage the grassroots staff: the workers below them
    without this year's training or without an induction, and the certificates expired or
    running out (guideline 七)."""
    if not user.has_perm("staff.change_user") or user.org_id is None:
        return None
    if user.org.region.level not in (Level.TOWNSHIP, Level.COUNTY):
        return None
    accounts = with_training(
        User.objects.managed_by(user).filter(is_active=True, org__isnull=False), today.year
    )
    counts = {
        "induction": lacking(accounts, "induction", today.year).count(),
        "this_year": lacking(accounts, "this_year", today.year).count(),
        "certificates": certificates_due(user)
        .filter(user__in=User.objects.managed_by(user))
        .count(),
    }
    if not any(counts.values()):
        return None
    return "staff/home_panel.html", counts
