"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS, RoleCode

PERMISSIONS = {
    # Training (职业培训)
    "training.view_institution": EVERYONE,
    "training.add_institution": frozenset({RoleCode.COUNTY_APPROVER}),
    "training.change_institution": frozenset({RoleCode.COUNTY_APPROVER}),
    "training.view_course": EVERYONE,
    "training.add_course": frozenset({RoleCode.COUNTY_APPROVER}),
    "training.change_course": frozenset({RoleCode.COUNTY_APPROVER}),
    "training.view_need": EVERYONE,
    "training.add_need": LEDGER_KEEPERS,
    "training.change_need": LEDGER_KEEPERS,
    "training.view_enrolment": EVERYONE,
    "training.add_enrolment": LEDGER_KEEPERS,
    "training.change_enrolment": LEDGER_KEEPERS,
    # the referral subsidy an institution pays a referring office (推荐参训补助)
    "training.view_referralpayment": EVERYONE,
    "training.add_referralpayment": LEDGER_KEEPERS | {RoleCode.COUNTY_APPROVER},
}
