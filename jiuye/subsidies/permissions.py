"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

# The HR and the finance step of a claim belong to the level its kind names (the county by
# default, a township for a kind it pays from its own funds): the holders below act only on
# the claims of their own level (``subsidies.workflow.ClaimWorkflow.may_fire``). At the
# township the reviewer of its service centre is the HR step (it already reviews the
# communities' registrations and identifications) and its finance office the finance step.
HR = frozenset({RoleCode.COUNTY_APPROVER, RoleCode.TOWNSHIP_REVIEWER})
FINANCE = frozenset({RoleCode.COUNTY_FINANCE, RoleCode.TOWNSHIP_FINANCE})

PERMISSIONS = {
    # Subsidy claims: the office prepares, the HR and then the finance department approve
    "subsidies.view_claim": EVERYONE,
    "subsidies.add_claim": LEDGER_KEEPERS,
    # a reward to offices (以奖代补) is proposed by the county's HR office, approved as any claim
    "subsidies.propose_claim": frozenset({RoleCode.COUNTY_APPROVER}),
    "subsidies.hr_approve": HR,
    "subsidies.finance_approve": FINANCE,
    "subsidies.view_budget": EVERYONE,
    "subsidies.add_budget": FINANCE,
    "subsidies.change_budget": FINANCE,
    "subsidies.view_report": EVERYONE,
}
