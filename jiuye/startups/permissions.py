"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import CASE_WORKERS, EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Entrepreneurship "1+3" and small guaranteed loans (创业服务)
    "startups.view_entrepreneur": EVERYONE,
    "startups.add_entrepreneur": LEDGER_KEEPERS,
    "startups.change_entrepreneur": LEDGER_KEEPERS,
    "startups.view_startupservice": EVERYONE,
    "startups.add_startupservice": LEDGER_KEEPERS,
    "startups.view_loan": EVERYONE,
    "startups.add_loan": frozenset({RoleCode.COORDINATOR}),
    "startups.change_loan": frozenset({RoleCode.COORDINATOR}),
    "startups.township_review_loan": frozenset({RoleCode.TOWNSHIP_REVIEWER}),
    "startups.county_review_loan": frozenset({RoleCode.COUNTY_APPROVER}),
    "startups.record_bank_decision": frozenset({RoleCode.COUNTY_APPROVER}),
    "startups.extend_loan": frozenset({RoleCode.COUNTY_APPROVER}),
    "startups.repay_loan": CASE_WORKERS,
    "startups.view_recovery": EVERYONE,
    "startups.add_recovery": CASE_WORKERS,
}
