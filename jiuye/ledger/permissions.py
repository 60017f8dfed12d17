"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # The resident ledger (人力资源台账)
    "ledger.view_person": EVERYONE,
    "ledger.add_person": LEDGER_KEEPERS,
    "ledger.change_person": LEDGER_KEEPERS,
    "ledger.import_person": LEDGER_KEEPERS,
    "ledger.export_person": EVERYONE,
    "ledger.view_person_identity": frozenset(
        {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER}
    ),
    "ledger.view_household": EVERYONE,
    "ledger.change_household": LEDGER_KEEPERS,  # its address and means
}
