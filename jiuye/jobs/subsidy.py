"""The job-introduction subsidy (职业介绍补贴, guideline 十四): paid to the office whose referral
led to a hire with social insurance, once per person per year, at the amount the policy
parameters set for the person's group."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.jobs.models import Referral
from jiuye.subsidies.kinds import Kind, Line
from jiuye.subsidies.models import ClaimLine

KIND = "job_introduction"


def job_introduction_lines(org, first, last) -> list[Line]:
    """The hires of the month through ``org``'s referrals that the subsidy pays for."""
    region = org.region_id
    minimum = parameters.value("subsidies.job_introduction_min_contract_months", region, last)
    standard = parameters.value("subsidies.job_introduction_amount", region, last)
    priority = parameters.value("subsidies.job_introduction_amount_priority", region, last)
    hires = (
        Referral.objects.filter(org=org, state="hired", hired_on__range=(first, last))
        .select_related("seeker__person", "vacancy__employer")
        .order_by("hired_on", "pk")
    )
    claimed = set(
        ClaimLine.objects.filter(kind=KIND, period=str(first.year), void=False,
                                 person__in=hires.values("seeker__person")).values_list("person_id", flat=True)
    )  # fmt: skip
    lines = []
    for referral in hires:
        person = referral.seeker.person
        facts = _("%(date)s经本机构推荐（介绍信%(number)s）到%(employer)s就业，劳动合同%(months)s个月") % {
            "date": referral.hired_on, "number": referral.number,
            "employer": referral.vacancy.employer.name, "months": referral.contract_months,
        }  # fmt: skip
        if (
            person.pk in claimed
            or not referral.social_insurance
            or referral.contract_months < minimum
        ):
            continue
        claimed.add(person.pk)
        if referral.seeker.hard_to_employ:
            amount, rule = priority, _("就业困难人员标准“职业介绍补贴标准（就业困难人员）”")
        else:
            amount, rule = standard, _("一般标准“职业介绍补贴标准”")
        explanation = _(
            "%(facts)s，已参加社会保险，合同期限不少于参数“职业介绍补贴最短劳动合同期限”%(minimum)s个月；"
            "按%(rule)s%(amount)s元；每人每年限享受一次（%(year)s年）。"
        ) % {"facts": facts, "minimum": minimum, "rule": rule, "amount": amount, "year": first.year}
        lines.append(Line(person_id=person.pk, region_id=person.region_id, period=str(first.year),
                          amount=amount, explanation=explanation, source=referral))  # fmt: skip
    return lines


JOB_INTRODUCTION = Kind(code=KIND, label=gettext_lazy("职业介绍补贴"), rule=job_introduction_lines)
