"""Writes of employment assistance: identification, objections, evidence, the card, plans and
measures, services, exit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance.choices import ExitReason, HouseholdKind, HouseholdState, Origin
from jiuye.assistance.eligibility import check_categories
from jiuye.assistance.models import (
    AssistanceService,
    Attachment,
    Card,
    Category,
    HouseholdAttachment,
    Identification,
    Measure,
    Objection,
    Plan,
    Refusal,
    ZeroHousehold,
)
from jiuye.assistance.selectors import case_workers
from jiuye.core import parameters, workflow
from jiuye.core.services import check_evidence, check_scope, next_number, require, save_versioned
from jiuye.core.workdays import months_before
from jiuye.ledger.models import Person
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, code_of_prefix, contains, county, prefix_of, township
from jiuye.regions.models import ServiceOrg
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.models import Registration
from jiuye.staff.models import User


def responsible_worker(region_code: str, role: str, *, prefer=None):
    """The worker named responsible for a step at a case's region: ``prefer`` if they hold the
    role there, else the first active holder of the role at the level the role belongs to."""
    if (
        prefer is not None
        and role in prefer.role_codes
        and prefer.jurisdiction_prefix
        and contains(prefer.jurisdiction_prefix, region_code)
    ):
        return prefer
    office = {
        "coordinator": region_code,
        "reviewer": township(region_code),
        "approver": county(region_code),
    }[role]
    return (
        User.objects.filter(is_active=True, roles__code=role, org__is_active=True,
                            org__region_id=office)
        .order_by("pk").first()
    )  # fmt: skip


def _check_categories(categories, person: Person) -> list[Category]:
    """The categories chosen, each of the person's province, active, and not contradicted by
    the person's data (``eligibility``)."""
    categories = list(categories)
    province = prefix_of(person.region_id, Level.PROVINCE)
    if any(not category.is_active or category.province != province for category in categories):
        raise ValidationError({"categories": _("请选择本省有效的援助对象类别。")})
    check_categories(categories, person)
    return categories


@transaction.atomic
def identification_apply(
    *,
    actor,
    person: Person,
    categories: list[Category],
    origin: str,
    situation: str = "",
    applied_on: datetime.date | None = None,
) -> Identification:
    """Accept an application (or record a discovery) for identification. The person must be
    registered unemployed, or have their unemployment registration under way: one certificate
    first, then the card (一证一卡). A person may hold several categories; each must agree with
    the person's data."""
    check_scope(Person.objects.editable_by(actor), person)
    applied_on = applied_on or timezone.localdate()
    if applied_on > timezone.localdate():
        raise ValidationError({"applied_on": _("申请日期不能晚于今天。")})
    registrations = person.registrations.filter(kind="unemployment", ended_on__isnull=True)
    if not registrations.exclude(state="rejected").exists():
        raise ValidationError(
            _("该人员尚未办理失业登记：请先受理失业登记，再申请认定（一证一卡）。"),
            code="no_registration",
        )
    if person.identifications.exclude(state__in=["rejected", "exited"]).exists():
        raise ValidationError(_("该人员已有认定（办理中或援助中）。"))
    categories = _check_categories(categories, person)
    identification = Identification(
        person=person,
        region_id=person.region_id,
        origin=origin,
        situation=situation.strip(),
        applied_on=applied_on,
    )
    workflow.start(identification, actor=actor)
    identification.categories.set(categories)
    return identification


@transaction.atomic
def identification_update(
    *, actor, identification: Identification, expected_version: int, **fields
) -> Identification:
    """The community's investigation (调查核实) before its first review."""
    require(actor, "assistance.first_review")
    check_scope(Identification.objects.editable_by(actor), identification)
    categories = fields.pop("categories", None)
    if categories is not None:
        categories = _check_categories(categories, identification.person)
    for name in ("situation", "investigation"):
        if name in fields:
            setattr(identification, name, fields[name].strip())
    save_versioned(identification, expected_version=expected_version, actor=actor)
    if categories is not None:
        identification.categories.set(categories)
    return identification


@transaction.atomic
def attachment_add(
    *, actor, identification: Identification, title: str, file, category: Category | None = None
) -> Attachment:
    """Evidence of the investigation; ``category``, the category it proves (the categories the
    ledger cannot check are identified by it)."""
    require(actor, "assistance.first_review")
    check_scope(Identification.objects.editable_by(actor), identification)
    if identification.state != "investigation":
        raise ValidationError(_("只能在调查初审环节上传材料。"))
    check_evidence(file)
    if category is not None and not identification.categories.filter(pk=category.pk).exists():
        raise ValidationError({"category": _("请选择该人员申请认定的类别之一。")})
    attachment = Attachment(
        identification=identification,
        region_id=identification.region_id,
        title=title.strip() or file.name,
        category=category,
        file=file,
        uploaded_by=actor,
    )
    attachment._history_user = actor
    attachment.save()
    return attachment


@transaction.atomic
def objection_record(*, actor, identification: Identification, content: str) -> Objection:
    """An objection during the public notice holds the case (公示异议)."""
    workflow.fire(identification, "object", actor=actor, comment=content, by_service=True)
    objection = Objection(
        identification=identification,
        region_id=identification.region_id,
        content=content.strip(),
        recorded_by=actor,
    )
    objection._history_user = actor
    objection.save()
    return objection


@transaction.atomic
def objection_decide(*, actor, identification: Identification, upheld: bool, outcome: str) -> None:
    """The objection checked: upheld, the case is refused; not upheld, the notice starts again."""
    workflow.fire(
        identification,
        "reject_hold" if upheld else "resolve",
        actor=actor,
        comment=outcome,
        by_service=True,
    )
    objection = identification.objections.order_by("-id").first()
    if objection is not None:
        objection.outcome = outcome.strip()
        objection._history_user = actor
        objection.save(update_fields=["outcome", "updated_at"])


CARDS = "assistance.card"  # the numbers' series, per county and year


def card_number(*, county: str, year: int, sequence: int, pattern: str) -> str:
    return pattern.format(county=county, year=year, year2=f"{year % 100:02d}", sequence=sequence)


def _next_card_number(county: str, on: datetime.date, region_code: str) -> str:
    sequence = next_number(series=CARDS, issuer=county, year=on.year)
    pattern = parameters.value("assistance.card_format", region_code, on)
    return card_number(county=county, year=on.year, sequence=sequence, pattern=pattern)


def card_issue(*, identification: Identification, on: datetime.date) -> Card:
    """The assistance card, issued by the county on identification."""
    county = prefix_of(identification.region_id, Level.COUNTY)
    issuer = ServiceOrg.objects.filter(
        region_id=code_of_prefix(county), kind=OrgKind.COUNTY_AGENCY
    ).first()
    if issuer is None:
        raise ValidationError(_("本县尚未设立公共就业服务机构，无法发卡。"))
    return Card.objects.create(identification=identification, region_id=identification.region_id,
                               number=_next_card_number(county, on, identification.region_id), issued_on=on,
                               issued_by=issuer)  # fmt: skip


@transaction.atomic
def identification_exit(
    *, actor, identification: Identification, reason: str, on: datetime.date, comment: str
) -> None:
    """Exit from assistance (退出): stable employment, no longer eligible, or services refused
    without good reason. The card is no longer valid."""
    if reason not in ExitReason.values:
        raise ValidationError({"reason": _("请选择退出原因。")})
    if on > timezone.localdate() or (
        identification.identified_on and on < identification.identified_on
    ):
        raise ValidationError({"on": _("退出日期应在认定日期与今天之间。")})
    if reason == ExitReason.REFUSED:
        _check_refusals(identification, on)
    _exit(identification, actor=actor, reason=reason, on=on, comment=comment)


def _check_refusals(identification: Identification, on: datetime.date) -> None:
    """An exit for refusing services without good reason needs its evidence: the parameter's
    number of refusals recorded within its months before the exit."""
    needed = parameters.value("assistance.exit_refusals", identification.region_id, on)
    months = parameters.value("assistance.exit_refusal_months", identification.region_id, on)
    found = identification.refusals.filter(on__gt=months_before(on, months), on__lte=on).count()
    if found < needed:
        raise ValidationError({"reason": _(
            "%(months)d个月内记录的拒绝推荐只有%(found)d次，须达到%(needed)d次才能以“无正当理由不接受就业援助服务”退出。"
        ) % {"months": months, "found": found, "needed": needed}})  # fmt: skip


def _exit(identification: Identification, *, actor, reason: str, on: datetime.date, comment: str):
    workflow.fire(identification, "exit", actor=actor, comment=comment, by_service=True)
    identification.exit_reason, identification.exited_on = reason, on
    identification._history_user = actor
    identification.save(update_fields=["exit_reason", "exited_on", "updated_at"])


@transaction.atomic
def refusal_record(
    *,
    actor,
    identification: Identification,
    on: datetime.date,
    offer: str,
    description: str,
    referral=None,
    service: AssistanceService | None = None,
) -> Refusal:
    """A job or training offered to the person and refused by them (拒绝推荐记录)."""
    require(actor, "assistance.add_assistanceservice")
    check_scope(Identification.objects.editable_by(actor), identification)
    if identification.state not in ("identified", "exit_review"):
        raise ValidationError(_("只有援助中的人员可以记录拒绝推荐。"))
    if on > timezone.localdate() or (
        identification.identified_on and on < identification.identified_on
    ):
        raise ValidationError({"on": _("拒绝日期应在认定日期与今天之间。")})
    if referral is not None and referral.seeker.person_id != identification.person_id:
        raise ValidationError({"referral": _("该职业介绍不是推荐给此人的。")})
    if service is not None and service.identification_id != identification.pk:
        raise ValidationError({"service": _("该服务记录不属于此援助对象。")})
    refusal = Refusal(
        identification=identification, region_id=identification.region_id, on=on, offer=offer,
        description=description.strip(), referral=referral, service=service, recorded_by=actor,
    )  # fmt: skip
    refusal.full_clean()
    refusal._history_user = actor
    refusal.save()
    return refusal


def _identified(actor, identification: Identification) -> None:
    check_scope(Identification.objects.editable_by(actor), identification)
    if identification.state != "identified":
        raise ValidationError(_("只有已认定的援助对象可以制定计划、记录服务。"))


@transaction.atomic
def plan_create(
    *,
    actor,
    identification: Identification,
    goals: str,
    agreement_signed_on: datetime.date | None = None,
) -> Plan:
    require(actor, "assistance.change_plan")
    _identified(actor, identification)
    if hasattr(identification, "plan"):
        raise ValidationError(_("该援助对象已有援助计划。"))
    _check_signed_on(agreement_signed_on)
    plan = Plan(
        identification=identification,
        region_id=identification.region_id,
        goals=goals.strip(),
        agreement_signed_on=agreement_signed_on,
        created_by=actor,
    )
    plan.full_clean()
    plan._history_user = actor
    plan.save()
    return plan


@transaction.atomic
def plan_update(
    *,
    actor,
    plan: Plan,
    expected_version: int,
    goals: str,
    agreement_signed_on: datetime.date | None = None,
) -> Plan:
    require(actor, "assistance.change_plan")
    check_scope(Plan.objects.editable_by(actor), plan)
    _identified(actor, plan.identification)
    _check_signed_on(agreement_signed_on)
    plan.goals, plan.agreement_signed_on = goals.strip(), agreement_signed_on
    save_versioned(plan, expected_version=expected_version, actor=actor)
    return plan


def _check_signed_on(day: datetime.date | None) -> None:
    if day and day > timezone.localdate():
        raise ValidationError({"agreement_signed_on": _("签订日期不能晚于今天。")})


# The one answer to a worker who may not be named responsible, whether unknown, inactive or
# of another jurisdiction: forms and the API say the same, so nobody learns which ids exist.
NOT_A_CASE_WORKER = _("责任人应是负责该援助对象的社区、街道或县级工作人员。")


def _check_responsible(worker, region_code: str) -> None:
    if worker is None or not case_workers(region_code).filter(pk=worker.pk).exists():
        raise ValidationError({"responsible": NOT_A_CASE_WORKER})


@transaction.atomic
def measure_add(
    *, actor, plan: Plan, kind: str, description: str, responsible, due_on: datetime.date
) -> Measure:
    require(actor, "assistance.change_plan")
    check_scope(Plan.objects.editable_by(actor), plan)
    _identified(actor, plan.identification)
    _check_responsible(responsible, plan.region_id)
    measure = Measure(
        plan=plan,
        region_id=plan.region_id,
        kind=kind,
        description=description.strip(),
        responsible=responsible,
        due_on=due_on,
    )
    measure.full_clean()
    measure._history_user = actor
    measure.save()
    return measure


@transaction.atomic
def measure_done(*, actor, measure: Measure, done_on: datetime.date, result: str) -> Measure:
    require(actor, "assistance.change_plan")
    check_scope(Measure.objects.editable_by(actor), measure)
    _identified(actor, measure.plan.identification)
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完成日期不能晚于今天。")})
    measure.done_on, measure.result = done_on, result.strip()
    measure._history_user = actor
    measure.save(update_fields=["done_on", "result", "updated_at"])
    return measure


@transaction.atomic
def service_record(
    *,
    actor,
    identification: Identification,
    kind: str,
    on: datetime.date,
    content: str,
    result: str = "",
    measure: Measure | None = None,
) -> AssistanceService:
    require(actor, "assistance.add_assistanceservice")
    _identified(actor, identification)
    if on > timezone.localdate():
        raise ValidationError({"on": _("服务日期不能晚于今天。")})
    if measure is not None and measure.plan.identification_id != identification.pk:
        raise ValidationError({"measure": _("该措施不属于此援助对象。")})
    service = AssistanceService(
        identification=identification,
        region_id=identification.region_id,
        kind=kind,
        on=on,
        worker=actor,
        content=content.strip(),
        result=result.strip(),
        measure=measure,
    )
    service.full_clean()
    service._history_user = actor
    service.save()
    return service


def person_moving(*, person: Person, on: datetime.date, actor) -> None:
    """A resident moves (``ledger.services.person_transfer``): an identification in progress
    must be finished first; an assistance target exits (迁出本地)."""
    cases = person.identifications.exclude(state__in=["rejected", "exited"])
    if cases.exclude(state__in=["identified", "exit_review"]).exists():
        raise ValidationError(_("该人员有办理中的就业困难人员认定，请先办结后再迁移。"))
    for identification in cases.filter(state__in=["identified", "exit_review"]):
        _exit(
            identification, actor=actor, reason=ExitReason.MOVED, on=on, comment=str(_("迁出本地"))
        )


@transaction.atomic
def household_investigate(*, actor, case: ZeroHousehold, expected_version: int, investigation: str):
    """The community's investigation of a household the ledger found (入户调查核实)."""
    require(actor, "assistance.first_review")
    check_scope(ZeroHousehold.objects.editable_by(actor), case)
    if not case.workflow.is_editable(case.state):
        raise ValidationError(_("该家庭已上报审核，调查情况不能再修改。"))
    case.investigation = investigation.strip()
    save_versioned(case, expected_version=expected_version, actor=actor)
    return case


@transaction.atomic
def household_attachment_add(
    *, actor, case: ZeroHousehold, title: str, file
) -> HouseholdAttachment:
    require(actor, "assistance.first_review")
    check_scope(ZeroHousehold.objects.editable_by(actor), case)
    if not case.workflow.is_editable(case.state):
        raise ValidationError(_("只能在社区调查环节上传材料。"))
    check_evidence(file)
    attachment = HouseholdAttachment(
        case=case,
        region_id=case.region_id,
        title=title.strip() or file.name,
        file=file,
        uploaded_by=actor,
    )
    attachment._history_user = actor
    attachment.save()
    return attachment


def household_members_propose(*, case: ZeroHousehold, actor) -> list[Identification]:
    """At a household's identification, its members of working age seeking work and
    registered as unemployed (or with the registration under way) are proposed for
    identification as hard-to-employ persons of the zero-employment household category: their
    cases open at the community's investigation, where the card and the plan follow."""
    from jiuye.assistance.households import Criteria

    today = timezone.localdate()
    criteria = Criteria(case.region_id, today)
    code = "zero_urban" if case.kind == HouseholdKind.URBAN else "zero_rural"
    category = Category.objects.filter(
        province=prefix_of(case.region_id, Level.PROVINCE), code=code
    ).first()
    if category is None:
        return []
    registered = Registration.objects.filter(
        person=OuterRef("pk"), kind=RegistrationKind.UNEMPLOYMENT, ended_on__isnull=True
    ).exclude(state="rejected")
    members = (
        case.household.members.filter(Exists(registered), willing_to_work=True)
        .exclude(identifications__state__in=Identification.workflow.open_states)
    )  # fmt: skip
    proposed = []
    for person in members:
        if not criteria.of_working_age(person.sex, person.birth_date):
            continue
        identification = Identification(
            person=person, region_id=person.region_id, origin=Origin.ZERO_HOUSEHOLD,
            situation=str(_("%(date)s认定的零就业家庭成员") % {"date": case.identified_on}),
        )  # fmt: skip
        workflow.start(identification, actor=actor, by_system=True,
                       comment=str(_("零就业家庭认定后转入就业困难人员认定")))  # fmt: skip
        identification.categories.add(category)
        proposed.append(identification)
    return proposed


@transaction.atomic
def household_support(*, actor, case, support_plan: str, responsible) -> None:
    """扶持一户: the support measures for an identified household and the worker responsible
    (again to change them)."""
    if case.state not in (HouseholdState.IDENTIFIED, HouseholdState.SUPPORTED):
        raise ValidationError(_("请先认定该零就业家庭。"))
    if not support_plan.strip():
        raise ValidationError({"support_plan": _("请填写扶持措施。")})
    _check_responsible(responsible, case.region_id)
    support = {
        "support_plan": support_plan.strip(),
        "responsible": responsible,
        "supported_on": case.supported_on or timezone.localdate(),
    }
    workflow.fire(case, "support", actor=actor, by_service=True, values=support)
