"""Writes of staff accounts and their certificates."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from jiuye.core.services import save_versioned
from jiuye.regions.models import ServiceOrg
from jiuye.staff.models import Certificate, User


def _check_org(actor, org: ServiceOrg | None) -> None:
    if org is None or not ServiceOrg.objects.editable_by(actor).filter(pk=org.pk).exists():
        raise ValidationError({"org": _("该机构不在您的管辖范围内。")})


def _set_roles(user: User, roles) -> None:
    roles = list(roles)
    user.clean_roles(roles)
    user.roles.set(roles)
    user.__dict__.pop("role_codes", None)


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
    if not actor.has_perm("staff.add_user"):
        raise PermissionDenied
    _check_org(actor, org)
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
    user.save()
    _set_roles(user, roles)
    return user


@transaction.atomic
def staff_update(*, actor, user: User, expected_version: int, roles, **fields) -> User:
    if not actor.has_perm("staff.change_user"):
        raise PermissionDenied
    if user.pk == actor.pk and set(roles) != set(user.roles.all()):
        raise ValidationError({"roles": _("不能修改自己的角色。")})
    _check_org(actor, user.org)
    for name, value in fields.items():
        setattr(user, name, value.strip() if isinstance(value, str) else value)
    _check_org(actor, user.org)
    user.clean_roles(roles)
    save_versioned(user, expected_version=expected_version)
    _set_roles(user, roles)
    return user


def _check_user(actor, user: User) -> None:
    if not actor.has_perm("staff.change_user"):
        raise PermissionDenied
    if not User.objects.editable_by(actor).filter(pk=user.pk).exists():
        raise PermissionDenied(_("该人员不在您的管辖范围内。"))


@transaction.atomic
def certificate_save(
    *, actor, certificate: Certificate, expected_version: int | None = None
) -> Certificate:
    """Add a certificate (``expected_version`` None) or save an edited one."""
    _check_user(actor, certificate.user)
    if expected_version is None:
        certificate.full_clean()
        certificate.save()
    else:
        save_versioned(certificate, expected_version=expected_version)
    return certificate


@transaction.atomic
def certificate_delete(*, actor, certificate: Certificate) -> None:
    _check_user(actor, certificate.user)
    certificate.delete()


@transaction.atomic
def staff_set_password(*, actor, user: User, password: str) -> None:
    _check_user(actor, user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
