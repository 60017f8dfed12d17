"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import ACCOUNT_MANAGERS, EVERYONE

PERMISSIONS = {
    # Staff accounts and their certificates: the staff managers, and the township for its
    # coordinators (``staff.roles.GRANTS`` says which accounts each manages)
    "staff.view_user": EVERYONE,
    "staff.add_user": ACCOUNT_MANAGERS,
    "staff.change_user": ACCOUNT_MANAGERS,
}
