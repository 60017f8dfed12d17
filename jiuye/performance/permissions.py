"""Who may do what in this line of work: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them).

Scores are read from the county up: an office's score compares it with its siblings (the best
of them sets an item's target), whose figures a community or township does not see."""

from jiuye.staff.roles import RoleCode

ASSESSORS = frozenset(
    {
        RoleCode.COUNTY_APPROVER,
        RoleCode.COUNTY_FINANCE,
        RoleCode.CITY_OFFICER,
        RoleCode.PROVINCE_ADMIN,
        RoleCode.INSPECTOR,
    }
)
# a scheme is the province's; a county may keep its own, which overrides it for its offices
SCHEME_KEEPERS = frozenset({RoleCode.PROVINCE_ADMIN, RoleCode.COUNTY_APPROVER})
COMMENDERS = frozenset({RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER, RoleCode.PROVINCE_ADMIN})

PERMISSIONS = {
    "performance.view_scheme": ASSESSORS,
    "performance.change_scheme": SCHEME_KEEPERS,
    "performance.view_score": ASSESSORS,
    "performance.view_commendation": ASSESSORS,
    "performance.add_commendation": COMMENDERS,
}
