"""Exit review (待退出审核): an assistance target the data shows no longer eligible goes to the
coordinator, who exits them (the card becomes invalid) or keeps them, saying why.

Two things send a person there: the end of their unemployment registration (the registry's
``registration_ended``) for any reason but a public-welfare post or subsidised flexible work,
which are the help itself; and the nightly check of every identified person — retirement age
reached, stable non-farm employment (a status held, or a registered contract, of the
parameter's months; not a post or flexible work), no unemployment registration in force (but
for such work), moved away. A person kept is not sent again for what was already known when
they were kept.
"""

import datetime

from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, Min, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from jiuye.assistance.models import Identification
from jiuye.core import parameters, workflow
from jiuye.core.workdays import months_before
from jiuye.ledger.choices import EMPLOYED, LabourStatus, Sex
from jiuye.ledger.models import years_before
from jiuye.ledger.selectors import working_age_limits
from jiuye.regions.codes import Level, code_of_prefix, prefix_sql
from jiuye.registration.models import Registration

# Non-farm work that ends assistance once held for the parameter's months. A public-welfare
# post and flexible employment do not: they are the help itself (托底安置) or are subsidised
# because the person is hard to employ, and the subsidies ask for a current identification.
SUPPORTED_WORK = (LabourStatus.PUBLIC_WELFARE_POST, LabourStatus.FLEXIBLE)
STABLE_STATUSES = tuple(sorted(EMPLOYED - {LabourStatus.FARMING, *SUPPORTED_WORK}))


def review_exit(identification: Identification, *, reason: str, actor=None) -> None:
    """Send an assistance target to the coordinator's exit review, ``reason`` as the comment."""
    workflow.fire_automatic(identification, "review_exit", actor=actor, comment=reason)


def registration_ended(*, registration, actor) -> None:
    """The registry's ``registration_ended``: a deregistered assistance target goes to exit
    review instead of keeping a valid card."""
    if registration.kind != "unemployment":
        return
    if registration.end_reason == "employed" and registration.person.status in SUPPORTED_WORK:
        return  # placed on a public-welfare post or in subsidised flexible work: the help itself
    reason = _("失业登记已注销（%(reason)s，%(date)s）") % {
        "reason": registration.get_end_reason_display(), "date": registration.ended_on
    }  # fmt: skip
    if registration.end_note:
        reason += _("：") + registration.end_note
    for case in Identification.objects.identified().filter(person_id=registration.person_id):
        review_exit(case, reason=reason, actor=actor)


def _candidates(cases, today: datetime.date, limits: dict, months: int):
    """Of ``cases`` (identified), those the data may show no longer eligible, annotated with
    what each rule reads."""
    person = OuterRef("person_id")
    ended = Registration.objects.filter(
        person_id=person, kind="unemployment", ended_on__isnull=False
    )
    contracts = Registration.objects.filter(
        person_id=person, kind="employment", state="approved", contract_months__gte=months,
        employed_since__gte=OuterRef("identified_on"), employed_since__lte=today,
    ).values("person_id").annotate(first=Min("employed_since")).values("first")  # fmt: skip
    retired = Q(person__sex=Sex.MALE, person__birth_date__lte=years_before(today, limits["male_max"])) | Q(
        person__sex=Sex.FEMALE, person__birth_date__lte=years_before(today, limits["female_max"])
    )  # fmt: skip
    employed = Q(
        person__status__in=STABLE_STATUSES, person__status_since__lte=months_before(today, months)
    )
    registered = Registration.objects.registered_unemployed().filter(person_id=person)
    return (
        cases.annotate(
            retired=ExpressionWrapper(retired, output_field=BooleanField()),
            stable=ExpressionWrapper(employed, output_field=BooleanField()),
            contract_since=Subquery(contracts[:1]),
            registered=Exists(registered),
            ended_on=Subquery(ended.order_by("-ended_on", "-pk").values("ended_on")[:1]),
            end_reason=Subquery(ended.order_by("-ended_on", "-pk").values("end_reason")[:1]),
        )
        .filter(retired | employed | Q(contract_since__isnull=False)
                | Q(registered=False) & ~Q(person__status__in=SUPPORTED_WORK)
                | ~Q(person__region_id=F("region_id")))
        .select_related("person__region")
    )  # fmt: skip


def _reasons(case, today: datetime.date, limits: dict, months: int) -> list[str]:
    """Why the data shows ``case`` no longer eligible, leaving out what arose before the
    coordinator last kept the person."""
    person, kept = case.person, case.kept_on
    found = []  # (the day it arose, the sentence); None: unknown
    if case.retired:
        age = limits["female_max" if person.sex == Sex.FEMALE else "male_max"]
        found.append((years_before(person.birth_date, -age),
                      _("已达到法定退休年龄（%(age)d岁）。") % {"age": age}))  # fmt: skip
    if case.stable:
        found.append((months_before(person.status_since, -months),
                      _("已连续非农就业%(months)d个月以上（%(status)s，自%(since)s起）。") % {
                          "months": months, "status": person.get_status_display(), "since": person.status_since}))  # fmt: skip
    if case.contract_since:
        found.append((case.contract_since,
                      _("已登记就业，劳动合同期限%(months)d个月以上（自%(since)s起）。") % {
                          "months": months, "since": case.contract_since}))  # fmt: skip
    if not case.registered and person.status not in SUPPORTED_WORK:
        words = (_("失业登记已注销（%(reason)s，%(date)s）。") % {
            "reason": Registration(end_reason=case.end_reason).get_end_reason_display(), "date": case.ended_on,
        }) if case.ended_on else _("没有有效的失业登记。")  # fmt: skip
        found.append((case.ended_on, words))
    if person.region_id != case.region_id:
        found.append(
            (None, _("已迁出本地（现居住地：%(region)s）。") % {"region": person.region.name})
        )
    return [words for arose, words in found if kept is None or (arose is not None and arose > kept)]


def exit_check(today: datetime.date | None = None) -> int:
    """The nightly check: every identified person the data shows no longer eligible goes to
    exit review, with the reasons. One transaction per county (its parameters). Returns how
    many were sent."""
    today = today or timezone.localdate()
    identified = Identification.objects.identified()
    counties = identified.annotate(county=prefix_sql("region_id", Level.COUNTY))
    sent = 0
    for county in sorted(set(counties.values_list("county", flat=True))):
        code = code_of_prefix(county)
        limits = working_age_limits(code, today)
        months = parameters.value("assistance.exit_employed_months", code, today)
        with transaction.atomic():
            for case in _candidates(identified.within(county), today, limits, months):
                reasons = _reasons(case, today, limits, months)
                if reasons:
                    review_exit(case, reason="".join(reasons))
                    sent += 1
    return sent
