"""The one-time placement subsidy for zero-employment households (零就业家庭托底安置一次性补助,
guideline 十六): for each member of an identified household whom a street, township or community
placed — through any line of work: a hire after its referral, a public-welfare post, a job it
arranged and registered — with a labour contract of at least the parameter's months, begun
after the identification and while the case was open. Once per person and year, at the amount
in force on the day the contract began; the street or township reviews and pays it from its own
funds (本级财政: the kind's approval level)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.assistance.households import contracts_of
from jiuye.assistance.models import ZeroHousehold
from jiuye.core import parameters
from jiuye.ledger.models import Person
from jiuye.regions.codes import Level, contains, prefix_of
from jiuye.subsidies.kinds import Line, SubsidyKind, offices_above
from jiuye.subsidies.models import ClaimLine

KIND = "zero_household_placement"


def _placements(prefix: str, first_day: datetime.date, last: datetime.date) -> list[tuple]:
    """(contract, case) for the members of identified households under ``prefix`` placed from
    ``first_day`` to ``last``, after identification and while the case was open."""
    cases = {
        case.household_id: case
        for case in ZeroHousehold.objects.within(prefix).filter(identified_on__isnull=False, identified_on__lte=last)
        .exclude(ended_on__lt=first_day)
    }  # fmt: skip
    if not cases:
        return []
    members = Person.objects.filter(household_id__in=list(cases))
    household_of = dict(members.values_list("pk", "household_id"))
    found = []
    for contract in contracts_of(members, first_day):
        case = cases[household_of[contract.person_id]]
        ended = case.ended_on is not None and case.ended_on < contract.start
        if case.identified_on <= contract.start <= last and not ended:
            found.append((contract, case))
    return found


def placement_lines(org, first, last) -> list[Line]:
    """The placements by ``org``'s jurisdiction that the subsidy pays for and no claim holds
    yet: those of the month, and any earlier one of this year or the last left out."""
    region = org.region_id
    if org.region.level not in (Level.TOWNSHIP, Level.VILLAGE):
        return []  # a street, township or community places; a county's office is not paid for it
    county = prefix_of(region, Level.COUNTY)
    placed = [
        (contract, case)
        for contract, case in _placements(county, datetime.date(first.year - 1, 1, 1), last)
        if contains(prefix_of(region), contract.placed_by)
    ]
    claimed = set(
        ClaimLine.objects.filter(kind=KIND, void=False, person__in=[c.person_id for c, _case in placed])
        .values_list("person_id", "period")
    )  # fmt: skip
    people = Person.objects.in_bulk([contract.person_id for contract, _case in placed])
    lines = []
    for contract, case in placed:
        person, period, day = people[contract.person_id], str(contract.start.year), contract.start
        minimum = parameters.value(
            "subsidies.zero_household_min_contract_months", person.region_id, day
        )
        if (person.pk, period) in claimed or contract.months < minimum:
            continue
        claimed.add((person.pk, period))
        amount = parameters.value("subsidies.zero_household_amount", person.region_id, day)
        explanation = _(
            "其家庭于%(identified)s认定为零就业家庭；%(date)s经本辖区安置就业（%(source)s），签订%(months)s个月"
            "劳动合同，不少于参数“零就业家庭托底安置最短劳动合同期限”%(minimum)s个月；按参数“零就业家庭托底安置"
            "一次性补助标准”%(amount)s元；每人每年限享受一次（%(year)s年）。"
        ) % {
            "identified": case.identified_on, "date": day, "source": contract.source._meta.verbose_name,
            "months": contract.months, "minimum": minimum, "amount": amount, "year": period,
        }  # fmt: skip
        lines.append(Line(person_id=person.pk, region_id=person.region_id, period=period, amount=amount,
                          explanation=explanation, source=contract.source))  # fmt: skip
    return lines


def _placing_offices(prefix, first, last) -> set[int]:
    placed = _placements(prefix, datetime.date(first.year - 1, 1, 1), last)
    return offices_above(contract.placed_by for contract, _case in placed)


ZERO_HOUSEHOLD_PLACEMENT = SubsidyKind(
    code=KIND, label=gettext_lazy("零就业家庭托底安置补助"), rule=placement_lines, offices=_placing_offices,
    level=Level.TOWNSHIP,  # 本级财政: the street or township reviews and pays
)  # fmt: skip
