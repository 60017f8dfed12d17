"""Trainees on the coordinator's visit round (走访): after their course ended, whether they
found work (培训后就业跟踪), until somebody of any line of work has been in touch since."""

import datetime

from django.db.models import F, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.core.registry import Due, VisitSource
from jiuye.core.selectors import last_contact
from jiuye.ledger.choices import EMPLOYED
from jiuye.training.models import Enrolment


def due(user, today, until, persons=None):
    """Enrolments completed within the parameter's days, of trainees not at work in the
    ledger, with no contact of any line of work since the course ended."""
    days = parameters.value("training.followup_days", parameters.region_of(user), today)
    enrolments = (
        Enrolment.objects.visible_to(user)
        .filter(state="completed", completed_on__gte=today - datetime.timedelta(days=days),
                completed_on__lte=until)
        .exclude(person__status__in=EMPLOYED)
        .annotate(last=last_contact(OuterRef("person"))).filter(last__lte=F("completed_on"))
        .select_related("course").order_by()
    )  # fmt: skip
    if persons is not None:
        enrolments = enrolments.filter(person__in=persons)
    return [
        Due(enrolment.person_id, "training", _("培训结业后就业跟踪：%(course)s，%(date)s结业") % {
            "course": enrolment.course.title, "date": enrolment.completed_on},
            enrolment.completed_on, enrolment, f"{enrolment.version}-{enrolment.last}")
        for enrolment in enrolments
    ]  # fmt: skip


SOURCE = VisitSource("training", gettext_lazy("培训后就业跟踪"), due)
