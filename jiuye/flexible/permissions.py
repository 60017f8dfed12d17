"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS

PERMISSIONS = {
    # Flexible employment (灵活就业)
    "flexible.view_flexiblejob": EVERYONE,
    "flexible.add_flexiblejob": LEDGER_KEEPERS,
    "flexible.change_flexiblejob": LEDGER_KEEPERS,
    "flexible.view_check": EVERYONE,
    "flexible.add_check": LEDGER_KEEPERS,
}
