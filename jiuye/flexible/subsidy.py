"""The social-insurance subsidy for flexible employment (灵活就业社会保险补贴): for each month an
assistance target registered as flexibly employed pays social insurance, a share of the
contribution up to a cap, for at most the parameter's months over all their registrations
(to retirement for those near it at the first month), and only for months the community has
verified in time. One ``assess`` decides a month, for the claim and the registration's page
alike, so the page can never disagree with the claim."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.assistance.models import Identification
from jiuye.core import parameters
from jiuye.core.workdays import months_before
from jiuye.flexible.models import FlexibleJob
from jiuye.ledger.choices import LabourStatus, Sex
from jiuye.ledger.models import StatusRecord
from jiuye.regions.codes import prefix_of
from jiuye.subsidies.kinds import Line, SubsidyKind, month_bounds, offices_above
from jiuye.subsidies.models import ClaimLine

KIND = "flexible_insurance"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Decision:
    """What the rule says of one person's month: an amount and why, or a refusal and why."""

    period: str
    amount: Decimal | None
    words: str

    @property
    def granted(self) -> bool:
        return self.amount is not None


def _label(key: str) -> str:
    return parameters.PARAMETERS[key].label


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _period_start(period: str) -> datetime.date:
    year, month = period.split("-")
    return datetime.date(int(year), int(month), 1)


def _hard_to_employ(person, identifications, first, last) -> str | None:
    """The words for the person's identification in force in the month, or None."""
    for case in identifications:
        if (
            case.state in ("identified", "exited")
            and case.identified_on is not None
            and case.identified_on <= last
            and (case.exited_on is None or case.exited_on >= first)
        ):
            return _("已认定为就业困难人员（%(category)s，认定日期%(date)s）") % {
                "category": case.category_names,
                "date": case.identified_on,
            }
    return None


# Groups the subsidy may be paid for (parameter "flexible.subsidy_groups"): code → the words
# for a person of the group in the month, or None. A later policy adds its group here.
GROUPS = {"hard_to_employ": _hard_to_employ}


def assess(job: FlexibleJob, first: datetime.date, last: datetime.date, *, identifications,
           claimed_periods, ledger=None, params: parameters.Reader | None = None) -> Decision:  # fmt: skip
    """Decide the month ``first``–``last`` for ``job``'s person. ``identifications`` are the
    person's hard-to-employ identifications (with category), ``claimed_periods`` the periods of
    this kind already held by a claim line that is not void (other months only), ``ledger``
    the periods ``(since, until)`` the ledger shows the person flexibly employed."""
    person, region, period = job.person, job.region_id, f"{first:%Y-%m}"
    _param = params or parameters.Reader()
    if ledger is None:
        ledger = _flexible_in_ledger([person.pk]).get(person.pk, [])

    def refuse(words):
        return Decision(period, None, words)

    if not (job.started_on <= last and (job.ended_on is None or job.ended_on >= first)):
        return refuse(_("本月未登记灵活就业。"))
    # a person placed on a public-welfare post or hired by an employer whose registration was
    # not ended is no longer flexibly employed: the ledger's status decides, as for the posts
    if not any(since <= last and (until is None or until > first) for since, until in ledger):
        return refuse(
            _("本月台账中该人员的就业状态不是灵活就业（已单位就业、公益性岗位安置等），不予补贴。")
        )
    if not job.insured_in(first, last) or not job.contribution:
        return refuse(_("本月未以灵活就业人员身份缴纳社会保险。"))
    groups = str(_param("flexible.subsidy_groups", region, last)).split(",")
    group = next(
        (words for code in groups if code.strip() in GROUPS
         for words in [GROUPS[code.strip()](person, identifications, first, last)] if words),
        None,
    )  # fmt: skip
    if group is None:
        return refuse(
            _("本月不属于参数“%(label)s”规定的补贴对象（须为已认定的就业困难人员）。")
            % {"label": _label("flexible.subsidy_groups")}
        )
    # verified in time: the registration or a check no older than the period plus the grace
    every = _param("flexible.check_months", region, last)
    grace = _param("flexible.check_grace_months", region, last)
    checks = [check.checked_on for check in job.checks.all() if check.checked_on <= last]
    verified = max([job.registered_on, *checks])
    verification = _(
        "最近一次核实为%(date)s，未超过参数“%(every_label)s”%(every)s个月加参数“%(grace_label)s”%(grace)s个月"
    ) % {"date": verified, "every_label": _label("flexible.check_months"), "every": every,
         "grace_label": _label("flexible.check_grace_months"), "grace": grace}  # fmt: skip
    if verified < months_before(first, every + grace):
        return refuse(
            _("本月未按期核实：最近一次核实为%(date)s，已超过参数“%(every_label)s”%(every)s个月"
              "加参数“%(grace_label)s”%(grace)s个月，未核实的月份不予补贴。")
            % {"date": verified, "every_label": _label("flexible.check_months"), "every": every,
               "grace_label": _label("flexible.check_grace_months"), "grace": grace}
        )  # fmt: skip
    # the period limit, or to retirement for a person near it at the first subsidised month
    age_key = (
        "ledger.retirement_age_male" if person.sex == Sex.MALE else "ledger.retirement_age_female"
    )
    retirement_age = _param(age_key, region, first)
    retires_on = _add_years(person.birth_date, retirement_age)
    if first >= retires_on:
        return refuse(
            _("已达到参数“%(label)s”%(age)s周岁（%(date)s），不再补贴。")
            % {"label": _label(age_key), "age": retirement_age, "date": retires_on}
        )
    earlier = sorted(p for p in claimed_periods if p < period)
    start = _period_start(earlier[0]) if earlier else first
    near = _param("flexible.subsidy_near_retirement_years", region, start)
    months = _param("flexible.subsidy_months", region, last)
    place = len(earlier) + 1
    if _add_years(start, near) > retires_on:  # 不足: exactly the years away is not within
        limit_words = _(
            "首次享受补贴（%(start)s）时距参数“%(age_label)s”%(age)s周岁不足参数“%(near_label)s”"
            "%(near)s年，补贴期限延长至退休（%(retires)s），本月为第%(place)s个月"
        ) % {"start": f"{start:%Y-%m}", "age_label": _label(age_key), "age": retirement_age,
             "near_label": _label("flexible.subsidy_near_retirement_years"), "near": near,
             "retires": f"{retires_on:%Y-%m}", "place": place}  # fmt: skip
    else:
        if len(claimed_periods) >= months:
            return refuse(
                _("已累计享受%(used)s个月，达到参数“%(label)s”%(months)s个月的上限（首次享受补贴时距法定退休年龄"
                  "超过参数“%(near_label)s”%(near)s年，不延长）。")
                % {"used": len(claimed_periods), "label": _label("flexible.subsidy_months"),
                   "months": months, "near_label": _label("flexible.subsidy_near_retirement_years"),
                   "near": near}
            )  # fmt: skip
        limit_words = _(
            "本月为累计第%(place)s个月，不超过参数“%(label)s”%(months)s个月（首次享受补贴时距参数"
            "“%(age_label)s”%(age)s周岁超过参数“%(near_label)s”%(near)s年）"
        ) % {"place": place, "label": _label("flexible.subsidy_months"), "months": months,
             "age_label": _label(age_key), "age": retirement_age,
             "near_label": _label("flexible.subsidy_near_retirement_years"), "near": near}  # fmt: skip
    share = _param("flexible.subsidy_share", region, last)
    cap = _param("flexible.subsidy_cap", region, last)
    raw = (job.contribution * share.numerator / share.denominator).quantize(CENT, ROUND_HALF_UP)
    amount = min(raw, cap).quantize(CENT, ROUND_HALF_UP)
    capped = (
        _("超过参数“%(label)s”%(cap)s元，按上限补贴") if raw > cap
        else _("未超过参数“%(label)s”%(cap)s元")
    ) % {"label": _label("flexible.subsidy_cap"), "cap": cap}  # fmt: skip
    words = _(
        "%(period)s：%(form)s（%(work)s，自%(started)s），以灵活就业人员身份缴纳社会保险，月缴费%(paid)s元；"
        "%(group)s；%(verification)s；按参数“%(share_label)s”%(share)s计%(raw)s元，%(capped)s，"
        "补贴%(amount)s元；%(limit)s。"
    ) % {"period": period, "form": job.get_form_display(), "work": job.work, "started": job.started_on,
         "paid": job.contribution, "group": group, "verification": verification,
         "share_label": _label("flexible.subsidy_share"), "share": share, "raw": raw,
         "capped": capped, "amount": amount, "limit": limit_words}  # fmt: skip
    return Decision(period, amount, words)


def _identifications(person_ids) -> dict[int, list]:
    rows = {}
    cases = Identification.objects.filter(person_id__in=person_ids, identified_on__isnull=False)
    for case in cases.prefetch_related("categories").order_by("identified_on", "pk"):
        rows.setdefault(case.person_id, []).append(case)
    return rows


def _flexible_in_ledger(person_ids) -> dict[int, list]:
    """The periods ``(since, until)`` the ledger shows each person flexibly employed."""
    rows = {}
    records = StatusRecord.objects.filter(person_id__in=person_ids, status=LabourStatus.FLEXIBLE)
    for person_id, since, until in records.values_list("person_id", "since", "until"):
        rows.setdefault(person_id, []).append((since, until))
    return rows


def _claimed(person_ids) -> dict[int, dict[str, ClaimLine]]:
    rows = {}
    lines = ClaimLine.objects.filter(kind=KIND, void=False, person_id__in=person_ids)
    for line in lines.select_related("claim").order_by("period", "pk"):
        rows.setdefault(line.person_id, {})[line.period] = line
    return rows


def flexible_insurance_lines(org, first, last) -> list[Line]:
    """The persons of ``org``'s region whose month the subsidy pays and no claim holds yet."""
    period = f"{first:%Y-%m}"
    jobs = list(
        FlexibleJob.objects.within(prefix_of(org.region_id)).covering(first, last)
        .filter(Q(insured_until__isnull=True) | Q(insured_until__gte=first), insured_since__lte=last)
        .select_related("person").prefetch_related("checks").order_by("person_id", "-started_on")
    )  # fmt: skip
    person_ids = {job.person_id for job in jobs}
    identifications, claimed = _identifications(person_ids), _claimed(person_ids)
    ledger, params = _flexible_in_ledger(person_ids), parameters.Reader()
    lines, seen = [], set()
    for job in jobs:
        if job.person_id in seen or period in claimed.get(job.person_id, {}):
            continue
        seen.add(job.person_id)
        decision = assess(job, first, last, identifications=identifications.get(job.person_id, []),
                          claimed_periods=set(claimed.get(job.person_id, {})) - {period},
                          ledger=ledger.get(job.person_id, []), params=params)  # fmt: skip
        if decision.granted:
            lines.append(Line(person_id=job.person_id, region_id=job.person.region_id, period=period,
                              amount=decision.amount, explanation=decision.words, source=job))  # fmt: skip
    return lines


@dataclass(frozen=True)
class MonthRow:
    period: str
    decision: Decision | None  # None when a claim line holds the month
    line: ClaimLine | None


def months_of(job: FlexibleJob, today: datetime.date) -> list[MonthRow]:
    """Every month of the registration up to this one, newest first: the claim line that
    holds it (and its claim's state), or what the rule says of it now."""
    person_id = job.person_id
    identifications = _identifications([person_id]).get(person_id, [])
    claimed = _claimed([person_id]).get(person_id, {})
    prefetch_related_objects([job], "checks")  # read once for every month, not once a month
    ledger, params = _flexible_in_ledger([person_id]).get(person_id, []), parameters.Reader()
    end = min(job.ended_on or today, today)
    rows = []
    first = job.started_on.replace(day=1)
    while first <= end:
        _first, last = month_bounds(first)
        period = f"{first:%Y-%m}"
        line = claimed.get(period)
        if line is not None:
            rows.append(MonthRow(period, None, line))
        else:
            decision = assess(job, first, last, identifications=identifications,
                              claimed_periods=set(claimed) - {period}, ledger=ledger,
                              params=params)  # fmt: skip
            rows.append(MonthRow(period, decision, None))
        first = last + datetime.timedelta(days=1)
    return rows[::-1]


def _offices(prefix, first, last) -> set[int]:
    """The offices whose jurisdiction holds an insured registration in force that month."""
    jobs = FlexibleJob.objects.within(prefix).covering(first, last).filter(insured_since__lte=last)
    return offices_above(jobs.values_list("region_id", flat=True).distinct())


FLEXIBLE_INSURANCE = SubsidyKind(
    code=KIND, label=gettext_lazy("灵活就业社会保险补贴"), rule=flexible_insurance_lines,
    offices=_offices,
)  # fmt: skip
