"""Subsidies of hires through referrals: the job-introduction subsidy (职业介绍补贴, guideline
十四), paid to the office whose referral led to a hire with a contract of at least the
parameter's months and, where the parameter requires it, social insurance, once per person
per year, at the amount the policy parameters set for the person's group. (The one-time
placement subsidy of zero-employment households is assistance's: any placement counts.)"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.core.scoping import subtree_q
from jiuye.jobs.models import Referral
from jiuye.subsidies.kinds import Line, SubsidyKind
from jiuye.subsidies.models import ClaimLine

KIND = "job_introduction"


def job_introduction_lines(org, first, last) -> list[Line]:
    """The hires through ``org``'s referrals that the subsidy pays for and no claim holds yet:
    those of the month, and any earlier one of this year or the last that a late answer or a
    claim submitted before the month's end left out. The amounts are those in force on the day
    of the hire."""
    region = org.region_id
    hires = (
        Referral.objects.filter(org=org, state="hired",
                                hired_on__range=(datetime.date(first.year - 1, 1, 1), last))
        .select_related("seeker__person", "vacancy__employer")
        .order_by("hired_on", "pk")
    )  # fmt: skip
    claimed = set(
        ClaimLine.objects.filter(kind=KIND, void=False, person__in=hires.values("seeker__person"))
        .values_list("person_id", "period")
    )  # fmt: skip
    lines = []
    for referral in hires:
        person, period, day = referral.seeker.person, str(referral.hired_on.year), referral.hired_on
        minimum = parameters.value("subsidies.job_introduction_min_contract_months", region, day)
        needs_insurance = parameters.value(
            "subsidies.job_introduction_requires_insurance", region, day
        )
        if (person.pk, period) in claimed or referral.contract_months < minimum:
            continue
        if needs_insurance and not referral.social_insurance:
            continue
        claimed.add((person.pk, period))
        if referral.seeker.hard_to_employ:
            key, rule = (
                "subsidies.job_introduction_amount_priority",
                _("就业困难人员标准“职业介绍补贴标准（就业困难人员）”"),
            )
        else:
            key, rule = "subsidies.job_introduction_amount", _("一般标准“职业介绍补贴标准”")
        amount = parameters.value(key, region, day)
        explanation = _(
            "%(date)s经本机构推荐（介绍信%(number)s）到%(employer)s就业，劳动合同%(months)s个月，"
            "合同期限不少于参数“职业介绍补贴最短劳动合同期限”%(minimum)s个月；%(insurance)s，"
            "参数“职业介绍补贴须缴纳社会保险”为%(required)s；"
            "按%(rule)s%(amount)s元；每人每年限享受一次（%(year)s年）。"
        ) % {
            "date": day, "number": referral.number, "employer": referral.vacancy.employer.name,
            "months": referral.contract_months, "minimum": minimum, "rule": rule, "amount": amount,
            "year": period, "required": _("是") if needs_insurance else _("否"),
            "insurance": _("已参加社会保险") if referral.social_insurance else _("未参加社会保险"),
        }  # fmt: skip
        lines.append(Line(person_id=person.pk, region_id=person.region_id, period=period,
                          amount=amount, explanation=explanation, source=referral))  # fmt: skip
    return lines


def _referring_offices(prefix, first, last, **conditions) -> set[int]:
    """The offices under ``prefix`` whose referrals led to hires this year or the last."""
    hires = Referral.objects.filter(
        subtree_q("org__region_id", prefix), state="hired",
        hired_on__range=(datetime.date(first.year - 1, 1, 1), last), **conditions,
    )  # fmt: skip
    return set(hires.values_list("org_id", flat=True).distinct())


JOB_INTRODUCTION = SubsidyKind(
    code=KIND, label=gettext_lazy("职业介绍补贴"), rule=job_introduction_lines,
    offices=_referring_offices,
)  # fmt: skip
