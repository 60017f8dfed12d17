"""The training figures of the programmes report (``subsidies.figures``): trainees who
completed a course in the month, and of those who completed 3 (6) months earlier, how many
the ledger shows employed within 3 (6) months."""

from django.utils.translation import gettext_lazy as _

from jiuye.subsidies.figures import Column, Source
from jiuye.subsidies.kinds import month_bounds
from jiuye.training.models import Enrolment
from jiuye.training.selectors import COHORTS, add_months, completions_by_group, employed_within


def collect(user, prefix, length, first, last) -> dict[str, dict]:
    enrolments = Enrolment.objects.visible_to(user).within(prefix)
    found: dict[str, dict] = {}
    for group, pairs in completions_by_group(enrolments, length, first, last).items():
        found.setdefault(group, {})["completed"] = len(pairs)
    for months in COHORTS:
        start, end = month_bounds(add_months(first, -months))
        for group, pairs in completions_by_group(enrolments, length, start, end).items():
            row = found.setdefault(group, {})
            row[f"cohort_{months}m"] = len(pairs)
            row[f"employed_{months}m"] = len(employed_within(pairs, months))
    return found


TRAINING_FIGURES = Source(
    label=_("职业培训"),
    columns=(
        Column("completed", _("本月结业人数")),
        Column("cohort_3m", _("3个月前结业人数")),
        Column("employed_3m", _("其中3个月内就业")),
        Column("rate_3m", _("培训后3个月就业率（%）"), ratio=("employed_3m", "cohort_3m")),
        Column("cohort_6m", _("6个月前结业人数")),
        Column("employed_6m", _("其中6个月内就业")),
        Column("rate_6m", _("培训后6个月就业率（%）"), ratio=("employed_6m", "cohort_6m")),
    ),
    collect=collect,
)
