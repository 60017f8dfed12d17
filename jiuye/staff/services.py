"""Writes of staff accounts and their certificates.

A manager (``staff.add_user``/``staff.change_user``) administers the organisations and staff
*below* their own region (``ScopedQuerySet.below``): a county its townships and villages, a
city its counties. Nobody manages their own account's roles, their own level's offices
(another department, such as the finance bureau, among them) or a superuser.
"""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.authtoken.models import Token

from jiuye.core.services import check_scope, require, save_versioned
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import StaffCertificate, User


def _require_manager(actor, user: User) -> None:
    require(actor, "staff.change_user")
    check_scope(User.objects.managed_by(actor), user)


def _set_roles(user: User, roles) -> None:
    roles = list(roles)
    user.clean_roles(roles)
    user.roles.set(roles)
    user.__dict__.pop("role_codes", None)


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
    post: str = "",
    duties: str = "",
    phone: str = "",
    is_active: bool = True,
) -> User:
    require(actor, "staff.add_user")
    check_scope(ServiceOrg.objects.below(actor), org)
    user = User(
        username=username.strip(),
        name=name.strip(),
        org=org,
        post=post.strip(),
        duties=duties.strip(),
        phone=phone.strip(),
        is_active=is_active,
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    user.set_password(password)
    user.full_clean()
    user._history_user = actor
    user.save()
    _set_roles(user, roles)
    return user


@transaction.atomic
def staff_update(*, actor, user: User, expected_version: int, roles, **fields) -> User:
    _require_manager(actor, user)
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    save_versioned(user, expected_version=expected_version, actor=actor)
    _set_roles(user, roles)
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
