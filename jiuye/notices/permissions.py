"""Who may do what with documents between levels: each permission and the roles that hold it
(registered by its ``AppConfig.ready``; ``staff.backends.RoleBackend`` answers from them).

Every office reads what was sent to it and what its jurisdiction sent. Notices are sent down
by the offices that have offices below them; every office that works (not the read-only
inspector) replies to what it received and reports up to the levels above it; the levels
above a community acknowledge the reports sent to them. Which notice or report a user reaches
is jurisdiction (``models``), not role."""

from jiuye.staff.roles import EVERYONE, RoleCode

SENDERS = frozenset(
    {RoleCode.TOWNSHIP_REVIEWER, RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER,
     RoleCode.PROVINCE_ADMIN}
)  # fmt: skip
OFFICES = EVERYONE - {RoleCode.INSPECTOR}
REPORTERS = OFFICES - {RoleCode.PROVINCE_ADMIN}
RECEIVERS = OFFICES - {RoleCode.COORDINATOR}

PERMISSIONS = {
    "notices.view_notice": EVERYONE,
    "notices.add_notice": SENDERS,
    "notices.view_receipt": EVERYONE,
    "notices.reply_receipt": OFFICES,
    "notices.view_noticeattachment": EVERYONE,
    "notices.view_receiptattachment": EVERYONE,
    "notices.view_report": EVERYONE,
    "notices.add_report": REPORTERS,
    "notices.acknowledge_report": RECEIVERS,
    "notices.view_reportattachment": EVERYONE,
}
