"""Zero-employment households (零就业家庭), computed from the ledger, never typed in.

A household is a case when, among its working-age members able to work (students, retirees
and those unable to work do not count), nobody is employed — in an urban community — or
nobody has non-farm work — in a rural village (零转移就业家庭). The check runs the moment a
member's status or the household's make-up changes (the registry's ``household_handlers``),
and every night for all households (``recheck``): "出现一户" the same day. When a member finds
work the case ends: stable (稳定一户) if a registered employment has a contract of at least
the parameter's months, otherwise cleared (脱零); a stable household is watched for the
parameter's months, then closed.
"""

import datetime

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import HouseholdKind, HouseholdState
from jiuye.assistance.models import ZeroHousehold
from jiuye.core import parameters, workflow
from jiuye.core.registry import registry
from jiuye.ledger.choices import EMPLOYED, LabourStatus
from jiuye.ledger.models import Household, working_age_q
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.codes import URBAN_KINDS, Level, code_of_prefix, prefix_of, prefix_sql
from jiuye.registration.models import Registration
from jiuye.registration.services import months_before

NOT_ABLE = (LabourStatus.STUDENT, LabourStatus.RETIRED, LabourStatus.UNABLE)
NON_FARM = tuple(status for status in EMPLOYED if status != LabourStatus.FARMING)


def _members_q(on: datetime.date, limits: dict) -> Q:
    """Members of working age, able to work (as a filter on ``members__``)."""
    return working_age_q(on, **limits, field="members__") & ~Q(members__status__in=NOT_ABLE)


def _zero(households, on: datetime.date, limits: dict) -> tuple[dict, set]:
    """The households of ``households`` that are zero-employment on ``on``, with their kind;
    and those without any member of working age able to work (who cannot be either)."""
    able = _members_q(on, limits)
    counted = households.annotate(
        able=Count("members", filter=able),
        employed=Count("members", filter=able & Q(members__status__in=EMPLOYED)),
        non_farm=Count("members", filter=able & Q(members__status__in=NON_FARM)),
    ).values("pk", "region__kind", "able", "employed", "non_farm")
    zero, without_able = {}, set()
    for row in counted:
        urban = row["region__kind"] in URBAN_KINDS
        if not row["able"]:
            without_able.add(row["pk"])
        elif not (row["employed"] if urban else row["non_farm"]):
            zero[row["pk"]] = HouseholdKind.URBAN if urban else HouseholdKind.RURAL
    return zero, without_able


def registered_contract(
    household_id: int, since: datetime.date, months: int
) -> datetime.date | None:
    """The start of a member's approved employment registration with a contract of at least
    ``months``, begun on or after ``since``."""
    registration = (
        Registration.objects.filter(person__household_id=household_id, kind="employment", state="approved",
                                    contract_months__gte=months, employed_since__gte=since)
        .order_by("employed_since").first()
    )  # fmt: skip
    return registration.employed_since if registration else None


def _stable_contract(household_id: int, since: datetime.date, months: int) -> datetime.date | None:
    """The earliest start of a lasting contract of a member, wherever it was recorded (the
    registry's ``stable_contracts``: an employment registration, a hire through a referral …)."""
    starts = [source(household_id, since, months) for source in registry["stable_contracts"]]
    return min((start for start in starts if start), default=None)


# How a case ends, by what the check found: (transition, count).
ENDINGS = {
    HouseholdState.STABLE: ("settle", "stable"),
    HouseholdState.CLEARED: ("clear", "cleared"),
    HouseholdState.LAPSED: ("lapse", "lapsed"),
}


@transaction.atomic
def update(households, *, today: datetime.date, region_code: str, actor=None) -> dict[str, int]:
    """Bring the cases of ``households`` (a queryset, all under ``region_code``'s parameters) up
    to date, through the case's workflow (an event each, credited to ``actor``: the person whose
    change led to it, or nobody for the nightly check). The households' rows are locked first,
    so two changes of one household at once are checked one after the other. Returns how many
    appeared, ended stable, cleared or lapsed, and closed."""
    list(households.select_for_update().values_list("pk", flat=True))
    limits = working_age_limits(region_code, today)
    zero, without_able = _zero(households, today, limits)
    open_cases = {
        case.household_id: case
        for case in ZeroHousehold.objects.open().filter(household__in=households)
    }
    counts = {"appeared": 0, "stable": 0, "cleared": 0, "lapsed": 0, "closed": 0}
    found = households.filter(pk__in=set(zero) - set(open_cases)).values_list("pk", "region_id")
    new_cases = [
        ZeroHousehold(household_id=pk, region_id=region, kind=zero[pk], appeared_on=today)
        for pk, region in found
    ]
    workflow.start_all(new_cases, actor=actor, comment=str(_("台账显示家庭成员均未就业")))
    counts["appeared"] = len(new_cases)
    months = parameters.value("assistance.stable_contract_months", region_code, today)
    for household_id, case in open_cases.items():
        if household_id in zero:
            continue
        stable_since = None
        if household_id in without_able:  # nobody left to employ: retired, moved, of age…
            ending = HouseholdState.LAPSED
        else:
            stable_since = _stable_contract(household_id, case.appeared_on, months)
            ending = HouseholdState.STABLE if stable_since else HouseholdState.CLEARED
        transition, count = ENDINGS[ending]
        workflow.fire_automatic(case, transition, actor=actor,
                                values={"ended_on": today, "stable_since": stable_since})  # fmt: skip
        counts[count] += 1
    watch = parameters.value("assistance.stable_watch_months", region_code, today)
    watched = ZeroHousehold.objects.filter(
        household__in=households,
        state=HouseholdState.STABLE,
        ended_on__lte=months_before(today, watch),
    )
    for case in watched:
        workflow.fire_automatic(case, "close", actor=actor, values={"closed_on": today})
        counts["closed"] += 1
    return counts


def household_changed(*, household_ids, actor=None) -> None:
    """A member's status or the household's make-up changed: check those households now."""
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
    what changed, and how many open cases are past the limit (shown as alerts on the home
    page and the dashboard of their regions)."""
    today = today or timezone.localdate()
    totals = {"appeared": 0, "stable": 0, "cleared": 0, "lapsed": 0, "closed": 0, "over_limit": 0}
    counties = Household.objects.annotate(county=prefix_sql("region_id", Level.COUNTY)).values_list(
        "county", flat=True
    )
    for county in sorted(set(counties.distinct())):
        region_code = code_of_prefix(county)
        counts = update(Household.objects.within(county), today=today, region_code=region_code)
        limit = parameters.value("assistance.zero_household_days", region_code, today)
        counts["over_limit"] = (
            ZeroHousehold.objects.open().within(county)
            .filter(appeared_on__lt=today - datetime.timedelta(days=limit)).count()
        )  # fmt: skip
        for key, value in counts.items():
            totals[key] += value
    return totals
