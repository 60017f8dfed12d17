"""Roles, the level each is held at, and the groups of roles permissions are given to.

Each app declares what each role may do in its ``permissions.py`` and registers it at start-up
(the registry's store ``permissions``). Permission names follow Django's
``<app>.<action>_<model>`` convention, so ``user.has_perm("staff.change_user")``,
``PermissionRequiredMixin`` and the API's ``RolePermission`` all read that table through
``staff.backends.RoleBackend``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jiuye.core.registry import registry
from jiuye.regions.codes import Level


class RoleCode(models.TextChoices):
    COORDINATOR = "coordinator", _("协管员")
    TOWNSHIP_REVIEWER = "reviewer", _("街道（乡镇）审核员")
    COUNTY_APPROVER = "approver", _("县级审批员")
    COUNTY_FINANCE = "finance", _("县级财政审核员")
    TOWNSHIP_FINANCE = "township_finance", _("街道（乡镇）财政审核员")
    CITY_OFFICER = "city", _("市级业务员")
    PROVINCE_ADMIN = "province", _("省级管理员")
    INSPECTOR = "inspector", _("只读督查员")


# The level of the organisation a role is held at; None: any level.
ROLE_LEVEL: dict[RoleCode, Level | None] = {
    RoleCode.COORDINATOR: Level.VILLAGE,
    RoleCode.TOWNSHIP_REVIEWER: Level.TOWNSHIP,
    RoleCode.COUNTY_APPROVER: Level.COUNTY,
    RoleCode.COUNTY_FINANCE: Level.COUNTY,
    RoleCode.TOWNSHIP_FINANCE: Level.TOWNSHIP,
    RoleCode.CITY_OFFICER: Level.CITY,
    RoleCode.PROVINCE_ADMIN: Level.PROVINCE,
    RoleCode.INSPECTOR: None,
}

EVERYONE = frozenset(RoleCode)
# Who manages the service organisations below their region, and any account there.
STAFF_MANAGERS = frozenset(
    {RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER, RoleCode.PROVINCE_ADMIN}
)
# The roles each role that manages staff accounts may grant (and the accounts it manages hold
# no other): the staff managers any, the township its communities' and villages' coordinators
# (guideline 六: a community's coordinators are managed by the street or township directly).
GRANTS: dict[RoleCode, frozenset[RoleCode]] = {
    **{role: EVERYONE for role in STAFF_MANAGERS},
    RoleCode.TOWNSHIP_REVIEWER: frozenset({RoleCode.COORDINATOR}),
}
ACCOUNT_MANAGERS = frozenset(GRANTS)
# The community keeps the ledger; the township's service centre keeps it with them.
LEDGER_KEEPERS = frozenset({RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER})
# Who handles a case from the community to the county.
CASE_WORKERS = frozenset(
    {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER}
)

# Permission name → the roles that hold it: each app declares its own (its permissions.py)
# and registers them at start-up.
PERMISSIONS = registry["permissions"]


def grantable(user) -> frozenset[RoleCode]:
    """The roles ``user`` may grant, by their roles (``GRANTS``); a superuser any."""
    if user.is_superuser:
        return EVERYONE
    codes = getattr(user, "role_codes", ())
    return frozenset().union(*(GRANTS.get(RoleCode(code), ()) for code in codes))


def permissions_of(roles) -> frozenset[str]:
    roles = set(roles)
    return frozenset(name for name, holders in PERMISSIONS.items() if roles & holders)
