"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them)."""

from jiuye.staff.roles import EVERYONE, STAFF_MANAGERS

PERMISSIONS = {
    # Regions and service organisations
    "regions.view_region": EVERYONE,
    "regions.view_serviceorg": EVERYONE,
    "regions.add_serviceorg": STAFF_MANAGERS,
    "regions.change_serviceorg": STAFF_MANAGERS,
}
