"""Writes of staff accounts and their certificates.

A manager (``staff.add_user``/``staff.change_user``) administers the staff *below* their own
region (``ScopedQuerySet.below``): a county its townships and villages, a city its counties,
a township its communities' and villages' coordinators (guideline 六). Each grants only the
roles ``staff.roles.GRANTS`` gives it, and manages only accounts holding no other. Nobody
manages their own account's roles, their own level's offices (another department, such as
the finance bureau, among them) or a superuser.
"""

import logging

from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from jiuye.core.registry import registry
from jiuye.core.services import check_scope, require, save_new, save_versioned
from jiuye.ledger.models import Person
from jiuye.regions.codes import Level, contains, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import (
    Employment,
    Pairing,
    Position,
    PositionTarget,
    StaffCertificate,
    StaffTraining,
    Target,
    User,
)
from jiuye.staff.roles import RoleCode, grantable

logger = logging.getLogger(__name__)
KEEP = object()  # ``staff_update(person=KEEP)``: the link to the ledger stays as it is


def _require_manager(actor, user: User) -> None:
    require(actor, "staff.change_user")
    check_scope(User.objects.managed_by(actor), user)


def _set_roles(actor, user: User, roles) -> None:
    roles = list(roles)
    beyond = sorted(role.code for role in roles if role.code not in grantable(actor))
    if beyond:
        raise ValidationError({"roles": _("您不能授予%(roles)s角色。") % {
            "roles": _("、").join(str(RoleCode(code).label) for code in beyond)}})  # fmt: skip
    user.clean_roles(roles)
    user.roles.set(roles)
    user.__dict__.pop("role_codes", None)


def _check_person(actor, user: User, person: Person | None) -> None:
    """The account's own entry in the ledger: a resident the manager may see, of the same
    name, not linked to another account."""
    if person is None:
        return
    check_scope(Person.objects.visible_to(actor), person, field="person")
    _check_name(user, person)
    other = User.objects.filter(person=person).exclude(pk=user.pk).first()
    if other is not None:
        raise ValidationError(
            {"person": _("该人员已关联账号%(username)s。") % {"username": other.username}}
        )


def _check_name(user: User, person: Person) -> None:
    if person.name != user.name:
        raise ValidationError({"person": _(
            "台账中该公民身份号码的人员姓名为“%(person)s”，与账号姓名“%(name)s”不一致，请核对。"
        ) % {"person": person.name, "name": user.name}})  # fmt: skip


def tokens_revoke(user: User) -> None:
    """End the API tokens of a user whose password changed or who was deactivated."""
    Token.objects.filter(user=user).delete()


@transaction.atomic
def staff_create(
    *,
    actor,
    username: str,
    name: str,
    org: ServiceOrg,
    roles,
    password: str,
    position=None,
    employment: str = Employment.FULL_TIME,
    started_on=None,
    phone: str = "",
    is_active: bool = True,
    person: Person | None = None,
) -> User:
    require(actor, "staff.add_user")
    check_scope(ServiceOrg.objects.below(actor), org)
    user = User(
        username=username.strip(),
        name=name.strip(),
        org=org,
        position=position,
        employment=employment,
        started_on=started_on,
        phone=phone.strip(),
        is_active=is_active,
        person=person,
    )
    _check_person(actor, user, person)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean()
    user._history_user = actor
    user.save()
    _set_roles(actor, user, roles)
    return user


@transaction.atomic
def staff_update(*, actor, user: User, expected_version: int, roles, person=KEEP, **fields) -> User:
    """Edit an account: its name, post, employment, roles, state (a deactivated account ends its
    tokens) and the link to its own entry in the ledger (``KEEP``: unchanged)."""
    _require_manager(actor, user)
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    if person is not KEEP:
        user.person = person
        _check_person(actor, user, person)
    elif user.person is not None:
        _check_name(user, user.person)
    save_versioned(user, expected_version=expected_version, actor=actor)
    _set_roles(actor, user, roles)
    if not user.is_active:
        tokens_revoke(user)
    return user


@transaction.atomic
def staff_sessions_end(*, actor, user: User) -> int:
    """A lost phone (issue 15): end every session of the account and its API tokens, so
    nothing the phone kept or queued is accepted any more (it must log in again). Returns how
    many sessions were ended."""
    _require_manager(actor, user)
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now())
        if session.get_decoded().get("_auth_user_id") == str(user.pk)
    ]
    Session.objects.filter(pk__in=ended).delete()
    tokens_revoke(user)
    logger.info("sessions of %s ended by %s: %d", user.username, actor.username, len(ended))
    return len(ended)


@transaction.atomic
def staff_set_password(*, actor, user: User, password: str) -> None:
    _require_manager(actor, user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "password_changed_at"])
    tokens_revoke(user)


@transaction.atomic
def certificate_save(
    *, actor, certificate: StaffCertificate, expected_version: int | None = None
) -> StaffCertificate:
    """Add a certificate (``expected_version`` None) or save an edited one."""
    _require_manager(actor, certificate.user)
    if expected_version is None:
        certificate.full_clean()
        certificate._history_user = actor
        certificate.save()
    else:
        save_versioned(certificate, expected_version=expected_version, actor=actor)
    return certificate


@transaction.atomic
def certificate_delete(*, actor, certificate: StaffCertificate) -> None:
    _require_manager(actor, certificate.user)
    certificate.delete()


# Posts and yearly targets (定岗定责, 年度目标分解到岗位) ------------------------------------


def offices_kept_by(actor):
    """The offices whose posts, and the breakdown of whose targets, an actor keeps: the
    managers' own office and those below it (the county guides its townships and villages)."""
    below = ServiceOrg.objects.below(actor)
    return below | ServiceOrg.objects.filter(pk=actor.org_id) if actor.org_id else below


def _save(record, *, actor, expected_version, duplicate=None):
    if expected_version is None:
        return save_new(record, actor=actor, duplicate=duplicate)
    save_versioned(record, expected_version=expected_version, actor=actor)
    return record


@transaction.atomic
def position_save(*, actor, position: Position, expected_version: int | None = None) -> Position:
    """Add a post to an office (``expected_version`` None) or save an edited one."""
    require(actor, "staff.change_position")
    check_scope(offices_kept_by(actor), position.org, field="org")
    return _save(position, actor=actor, expected_version=expected_version,
                 duplicate={"title": _("本机构已有同名岗位。")})  # fmt: skip


@transaction.atomic
def target_save(*, actor, target: Target, expected_version: int | None = None) -> Target:
    """Set an office's target of a year (the level above sets it); a target lowered below
    what its posts already share is refused."""
    require(actor, "staff.change_target")
    check_scope(ServiceOrg.objects.below(actor), target.org, field="org")
    if target.pk is not None:
        before = Target.objects.select_for_update().get(pk=target.pk)  # no share added meanwhile
        if before.indicator != target.indicator and target.shares.exists():
            raise ValidationError(
                {"indicator": _("该目标已分解到岗位，不能更换指标；请先删除各岗位的目标。")}
            )
        shared = target.shares.aggregate(total=Sum("value"))["total"] or 0
        if target.value < shared:
            raise ValidationError(
                {
                    "value": _("目标值不能小于已分解到岗位的合计（%(shared)s）。")
                    % {"shared": shared}
                }
            )
    return _save(target, actor=actor, expected_version=expected_version,
                 duplicate={"indicator": _("该机构本年度已有此项目标。")})  # fmt: skip


@transaction.atomic
def target_delete(*, actor, target: Target) -> None:
    require(actor, "staff.change_target")
    check_scope(ServiceOrg.objects.below(actor), target.org)
    for share in target.shares.all():
        share._history_user = actor
        share.delete()
    target._history_user = actor
    target.delete()


def works_of(indicator: str) -> list:
    """The registered works that count a worker's part of ``indicator``."""
    return [work for work in registry["work"].values() if work.indicator == indicator]


@transaction.atomic
def share_save(
    *, actor, share: PositionTarget, expected_version: int | None = None
) -> PositionTarget:
    """Give a post its share of an office's target, counted by a work of the target's
    indicator; the shares of a target add up to no more than the target."""
    require(actor, "staff.change_target")
    target = Target.objects.select_for_update().get(pk=share.target_id)
    check_scope(offices_kept_by(actor), target.org)
    if share.position_id is not None and share.position.org_id != target.org_id:
        raise ValidationError({"position": _("岗位应为该机构的岗位。")})
    if share.work not in {work.code for work in works_of(target.indicator)}:
        raise ValidationError({"work": _("该工作不计入此项指标。")})
    others = target.shares.exclude(pk=share.pk).aggregate(total=Sum("value"))["total"] or 0
    if share.value is not None and others + share.value > target.value:
        raise ValidationError({"value": _("各岗位分解合计不能超过机构目标%(value)s，尚可分解%(left)s。") % {
            "value": target.value, "left": target.value - others}})  # fmt: skip
    return _save(share, actor=actor, expected_version=expected_version,
                 duplicate={"position": _("该岗位已分得此项目标。")})  # fmt: skip


@transaction.atomic
def share_delete(*, actor, share: PositionTarget) -> None:
    require(actor, "staff.change_target")
    check_scope(offices_kept_by(actor), share.target.org)
    share._history_user = actor
    share.delete()


# Training and pairing (岗前培训、在岗培训, 对口联系) -----------------------------------------


@transaction.atomic
def training_save(
    *, actor, training: StaffTraining, expected_version: int | None = None
) -> StaffTraining:
    _require_manager(actor, training.user)
    return _save(training, actor=actor, expected_version=expected_version)


@transaction.atomic
def training_delete(*, actor, training: StaffTraining) -> None:
    _require_manager(actor, training.user)
    training._history_user = actor
    training.delete()


@transaction.atomic
def pairing_save(*, actor, pairing: Pairing, expected_version: int | None = None) -> Pairing:
    """Pair a worker of a city or county agency with a grassroots office below it."""
    require(actor, "staff.change_pairing")
    check_scope(
        User.objects.visible_to(actor).filter(is_active=True), pairing.worker, field="worker"
    )
    check_scope(ServiceOrg.objects.below(actor), pairing.org, field="org")
    worker_org = pairing.worker.org
    if Level(worker_org.region.level) not in (Level.CITY, Level.COUNTY) or not contains(
        prefix_of(worker_org.region_id), pairing.org.region_id
    ):
        raise ValidationError({"worker": _("联系人应为上级市、县公共就业服务机构的工作人员。")})
    if pairing.org.region.level not in (Level.TOWNSHIP, Level.VILLAGE):
        raise ValidationError({"org": _("对口联系的应为街道（乡镇）或社区（村）基层机构。")})
    return _save(pairing, actor=actor, expected_version=expected_version)
