"""Who may do what with the platforms' funds: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, RoleCode

# The county's finance department and its approver set the budgets of the platforms of the
# county's streets and townships (and of its communities and villages where the county funds
# them); the township's service centre and its finance office record what was spent, for
# its own platform and those of its communities. The city and the province read.
BUDGET_SETTERS = frozenset({RoleCode.COUNTY_FINANCE, RoleCode.COUNTY_APPROVER})
SPENDERS = frozenset({RoleCode.TOWNSHIP_REVIEWER, RoleCode.TOWNSHIP_FINANCE})

PERMISSIONS = {
    "funds.view_platformbudget": EVERYONE,
    "funds.add_platformbudget": BUDGET_SETTERS,
    "funds.change_platformbudget": BUDGET_SETTERS,
    "funds.view_budgetline": EVERYONE,
    "funds.add_budgetline": BUDGET_SETTERS,
    "funds.change_budgetline": BUDGET_SETTERS,
    "funds.view_spending": EVERYONE,
    "funds.add_spending": SPENDERS,
    "funds.change_spending": SPENDERS,
}
