"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, RoleCode

PERMISSIONS = {
    # Policy parameters
    "core.view_policyparameter": EVERYONE,
    "core.add_policyparameter": frozenset({RoleCode.PROVINCE_ADMIN}),
    # A list's export made in the background: each user reads their own (core.models.Export)
    "core.view_export": EVERYONE,
    # The audit log (logins, exports, full views of personal data): the province only
    "core.view_accesslog": frozenset({RoleCode.PROVINCE_ADMIN}),
    # The working-day calendar
    "core.view_calendarday": EVERYONE,
    "core.add_calendarday": frozenset({RoleCode.PROVINCE_ADMIN}),
    "core.change_calendarday": frozenset({RoleCode.PROVINCE_ADMIN}),
    "core.delete_calendarday": frozenset({RoleCode.PROVINCE_ADMIN}),
}
