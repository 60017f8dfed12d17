"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, Role

PERMISSIONS = {
    # Employment and unemployment registration (就业失业登记)
    "registration.view_registration": EVERYONE,
    "registration.add_registration": frozenset({Role.COORDINATOR}),
    "registration.first_review": frozenset({Role.COORDINATOR}),
    "registration.township_review": frozenset({Role.TOWNSHIP_REVIEWER}),
    "registration.county_approve": frozenset({Role.COUNTY_APPROVER}),
    "registration.add_contact": LEDGER_KEEPERS,
    "registration.deregister_registration": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
    "registration.print_certificate": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
}
