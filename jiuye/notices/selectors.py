"""Reads of documents between levels beyond the querysets: the home page's panel."""

from django.utils.translation import gettext_lazy as _

from jiuye.notices.models import Receipt, Report

PANEL_ROWS = 8


def home_panel(user, today):
    """What waits for the user's office: notices not yet read, replies due (and those past
    their deadline), reports sent to it not yet acknowledged."""
    if user.org_id is None or not user.has_perm("notices.view_receipt"):
        return None
    receipts = Receipt.objects.addressed_to(user).with_notice()
    unread = receipts.unread().unread_first()
    due = receipts.awaiting_reply().order_by("notice__reply_by", "pk")
    reports = Report.objects.to_office(user).awaiting().with_parties().order_by("sent_at", "pk")
    counts = receipts.counts(today)
    waiting_reports = reports.count()
    if not (counts["unread"] or counts["waiting"] or waiting_reports):
        return None
    return "notices/home_panel.html", {
        "today": today,
        "counts": counts,
        "unread": list(unread[:PANEL_ROWS]) if counts["unread"] else [],
        "due": list(due[:PANEL_ROWS]) if counts["waiting"] else [],
        "reports": list(reports[:PANEL_ROWS]) if waiting_reports else [],
        "reports_count": waiting_reports,
        "titles": {"unread": _("未阅通知"), "due": _("待回复通知"), "reports": _("待签收报送")},
    }
