"""Writes of staff accounts and their certificates.

A manager (``staff.add_user``/``staff.change_user``) administers the staff *below* their own
region (``ScopedQuerySet.below``): a county its townships and villages, a city its counties,
a township its communities' and villages' coordinators (guideline 六). Each grants only the
roles ``staff.roles.GRANTS`` gives it, and manages only accounts holding no other. Nobody
manages their own account's roles, their own level's offices (another department, such as
the finance bureau, among them) or a superuser.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token

from jiuye.core.services import check_scope, require, save_versioned
from jiuye.ledger.models import Person
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import Employment, StaffCertificate, User
from jiuye.staff.roles import RoleCode, grantable

KEEP = object()  # ``staff_update(person=KEEP)``: the link to the ledger stays as it is


def _require_manager(actor, user: User) -> None:
    require(actor, "staff.change_user")
    check_scope(User.objects.managed_by(actor), user)


def _set_roles(actor, user: User, roles) -> None:
    roles = list(roles)
    beyond = sorted(role.code for role in roles if role.code not in grantable(actor))
    if beyond:
        raise ValidationError({"roles": _("您不能授予%(roles)s角色。") % {
            "roles": "、".join(str(RoleCode(code).label) for code in beyond)}})  # fmt: skip
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
def staff_set_password(*, actor, user: User, password: str) -> None:
    _require_manager(actor, user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
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
