"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, LEDGER_KEEPERS

PERMISSIONS = {
    # Job introduction (职业介绍): employers, vacancies, seekers, referrals
    "jobs.view_occupation": EVERYONE,
    "jobs.view_industry": EVERYONE,
    "jobs.view_employer": EVERYONE,
    "jobs.add_employer": LEDGER_KEEPERS,
    "jobs.change_employer": LEDGER_KEEPERS,
    "jobs.view_vacancy": EVERYONE,
    "jobs.add_vacancy": LEDGER_KEEPERS,
    "jobs.change_vacancy": LEDGER_KEEPERS,
    "jobs.view_seeker": EVERYONE,
    "jobs.add_seeker": LEDGER_KEEPERS,
    "jobs.change_seeker": LEDGER_KEEPERS,
    "jobs.view_referral": EVERYONE,
    "jobs.add_referral": LEDGER_KEEPERS,
    "jobs.answer_referral": LEDGER_KEEPERS,
}
