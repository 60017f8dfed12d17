"""Reads of supervision beyond the querysets: the home page's panel."""

from django.utils.translation import gettext_lazy as _

from jiuye.supervision.models import Finding
from jiuye.supervision.workflow import office_of

PANEL_ROWS = 10


def home_panel(user, today):
    """What the user's office must fix and reply to (its open findings, overdue first) and
    what waits for its follow-up as inspectors (replies to check, and findings of its
    inspections past their deadline)."""
    office = office_of(user)
    if office is None or not user.has_perm("supervision.view_finding"):
        return None
    findings = Finding.objects.visible_to(user).with_inspection().order_by("due_on", "pk")
    parts = []
    for title, rows in (
        (_("督查问题待整改"), findings.to_reply(office)),
        (_("督查问题待复核或已超期"), findings.to_follow_up(office)),
    ):
        count = rows.count()
        if count:
            parts.append({"title": title, "count": count, "overdue": rows.overdue(today).count(),
                          "findings": list(rows[:PANEL_ROWS])})  # fmt: skip
    if not parts:
        return None
    return "supervision/home_panel.html", {"parts": parts, "today": today}
