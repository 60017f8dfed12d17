"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, Role

PERMISSIONS = {
    # The resident ledger (人力资源台账)
    "ledger.view_person": EVERYONE,
    "ledger.add_person": LEDGER_KEEPERS,
    "ledger.change_person": LEDGER_KEEPERS,
    "ledger.import_person": LEDGER_KEEPERS,
    "ledger.export_person": EVERYONE,
    "ledger.view_person_identity": frozenset(
        {Role.COORDINATOR, Role.TOWNSHIP_REVIEWER, Role.COUNTY_APPROVER}
    ),
    "ledger.view_household": EVERYONE,
}
