"""Writes of the resident ledger: persons, their labour status, households and transfers."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from jiuye.core import history, parameters
from jiuye.core.registry import registry
from jiuye.core.services import check_scope, require, save_versioned
from jiuye.ledger.choices import WITH_EMPLOYER, LabourStatus, Relation
from jiuye.ledger.identity import clean_phone, clean_text, parse_id_number
from jiuye.ledger.models import Household, ImportState, LedgerImport, Person, StatusRecord, Transfer
from jiuye.ledger.pinyin import name_initials
from jiuye.ledger.tasks import apply_import, validate_import
from jiuye.regions.codes import Level
from jiuye.regions.models import Region

STATUS_FIELDS = ("employer", "industry", "occupation", "transfer_destination")


def _check_residence(actor, region: Region) -> None:
    if region is None or region.level != Level.VILLAGE:
        raise ValidationError({"region": _("居住地应选到社区（村）一级。")})
    check_scope(Region.objects.editable_by(actor), region, field="region")


def _set_identity(person: Person, id_number: str, name: str) -> list[str]:
    """Fill the number, name, sex, birth date and initials; return warnings about the number."""
    try:
        parsed = parse_id_number(id_number)
    except ValidationError as error:
        raise ValidationError({"id_number": error.messages}) from None
    person.id_number = parsed.number
    person.sex = parsed.sex
    person.birth_date = parsed.birth_date
    person.name = clean_text(name)
    if not person.name:
        raise ValidationError({"name": _("请填写姓名。")})
    person.name_initials = name_initials(person.name)
    return parsed.warnings


def _phone(value) -> str:
    try:
        return clean_phone(value)
    except ValidationError as error:
        raise ValidationError({"phone": error.messages}) from None


def _check_unique(person: Person, actor) -> None:
    other = Person.objects.exclude(pk=person.pk).filter(id_number=person.id_number).first()
    if other is None:
        return
    if Person.objects.visible_to(actor).filter(pk=other.pk).exists():
        message = _("该公民身份号码已登记（%(name)s，%(region)s），请勿重复登记。") % {
            "name": other.name,
            "region": other.region.name,
        }
    else:
        message = _("该公民身份号码已在其他辖区登记，如该人员已迁入本辖区，请联系原辖区办理迁移。")
    raise ValidationError({"id_number": message}, code="duplicate")


def _status_fields(status: str, fields: dict) -> dict:
    values = {name: clean_text(fields.get(name, "")) for name in STATUS_FIELDS}
    if status != LabourStatus.TRANSFERRED:
        values["transfer_destination"] = ""
    if status in WITH_EMPLOYER and not values["employer"]:
        raise ValidationError({"employer": _("该就业状态须填写就业单位（或务工地点）。")})
    return values


def _check_since(since: datetime.date, person: Person, previous: StatusRecord | None) -> None:
    if since > timezone.localdate():
        raise ValidationError({"since": _("起始日期不能晚于今天。")})
    if since < person.birth_date:
        raise ValidationError({"since": _("起始日期不能早于出生日期。")})
    if previous is not None and since < previous.since:
        raise ValidationError(
            {
                "since": _("起始日期不能早于当前状态的起始日期（%(date)s）。")
                % {"date": previous.since}
            }
        )


@transaction.atomic
def person_create(
    *,
    actor,
    id_number: str,
    name: str,
    region: Region,
    status: str,
    status_since: datetime.date,
    **fields,
) -> tuple[Person, list[str]]:
    """Register a resident with a labour status. Returns the person and warnings about the
    identity number that the user should check (an unknown region code, for example)."""
    require(actor, "ledger.add_person")
    _check_residence(actor, region)
    person = Person(region=region)
    warnings = _set_identity(person, id_number, name)
    _check_unique(person, actor)
    person.phone = _phone(fields.pop("phone", ""))
    status_values = _status_fields(status, fields)
    for field, value in fields.items():
        if field not in STATUS_FIELDS:
            setattr(person, field, clean_text(value) if isinstance(value, str) else value)
    _check_since(status_since, person, None)
    person.status, person.status_since = status, status_since
    for field, value in status_values.items():
        setattr(person, field, value)
    person.full_clean()
    person._history_user = actor
    person.save()
    StatusRecord.objects.create(
        person=person,
        region=region,
        status=status,
        since=status_since,
        recorded_by=actor,
        **status_values,
    )
    return person, warnings


@transaction.atomic
def person_update(
    *, actor, person: Person, expected_version: int, id_number: str, name: str, **fields
) -> tuple[Person, list[str]]:
    """Edit a resident's particulars (not the region: see ``person_transfer``, nor the labour
    status: see ``person_set_status``)."""
    require(actor, "ledger.change_person")
    check_scope(Person.objects.editable_by(actor), person)
    warnings = _set_identity(person, id_number, name)
    _check_unique(person, actor)
    if "phone" in fields:
        person.phone = _phone(fields.pop("phone"))
    for field, value in fields.items():
        setattr(person, field, clean_text(value) if isinstance(value, str) else value)
    save_versioned(person, expected_version=expected_version, actor=actor)
    return person, warnings


def _open_record(person: Person) -> StatusRecord | None:
    return person.status_records.select_for_update().filter(until__isnull=True).first()


@transaction.atomic
def person_set_status(
    *, actor, person: Person, status: str, since: datetime.date, note: str = "", **fields
) -> StatusRecord:
    """Change a resident's labour status from ``since``: the open period ends there and a new
    one begins, so the status on any past date stays answerable."""
    require(actor, "ledger.change_person")
    check_scope(Person.objects.editable_by(actor), person)
    return status_change(
        actor=actor, person=person, status=status, since=since, note=note, **fields
    )


def status_change(
    *, actor, person: Person, status: str, since: datetime.date, note: str = "", **fields
) -> StatusRecord:
    """The status change itself, for other processes that already checked their actor (an
    approved registration changes the ledger, whoever approved it)."""
    values = _status_fields(status, fields)
    previous = _open_record(person)
    _check_since(since, person, previous)
    if previous is not None:
        if previous.since == since:  # a correction of the same day replaces the record
            previous._history_user = actor
            previous.delete()
        else:
            previous.until = since
            previous._history_user = actor
            previous.save(update_fields=["until"])
    record = StatusRecord(
        person=person, region_id=person.region_id, status=status, since=since, note=clean_text(note),
        recorded_by=actor, **values,
    )  # fmt: skip
    record._history_user = actor
    record.save()
    history.change(person, actor=actor, status=status, status_since=since, **values)
    # what other lines of work do when a resident's status changes (the registry's
    # ``status_handlers``: work off the farm ends the unemployment registration and the job
    # seeking), then the households that follow their members' statuses
    for handler in registry["status_handlers"]:
        handler(person=person, record=record, actor=actor)
    households_changed([person.household_id], actor)
    return record


def households_changed(household_ids, actor) -> None:
    """Members' statuses or the membership of these households changed: the processes that
    follow a household's make-up (the registry's ``household_handlers``: zero-employment
    households) act inside the same transaction."""
    ids = {pk for pk in household_ids if pk}
    if ids:
        for handler in registry["household_handlers"]:
            handler(household_ids=ids, actor=actor)


@transaction.atomic
def person_transfer(
    *, actor, person: Person, to_region: Region, on: datetime.date, reason: str = ""
) -> Transfer:
    """Move a resident to another community or village, possibly outside the actor's
    jurisdiction (迁出). The status period in force is split on the day of the move, so counts
    of earlier dates stay with the old region; the person leaves their household, which
    belongs to the old place."""
    require(actor, "ledger.change_person")
    check_scope(Person.objects.editable_by(actor), person)
    if to_region is None or to_region.level != Level.VILLAGE:
        raise ValidationError({"to_region": _("迁入地应选到社区（村）一级。")})
    if to_region.pk == person.region_id:
        raise ValidationError({"to_region": _("迁入地与现居住地相同。")})
    current = _open_record(person)
    earliest = current.since if current else person.birth_date
    if not earliest < on <= timezone.localdate():
        raise ValidationError(
            {
                "on": _("迁移日期应晚于当前就业状态的起始日期（%(date)s），且不晚于今天。")
                % {"date": earliest}
            }
        )
    # what other processes do when a resident moves (the registry's ``transfer_handlers``:
    # registration ends the registered unemployment …); each may refuse with ValidationError
    for handler in registry["transfer_handlers"]:
        handler(person=person, on=on, actor=actor)
    transfer = Transfer.objects.create(
        person=person, from_region_id=person.region_id, to_region=to_region, on=on, reason=clean_text(reason), by=actor
    )  # fmt: skip
    if current is not None:
        current.until = on
        current._history_user = actor
        current.save(update_fields=["until"])
        current.pk, current.until, current.since = None, None, on
        current.region, current.recorded_by, current.recorded_at = to_region, actor, timezone.now()
        current.note = _("迁入")
        current.save()
    left = person.household_id
    history.change(person, actor=actor, region=to_region, household=None, relation="")
    households_changed([left], actor)
    return transfer


@transaction.atomic
def household_create(
    *, actor, head: Person, address: str = "", has_dibao: bool = False, note: str = ""
) -> Household:
    """A household headed by ``head``, at the head's region."""
    require(actor, "ledger.change_person")
    check_scope(Person.objects.editable_by(actor), head)
    if head.household_id:
        raise ValidationError(_("%(name)s已属于一个家庭。") % {"name": head.name})
    household = Household(
        region_id=head.region_id,
        address=clean_text(address) or head.address,
        has_dibao=has_dibao,
        note=clean_text(note),
    )
    household.full_clean()
    household._history_user = actor
    household.save()
    head.household, head.relation = household, Relation.HEAD
    head._history_user = actor
    head.save(update_fields=["household", "relation", "updated_at"])
    households_changed([household.pk], actor)
    return household


@transaction.atomic
def household_update(
    *, actor, household: Household, expected_version: int, address: str, has_dibao: bool,
    has_business_income: bool, income_per_capita=None, note: str = "",
) -> Household:  # fmt: skip
    """Correct a household's address and means (低保, operating or investment income, per-capita
    income): what the zero-employment household rules read, so they check it again."""
    require(actor, "ledger.change_household")
    check_scope(Household.objects.editable_by(actor), household)
    household.address, household.note = clean_text(address), clean_text(note)
    household.has_dibao, household.has_business_income = has_dibao, has_business_income
    household.income_per_capita = income_per_capita
    save_versioned(household, expected_version=expected_version, actor=actor)
    households_changed([household.pk], actor)
    return household


@transaction.atomic
def household_add_member(*, actor, household: Household, person: Person, relation: str) -> Person:
    require(actor, "ledger.change_person")
    check_scope(Household.objects.editable_by(actor), household)
    check_scope(Person.objects.editable_by(actor), person)
    if person.household_id and person.household_id != household.pk:
        raise ValidationError({"person": _("%(name)s已属于另一个家庭。") % {"name": person.name}})
    if person.region_id != household.region_id:
        raise ValidationError({"person": _("家庭成员须居住在同一社区（村）。")})
    if (
        relation == Relation.HEAD
        and household.members.filter(relation=Relation.HEAD).exclude(pk=person.pk).exists()
    ):
        raise ValidationError({"relation": _("该家庭已有户主。")})
    person.household, person.relation = household, relation
    person._history_user = actor
    person.save(update_fields=["household", "relation", "updated_at"])
    households_changed([household.pk], actor)
    return person


@transaction.atomic
def household_remove_member(*, actor, person: Person) -> None:
    require(actor, "ledger.change_person")
    check_scope(Person.objects.editable_by(actor), person)
    left = person.household_id
    person.household, person.relation = None, ""
    person._history_user = actor
    person.save(update_fields=["household", "relation", "updated_at"])
    households_changed([left], actor)


@transaction.atomic
def ledger_import_start(*, actor, filename: str, size: int, read) -> LedgerImport:
    """Keep an uploaded ledger file and validate it in the background. ``read()`` gives the
    content; it is called only once the size is known to be within the limit."""
    require(actor, "ledger.import_person")
    if actor.org_id is None:
        raise PermissionDenied
    region = actor.org.region_id
    limit = parameters.value("ledger.import_max_mb", region)
    if size > limit * 1024 * 1024:
        raise ValidationError(
            {"file": _("文件超过%(limit)dMB，请分成几个文件导入。") % {"limit": limit}}
        )
    if not filename.lower().endswith((".xlsx", ".xls")):
        raise ValidationError({"file": _("请上传Excel文件（.xlsx）。")})
    job = LedgerImport.objects.create(
        region_id=region, uploaded_by=actor, filename=filename[-200:], content=read()
    )
    language = translation.get_language()
    transaction.on_commit(lambda: validate_import.enqueue(job.pk, language))
    return job


@transaction.atomic
def ledger_import_confirm(*, actor, job: LedgerImport) -> None:
    """Write a validated import (in the background; all rows or none)."""
    require(actor, "ledger.import_person")
    claimed = LedgerImport.objects.filter(
        pk=job.pk, state=ImportState.READY, uploaded_by=actor
    ).update(state=ImportState.IMPORTING, processed=0)
    if not claimed:
        raise ValidationError(_("该导入已处理或不能确认。"))
    language = translation.get_language()
    transaction.on_commit(lambda: apply_import.enqueue(job.pk, language))
