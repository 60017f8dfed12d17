"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import CASE_WORKERS, EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Employment assistance (就业援助) and zero-employment households
    "assistance.view_identification": EVERYONE,
    "assistance.add_identification": frozenset({RoleCode.COORDINATOR}),
    "assistance.first_review": frozenset({RoleCode.COORDINATOR}),
    "assistance.record_objection": LEDGER_KEEPERS,
    "assistance.township_review": frozenset({RoleCode.TOWNSHIP_REVIEWER}),
    "assistance.identify": frozenset({RoleCode.COUNTY_APPROVER}),
    "assistance.exit": CASE_WORKERS,
    "assistance.view_attachment": CASE_WORKERS,  # evidence: those who handle the case
    "assistance.view_card": EVERYONE,
    "assistance.print_card": CASE_WORKERS,
    "assistance.view_plan": EVERYONE,
    "assistance.add_plan": LEDGER_KEEPERS,
    "assistance.change_plan": LEDGER_KEEPERS,
    "assistance.view_measure": EVERYONE,
    "assistance.add_measure": LEDGER_KEEPERS,
    "assistance.view_assistanceservice": EVERYONE,
    "assistance.add_assistanceservice": CASE_WORKERS,
    "assistance.view_zerohousehold": EVERYONE,
    "assistance.view_householdattachment": CASE_WORKERS,  # a household's evidence: likewise
    "assistance.change_zerohousehold": LEDGER_KEEPERS,
}
