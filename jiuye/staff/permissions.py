"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, STAFF_MANAGERS

PERMISSIONS = {
    # Staff accounts and their certificates
    "staff.view_user": EVERYONE,
    "staff.add_user": STAFF_MANAGERS,
    "staff.change_user": STAFF_MANAGERS,
}
