"""The monthly subsidies of public-welfare posts (公益性岗位补贴 and 公益性岗位社会保险补贴) and the
social-insurance subsidy of employers that hire assistance targets (企业吸纳就业困难人员社会保险
补贴), guideline 十五. Whole months only (see ``posts.rules``): a month is paid when the person
was on the post (or with the employer) on the month's count day."""

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.core.scoping import subtree_q
from jiuye.jobs.models import Referral
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.models import StatusRecord
from jiuye.posts import rules
from jiuye.posts.models import Placement
from jiuye.regions.codes import prefix_of
from jiuye.subsidies.kinds import Line, SubsidyKind, offices_above
from jiuye.subsidies.models import ClaimLine

POST_SUBSIDY = "post_subsidy"
POST_INSURANCE = "post_insurance"
EMPLOYER_INSURANCE = "employer_insurance"
CENT = Decimal("0.01")

# kind: (the post's own standard, its parameter, the words for the standard)
STANDARDS = {
    POST_SUBSIDY: ("post_subsidy", "posts.post_subsidy", gettext_lazy("岗位补贴标准")),
    POST_INSURANCE: ("insurance_subsidy", "posts.insurance_subsidy", gettext_lazy("社会保险补贴标准")),
}  # fmt: skip


def _claimed(kind: str, period: str, persons) -> set[int]:
    return set(
        ClaimLine.objects.filter(kind=kind, void=False, period=period, person_id__in=persons)
        .values_list("person_id", flat=True)
    )  # fmt: skip


def _counting_words(day: datetime.date) -> str:
    return _("按整月计发，当月%(n)s日在岗的计1个月（参数“%(label)s”%(n)s日），不按天折算") % {
        "n": day.day, "label": rules.label(rules.COUNT_DAY)}  # fmt: skip


def placements_paid(org, first: datetime.date, read=None):
    """The placements of ``org``'s jurisdiction that the month starting ``first`` pays for,
    each with its entitlement: ``[(placement, entitlement, day)]``."""
    read = read or parameters.Reader()
    day = rules.count_day(first, org.region_id)
    placements = list(
        Placement.objects.within(prefix_of(org.region_id)).on(day)
        .filter(post__starts_on__lte=day, post__ends_on__gte=day)
        .select_related("person", "post__region").order_by("post__region_id", "post_id", "started_on", "pk")
    )  # fmt: skip
    # the ledger must show them on a public-welfare post that day: a coordinator who records
    # other work in the ledger without ending the placement stops the subsidy all the same
    on_post = set(
        StatusRecord.objects.on(day).filter(person_id__in=[p.person_id for p in placements],
                                            status=LabourStatus.PUBLIC_WELFARE_POST)
        .values_list("person_id", flat=True)
    )  # fmt: skip
    placements = [placement for placement in placements if placement.person_id in on_post]
    history = defaultdict(list)  # every placement of these persons, in any jurisdiction
    for earlier in Placement.objects.filter(
        person_id__in=[p.person_id for p in placements]
    ).select_related("post"):
        history[earlier.person_id].append(earlier)
    paid = []
    for placement in placements:
        own = history[placement.person_id]
        number = len(rules.months_on_post(own, day.day, day))
        right = rules.entitlement(
            placement.person, number=number, first_start=min(p.started_on for p in own),
            day=day, region=placement.post.region_id, read=read,
            limit_key=rules.limit_of(placement.post),
        )  # fmt: skip
        if right.paid:
            paid.append((placement, right, day))
    return paid


def _post_rule(kind: str):
    field, key, words = STANDARDS[kind]

    def rule(org, first, last) -> list[Line]:
        period, read = f"{first:%Y-%m}", parameters.Reader()
        paid = placements_paid(org, first, read)
        claimed = _claimed(kind, period, [placement.person_id for placement, _r, _d in paid])
        lines = []
        for placement, right, day in paid:
            person, post = placement.person, placement.post
            if person.pk in claimed:
                continue
            claimed.add(person.pk)
            own = getattr(post, field)
            ceiling = read(key, post.region_id, day)
            # a parameter may be set with more decimals than the fen: the line is paid in fen
            amount = min(own, ceiling).quantize(CENT, ROUND_HALF_UP)
            explanation = _(
                "%(name)s安置在%(unit)s“%(title)s”%(post_kind)s（%(region)s），%(start)s上岗；%(counting)s；"
                "%(month)s为%(right)s；按本岗位%(standard)s%(own)s元/月，不高于参数“%(label)s”%(ceiling)s元/月，"
                "计发%(amount)s元。"
            ) % {
                "name": person.name, "unit": post.unit_name, "title": post.title,
                "post_kind": post.get_kind_display(),
                "region": post.region.name, "start": placement.started_on,
                "counting": _counting_words(day), "month": _("%(year)s年%(month)s月") % {
                    "year": first.year, "month": first.month},
                "right": right.words, "standard": words, "own": own, "label": rules.label(key),
                "ceiling": ceiling, "amount": amount,
            }  # fmt: skip
            lines.append(Line(person_id=person.pk, region_id=person.region_id, period=period,
                              amount=amount, explanation=explanation, source=placement))  # fmt: skip
        return lines

    return rule


def employer_insurance_lines(org, first, last) -> list[Line]:
    """Employers that hired an identified hard-to-employ person through ``org``'s referral,
    with social insurance: the parameter's amount for each month the person is still with
    them on the count day (the ledger's status), for at most the limit's months from the hire."""
    period, day = f"{first:%Y-%m}", rules.count_day(first, org.region_id)
    read = parameters.Reader()
    hires = list(
        Referral.objects.filter(org=org, state="hired", social_insurance=True,
                                seeker__hard_to_employ=True, hired_on__lte=day)
        .select_related("seeker__person", "vacancy__employer").order_by("hired_on", "pk")
    )  # fmt: skip
    persons = [referral.seeker.person_id for referral in hires]
    with_employer = set(
        StatusRecord.objects.filter(person_id__in=persons, status=LabourStatus.EMPLOYED_UNIT,
                                    since__lte=day)
        .filter(Q(until__isnull=True) | Q(until__gt=day)).values_list("person_id", "employer")
    )  # fmt: skip
    claimed = _claimed(EMPLOYER_INSURANCE, period, persons)
    lines = []
    for referral in hires:
        person, employer = referral.seeker.person, referral.vacancy.employer
        if person.pk in claimed or (person.pk, employer.name) not in with_employer:
            continue
        number = len(rules.months_on_post([_HireSpan(referral)], day.day, day))
        limit = read(rules.MAX_MONTHS, org.region_id, day)
        if (
            not 1 <= number <= limit
            or day >= rules.retirement(person, org.region_id, day, read).day
        ):
            continue
        claimed.add(person.pk)
        standard = read("posts.employer_insurance", org.region_id, day)
        amount = standard.quantize(CENT, ROUND_HALF_UP)
        explanation = _(
            "%(employer)s经本机构推荐（介绍信%(number)s）于%(date)s录用就业困难人员%(name)s，已参加社会保险，"
            "%(day)s仍在该单位就业；%(counting)s；本月为第%(n)s个月，共%(limit)s个月（参数“%(limit_label)s”"
            "%(limit)s个月）；按参数“%(label)s”%(standard)s元/月计发%(amount)s元。"
        ) % {
            "employer": employer.name, "number": referral.number, "date": referral.hired_on,
            "name": person.name, "day": day, "counting": _counting_words(day), "n": number,
            "limit": limit, "limit_label": rules.label(rules.MAX_MONTHS),
            "label": rules.label("posts.employer_insurance"), "standard": standard, "amount": amount,
        }  # fmt: skip
        lines.append(Line(person_id=person.pk, region_id=person.region_id, period=period,
                          amount=amount, explanation=explanation, source=referral))  # fmt: skip
    return lines


class _HireSpan:
    """A hire seen as an open placement on a post without end, for counting its months."""

    class _Always:
        starts_on, ends_on = datetime.date.min, datetime.date.max

    def __init__(self, referral):
        self.started_on, self.ended_on, self.post = referral.hired_on, None, self._Always


def _post_offices(prefix, first, last) -> set[int]:
    """The offices whose jurisdiction holds a placement of the month."""
    placements = Placement.objects.within(prefix).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=first), started_on__lte=last
    )
    return offices_above(placements.values_list("region_id", flat=True).distinct())


def _employer_offices(prefix, first, last) -> set[int]:
    """The offices whose referrals placed hard-to-employ persons with social insurance."""
    hires = Referral.objects.filter(subtree_q("org__region_id", prefix), state="hired",
                                    social_insurance=True, seeker__hard_to_employ=True, hired_on__lte=last)  # fmt: skip
    return set(hires.values_list("org_id", flat=True).distinct())


KINDS = (
    SubsidyKind(code=POST_SUBSIDY, label=gettext_lazy("公益性岗位补贴"), rule=_post_rule(POST_SUBSIDY),
         offices=_post_offices),
    SubsidyKind(code=POST_INSURANCE, label=gettext_lazy("公益性岗位社会保险补贴"),
         rule=_post_rule(POST_INSURANCE), offices=_post_offices),
    SubsidyKind(code=EMPLOYER_INSURANCE, label=gettext_lazy("企业吸纳就业困难人员社会保险补贴"),
         rule=employer_insurance_lines, offices=_employer_offices),
)  # fmt: skip
