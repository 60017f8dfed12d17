"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Employment and unemployment registration (就业失业登记)
    "registration.view_registration": EVERYONE,
    "registration.add_registration": frozenset({RoleCode.COORDINATOR}),
    "registration.first_review": frozenset({RoleCode.COORDINATOR}),
    "registration.township_review": frozenset({RoleCode.TOWNSHIP_REVIEWER}),
    "registration.county_approve": frozenset({RoleCode.COUNTY_APPROVER}),
    "registration.add_contact": LEDGER_KEEPERS,
    "registration.deregister_registration": frozenset(
        {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER}
    ),
    "registration.print_certificate": frozenset(
        {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER}
    ),
}
