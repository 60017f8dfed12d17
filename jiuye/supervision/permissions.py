"""Who may do what in supervision: each permission and the roles that hold it (registered by
its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them).

Inspectors are the levels above an office: the county's approver and the city's officer over
the townships and communities below them, the province's administrator over all, and the
township's reviewer over its own communities (``services.inspectable_orgs`` keeps each to the
offices below its own region). The office inspected replies: a community's coordinator, a
township's reviewer (``FindingWorkflow.may_fire`` keeps each to its own office)."""

from jiuye.staff.roles import EVERYONE, RoleCode

INSPECTORS = frozenset(
    {RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER,
     RoleCode.PROVINCE_ADMIN}
)  # fmt: skip
OFFICES = frozenset({RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER})

PERMISSIONS = {
    "supervision.view_inspection": EVERYONE,
    "supervision.add_inspection": INSPECTORS,
    "supervision.change_inspection": INSPECTORS,
    "supervision.view_finding": EVERYONE,
    "supervision.add_finding": INSPECTORS,
    "supervision.follow_up_finding": INSPECTORS,
    "supervision.reply_finding": OFFICES,
    "supervision.view_findingattachment": EVERYONE,
}
