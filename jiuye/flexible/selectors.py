"""Reads of flexible employment: the checks due and the home page's panel."""

from jiuye.flexible.models import FlexibleJob


def checks_due(user, today):
    """Open registrations of the user's jurisdiction whose periodic check is due."""
    return (
        FlexibleJob.objects.visible_to(user)
        .due(today)
        .with_person()
        .order_by("next_check_on", "pk")
    )


def home_panel(user, today):
    """The home page's share: the checks due in the jurisdiction, for those who make them."""
    if not user.has_perm("flexible.add_check"):
        return None
    due = checks_due(user, today)
    jobs = list(due[:20])
    if not jobs:
        return None
    return "flexible/home_panel.html", {
        "jobs": jobs,
        "count": due.count() if len(jobs) == 20 else len(jobs),
    }
