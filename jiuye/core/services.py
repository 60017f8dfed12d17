from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from jiuye.core.audit import current_address
from jiuye.core.models import AccessKind, AccessLog, CalendarDay, NumberSequence, PolicyParameter
from jiuye.core.parameters import PARAMETERS
from jiuye.regions.codes import ancestors
from jiuye.regions.models import Region

EVIDENCE_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx")
EVIDENCE_MAX_MB = 10


def check_evidence(file) -> None:
    """Refuse a file of evidence (``core.models.Evidence``) of another type or too large."""
    if not file.name.lower().endswith(EVIDENCE_TYPES):
        raise ValidationError({"file": _("请上传PDF、图片、Word或Excel文件。")})
    if file.size > EVIDENCE_MAX_MB * 1024 * 1024:
        raise ValidationError({"file": _("文件不能超过%(limit)dMB。") % {"limit": EVIDENCE_MAX_MB}})


def save_new(record, *, actor, duplicate: dict | None = None):
    """Validate and save a new record, its change history credited to ``actor``. A uniqueness
    the database refuses (two people entering the same at once) is ``duplicate`` — the field
    and the message the user reads — not a server error."""
    record.full_clean(validate_constraints=False)
    record._history_user = actor
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        if duplicate is None:
            raise
        raise ValidationError(duplicate) from None
    return record


def require(actor, permission: str) -> None:
    """Refuse ``actor`` unless their roles hold ``permission`` (``PermissionDenied``: 403)."""
    if not actor.has_perm(permission):
        raise PermissionDenied


def check_scope(queryset, obj, *, field: str | None = None) -> None:
    """Refuse ``obj`` unless it is in ``queryset``, a queryset already narrowed to what the
    actor may touch (``visible_to``, ``editable_by``, ``below``): a form error on ``field``,
    or ``PermissionDenied`` when there is no field to show it at."""
    if obj is not None and queryset.filter(pk=obj.pk).exists():
        return
    message = _("不在您的管辖范围内。")
    if field:
        raise ValidationError({field: message})
    raise PermissionDenied(message)


@transaction.atomic
def next_number(*, series: str, issuer: str, year: int) -> int:
    """The next number of ``series`` for ``issuer`` in ``year``: the conditional update takes
    the sequence row's write lock, so two issues at once get two numbers, never the same."""
    sequence, _created = NumberSequence.objects.get_or_create(
        series=series, issuer=issuer, year=year
    )
    NumberSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    sequence.refresh_from_db()
    return sequence.last


@transaction.atomic
def save_versioned(instance, *, expected_version: int, actor) -> None:
    """Save an edited record only if nobody saved it since the editor loaded it.

    The conditional update takes the row's write lock first, so of two people saving the
    same version one wins and the other is told, instead of silently overwriting. The change
    history credits ``actor`` (API requests are authenticated after the history middleware ran).
    """
    model = type(instance)
    if hasattr(instance, "assert_editable"):  # a workflow item, frozen after submission
        instance.assert_editable()
    if not model._default_manager.claim(instance.pk, version=expected_version):
        raise ValidationError(
            _("该记录已被他人修改，您的修改未保存。请复制您的改动，刷新页面后重新填写。"),
            code="stale_version",
        )
    instance.version = expected_version + 1
    instance.full_clean()
    instance._history_user = actor
    instance.save()


@transaction.atomic
def calendar_day_save(*, actor, date, is_working_day: bool, name: str = ""):
    """Declare a date a working day or a day off, replacing an earlier row for that date."""
    require(actor, "core.add_calendarday")
    day = CalendarDay.objects.filter(date=date).first() or CalendarDay(date=date)
    day.is_working_day, day.name = is_working_day, name.strip()
    day._history_user = actor
    day.save()
    return day


@transaction.atomic
def calendar_day_delete(*, actor, day) -> None:
    require(actor, "core.delete_calendarday")
    day.delete()


def access_log(*, actor, objs, purpose: str = "") -> None:
    """Record in the audit log that ``actor`` saw the full personal records ``objs``
    (unmasked)."""
    address = current_address()
    rows = [
        AccessLog(
            kind=AccessKind.VIEW,
            user=actor,
            username=actor.username,
            address=address,
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=obj.pk,
            region_id=obj.region_id,
            purpose=purpose[:200],
        )
        for obj in objs
    ]
    AccessLog.objects.bulk_create(rows, batch_size=2000)


@transaction.atomic
def parameter_set(*, actor, key: str, region, value: str, effective_from, source: str = "",
                  policy=None):  # fmt: skip
    """A new value of a policy parameter for a region from a date (earlier rows stay, so
    the value in force on any past date is still known), set by ``policy`` if given: one the
    actor reads, kept by the region or one above it."""
    require(actor, "core.add_policyparameter")
    if key not in PARAMETERS:
        raise ValidationError({"key": _("没有这个参数。")})
    check_scope(Region.objects.editable_by(actor), region, field="region")
    if policy is not None:
        check_scope(type(policy).objects.visible_to(actor), policy, field="policy")
        if policy.region_id not in ancestors(region.code):
            raise ValidationError({"policy": _("该政策不适用于所选区划。")})
    try:
        PARAMETERS[key].parse(value)
    except ValidationError as error:
        raise ValidationError({"value": error.messages}) from None
    row = PolicyParameter.objects.filter(
        key=key, region=region, effective_from=effective_from
    ).first()
    row = row or PolicyParameter(key=key, region=region, effective_from=effective_from)
    row.value, row.source, row.policy = value.strip(), source.strip(), policy
    row.full_clean()
    row._history_user = actor
    row.save()
    return row
