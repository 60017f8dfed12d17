"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Subsidy claims: the office prepares, the county's HR and then finance approve
    "subsidies.view_claim": EVERYONE,
    "subsidies.add_claim": LEDGER_KEEPERS,
    "subsidies.hr_approve": frozenset({RoleCode.COUNTY_APPROVER}),
    "subsidies.finance_approve": frozenset({RoleCode.COUNTY_FINANCE}),
    "subsidies.view_budget": EVERYONE,
    "subsidies.add_budget": frozenset({RoleCode.COUNTY_FINANCE}),
    "subsidies.change_budget": frozenset({RoleCode.COUNTY_FINANCE}),
    "subsidies.view_report": EVERYONE,
}
