"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import ACCOUNT_MANAGERS, EVERYONE, STAFF_MANAGERS

PERMISSIONS = {
    # Staff accounts and their certificates: the staff managers, and the township for its
    # coordinators (``staff.roles.GRANTS`` says which accounts each manages)
    "staff.view_user": EVERYONE,
    "staff.add_user": ACCOUNT_MANAGERS,
    "staff.change_user": ACCOUNT_MANAGERS,
    # Posts, yearly targets and their breakdown to posts (guideline 二十), staff training and
    # the pairing of city and county workers with grassroots offices (guideline 七): read by
    # everyone in the jurisdiction, kept by the managers
    "staff.view_position": EVERYONE,
    "staff.change_position": ACCOUNT_MANAGERS,
    "staff.view_target": EVERYONE,
    "staff.change_target": ACCOUNT_MANAGERS,
    "staff.view_stafftraining": EVERYONE,
    "staff.view_pairing": EVERYONE,
    "staff.change_pairing": STAFF_MANAGERS,
}
