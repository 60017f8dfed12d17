"""Zero-employment households (零就业家庭), found from the ledger, never typed in.

The criteria (clause 十六; ../shared/spec/domain.md), with the province's parameters:

* **urban** (城镇零就业家庭): among the members of working age who are in the labour force —
  employed, or unemployed and willing to work (students, retirees, those unable to work,
  homemakers and those unwilling count neither way) — nobody is employed and somebody is
  unemployed (and registered as such, where the parameter says so); the household has no
  operating or investment income, and, where the parameter sets a line, its per-capita
  income is under it;
* **rural** (农村零转移就业贫困家庭): among the members of working age able and willing to
  transfer, nobody has work off the farm, **and** the household is poor (低保, or per-capita
  income under the parameter's line).

A household that meets them appears by itself ("出现一户") the moment a member's status or the
household's make-up or means change (the registry's ``household_handlers``) and every night
(``recheck``); the community investigates, the township reviews and the county confirms it
(``workflow.ZeroHouseholdWorkflow``). When a member finds work the case ends — stable (稳定一户)
with a contract of the parameter's months recorded by any line of work (the registry's
``contracts``), otherwise cleared (脱零); when it no longer meets the criteria for
another reason it lapses. A stable household is watched for the parameter's months, then closed.
"""

import datetime
from collections import defaultdict, namedtuple
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import HouseholdKind, HouseholdState
from jiuye.assistance.models import ZeroHousehold
from jiuye.core import parameters, workflow
from jiuye.core.registry import Contract, registry
from jiuye.core.workdays import add_months
from jiuye.ledger.choices import EMPLOYED, NON_FARM, NOT_ABLE, LabourStatus, Sex
from jiuye.ledger.models import Household, Person, years_before
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.codes import URBAN_KINDS, Level, code_of_prefix, prefix_of, prefix_sql
from jiuye.registration.models import Registration


class Criteria:
    """The criteria of a county on a day: its parameters, read once for all its households."""

    def __init__(self, region_code: str, on: datetime.date):
        limits = working_age_limits(region_code, on)
        self.born_after = {
            Sex.MALE: years_before(on, limits["male_max"]),
            Sex.FEMALE: years_before(on, limits["female_max"]),
        }
        self.born_by = years_before(on, limits["minimum"])
        self.requires_registration, self.urban_line, self.rural_line = (
            parameters.value(key, region_code, on)
            for key in ("assistance.urban_requires_registration", "assistance.urban_income_line",
                        "assistance.rural_poverty_line")
        )  # fmt: skip

    def of_working_age(self, sex: str, birth_date: datetime.date) -> bool:
        return self.born_after[sex] < birth_date <= self.born_by

    def judge(self, household, members) -> tuple[str | None, bool]:
        """(the kind of zero-employment household it is, or None; whether a member of working
        age has work — off the farm for a rural one)."""
        adults = [
            m
            for m in members
            if self.of_working_age(m.sex, m.birth_date) and m.status not in NOT_ABLE
        ]
        willing = [m for m in adults if m.willing_to_work]
        if household.region__kind in URBAN_KINDS:
            working = any(m.status in EMPLOYED for m in adults)
            seeking = [m for m in willing if m.status == LabourStatus.UNEMPLOYED]
            zero = (
                bool(seeking) and not working and not household.has_business_income
                and (not self.requires_registration or all(m.registered for m in seeking))
                and not self._over(household.income_per_capita, self.urban_line)
            )  # fmt: skip
            return (HouseholdKind.URBAN if zero else None), working
        working = any(m.status in NON_FARM for m in adults)
        to_transfer = [
            m for m in willing if m.status in (LabourStatus.FARMING, LabourStatus.UNEMPLOYED)
        ]
        poor = household.has_dibao or (
            household.income_per_capita is not None
            and household.income_per_capita < self.rural_line
        )
        zero = bool(to_transfer) and not working and poor
        return (HouseholdKind.RURAL if zero else None), working

    @staticmethod
    def _over(income, line) -> bool:
        return bool(line) and income is not None and income >= line


Member = namedtuple("Member", "sex birth_date status willing_to_work registered")


def judge_all(households, criteria: Criteria) -> dict[int, tuple[str | None, bool]]:
    """``Criteria.judge`` for every household of the queryset, in a few queries whatever their
    number: the members, the registered among them (by their ids, 5,000 a query), the means."""
    rows = list(
        Person.objects.filter(household__in=households).values_list(
            "pk", "household_id", "sex", "birth_date", "status", "willing_to_work"
        )
    )
    registered = set()
    for start in range(0, len(rows), 5000):  # by the members' ids: a few of a large county's
        ids = [row[0] for row in rows[start : start + 5000]]
        found = Registration.objects.registered_unemployed().filter(person_id__in=ids)
        registered.update(found.values_list("person_id", flat=True))
    members = defaultdict(list)
    for pk, household_id, sex, birth_date, status, willing in rows:
        members[household_id].append(Member(sex, birth_date, status, willing, pk in registered))
    means = households.values(
        "pk", "region__kind", "has_dibao", "has_business_income", "income_per_capita"
    )
    return {
        row["pk"]: criteria.judge(SimpleNamespace(**row), members.get(row["pk"], []))
        for row in means.iterator(chunk_size=5000)
    }


def registered_contracts(persons, since: datetime.date) -> list[Contract]:
    """Approved employment registrations of ``persons`` with a contract, begun on or after
    ``since`` (a job the street or community arranged, or one the person found), placed by the
    community that registered it (the registry's ``contracts``)."""
    registrations = Registration.objects.filter(
        person__in=persons, kind="employment", state="approved", employed_since__gte=since,
        contract_months__isnull=False,
    )  # fmt: skip
    return [
        Contract(r.person_id, r.employed_since, r.contract_months, r.region_id, r)
        for r in registrations
    ]


def contracts_of(persons, since: datetime.date) -> list[Contract]:
    """The labour contracts of ``persons`` begun on or after ``since``, wherever they were
    recorded (the registry's ``contracts``), earliest first."""
    found = [contract for source in registry["contracts"] for contract in source(persons, since)]
    return sorted(found, key=lambda contract: (contract.start, contract.person_id))


def stable_contract(household_id: int, since: datetime.date, months: int) -> datetime.date | None:
    """The earliest start of a member's contract of at least ``months`` begun on or after
    ``since``, wherever it was recorded."""
    members = Person.objects.filter(household_id=household_id)
    return next((c.start for c in contracts_of(members, since) if c.months >= months), None)


def _recently_rejected(households, today: datetime.date, region_code: str) -> set[int]:
    """Households the county found not to be zero-employment households within the parameter's
    months: the investigation recorded why (hidden income, a member working elsewhere …), so the
    ledger's figures alone do not open them again until then."""
    months = parameters.value("assistance.household_rejection_months", region_code, today)
    return set(
        ZeroHousehold.objects.filter(
            household__in=households, state=HouseholdState.REJECTED,
            ended_on__gt=add_months(today, -months),
        ).values_list("household_id", flat=True)
    )  # fmt: skip


@transaction.atomic
def update(households, *, today: datetime.date, region_code: str, actor=None) -> dict[str, int]:
    """Bring the cases of ``households`` (a queryset, all under ``region_code``'s parameters) up
    to date, through the case's workflow (an event each, credited to ``actor``: the person whose
    change led to it, or nobody for the nightly check). The households' rows are locked first,
    so two changes of one household at once are checked one after the other. Returns how many
    appeared, ended stable, cleared or lapsed, and closed."""
    list(households.select_for_update().values_list("pk", flat=True))
    judged = judge_all(households, Criteria(region_code, today))
    zero = {pk: kind for pk, (kind, _working) in judged.items() if kind}
    open_cases = {
        case.household_id: case
        for case in ZeroHousehold.objects.open().filter(household__in=households)
    }
    counts = {"appeared": 0, "stable": 0, "cleared": 0, "lapsed": 0, "closed": 0}
    new = set(zero) - set(open_cases) - _recently_rejected(households, today, region_code)
    found = households.filter(pk__in=new).values_list("pk", "region_id")
    new_cases = [
        ZeroHousehold(household_id=pk, region_id=region, kind=zero[pk], appeared_on=today)
        for pk, region in found
    ]
    workflow.start_all(new_cases, actor=actor, comment=str(_("台账显示该家庭符合零就业家庭条件")))
    counts["appeared"] = len(new_cases)
    months = parameters.value("assistance.stable_contract_months", region_code, today)
    for household_id, case in open_cases.items():
        if household_id in zero:
            continue
        working = judged.get(household_id, (None, False))[1]
        stable_since = None
        if working:
            stable_since = stable_contract(household_id, case.appeared_on, months)
            transition, count = ("settle", "stable") if stable_since else ("clear", "cleared")
        else:  # no longer meets the criteria: nobody left to employ, means, willingness …
            transition, count = "lapse", "lapsed"
        workflow.fire_automatic(case, transition, actor=actor,
                                values={"ended_on": today, "stable_since": stable_since})  # fmt: skip
        counts[count] += 1
    watch = parameters.value("assistance.stable_watch_months", region_code, today)
    watched = ZeroHousehold.objects.filter(
        household__in=households,
        state=HouseholdState.STABLE,
        ended_on__lte=add_months(today, -watch),
    )
    for case in watched:
        workflow.fire_automatic(case, "close", actor=actor, values={"closed_on": today})
        counts["closed"] += 1
    return counts


def household_changed(*, household_ids, actor=None) -> None:
    """A member's status or the household's make-up or means changed: check those households
    now."""
    ids = [pk for pk in set(household_ids) if pk]
    if not ids:
        return
    today = timezone.localdate()
    for county in {
        prefix_of(code, Level.COUNTY)
        for code in Household.objects.filter(pk__in=ids).values_list("region_id", flat=True)
    }:
        update(
            Household.objects.filter(pk__in=ids).within(county),
            today=today,
            region_code=code_of_prefix(county),
            actor=actor,
        )


def recheck(today: datetime.date | None = None) -> dict[str, int]:
    """The nightly re-check of every household of the province, county by county. Returns
    what changed, and how many identified households are past the placement limit (shown as
    alerts on the home page and the dashboard of their regions)."""
    today = today or timezone.localdate()
    totals = {"appeared": 0, "stable": 0, "cleared": 0, "lapsed": 0, "closed": 0, "over_limit": 0}
    counties = Household.objects.annotate(county=prefix_sql("region_id", Level.COUNTY)).values_list(
        "county", flat=True
    )
    for county in sorted(set(counties.distinct())):
        region_code = code_of_prefix(county)
        counts = update(Household.objects.within(county), today=today, region_code=region_code)
        counts["over_limit"] = ZeroHousehold.objects.within(county).over_limit(today).count()
        for key, value in counts.items():
            totals[key] += value
    return totals
