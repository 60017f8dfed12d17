"""Who may do what with complaints (registered by its ``AppConfig.ready``).

Complaints are read, recorded and handled from the street or township up: a complaint about a
community is often about its coordinator, so the community neither reads who complained nor
handles it (the street or township, which manages the community's coordinators under
guideline 六, does). Of the levels that may handle, the office a complaint is assigned to acts
(``ComplaintWorkflow.may_fire``)."""

from jiuye.staff.roles import RoleCode

HANDLERS = frozenset(
    {RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER}
)  # fmt: skip
READERS = HANDLERS | {RoleCode.PROVINCE_ADMIN, RoleCode.INSPECTOR}

PERMISSIONS = {
    "complaints.view_complaint": READERS,
    "complaints.add_complaint": HANDLERS,
    "complaints.handle_complaint": HANDLERS,
    "complaints.view_complaintnote": READERS,
}
