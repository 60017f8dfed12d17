"""Reads of documents between levels beyond the querysets: the home page's panel."""

from django.db.models import Exists, OuterRef

from jiuye.notices.filters import receipt_state_q
from jiuye.notices.models import Notice, Receipt, Report

PANEL_ROWS = 8


def home_panel(user, today):
    """What waits for the user's office: notices not yet read, replies due (and those past
    their deadline), reports sent to it not yet acknowledged; and, as a sender, its notices
    that offices have not replied to by the deadline."""
    if user.org_id is None or not user.has_perm("notices.view_receipt"):
        return None
    receipts = Receipt.objects.addressed_to(user).with_notice()
    unread = receipts.unread().unread_first()
    due = receipts.awaiting_reply().order_by("notice__reply_by", "pk")
    reports = Report.objects.to_office(user).awaiting().with_parties().order_by("sent_at", "pk")
    counts = receipts.counts(today)
    waiting_reports = reports.count()
    late = Receipt.objects.filter(receipt_state_q("overdue"), notice=OuterRef("pk"))
    sent_late = Notice.objects.filter(Exists(late), org_id=user.org_id).count()
    if not (counts["unread"] or counts["waiting"] or waiting_reports or sent_late):
        return None
    return "notices/home_panel.html", {
        "today": today,
        "counts": counts,
        "unread": list(unread[:PANEL_ROWS]) if counts["unread"] else [],
        "due": list(due[:PANEL_ROWS]) if counts["waiting"] else [],
        "reports": list(reports[:PANEL_ROWS]) if waiting_reports else [],
        "reports_count": waiting_reports,
        "sent_late": sent_late,
    }
