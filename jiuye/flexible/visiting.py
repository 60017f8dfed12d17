"""Flexible workers on the coordinator's visit round (走访): their periodic check (定期核实)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core.registry import Due, VisitSource
from jiuye.flexible import services
from jiuye.flexible.models import FlexibleJob


def due(user, today, until, persons=None):
    """Open registrations whose check falls due by ``until``."""
    jobs = FlexibleJob.objects.visible_to(user).due(until).order_by()
    if persons is not None:
        jobs = jobs.filter(person__in=persons)
    return [
        Due(job.person_id, "flexible", _("灵活就业（%(work)s）：%(date)s须核实") % {
            "work": job.work, "date": job.next_check_on}, job.next_check_on, job, str(job.version))
        for job in jobs
    ]  # fmt: skip


def record(*, actor, visit, items) -> bool:
    """A visit that found nothing changed is the check: still working, still insured as
    registered. A change is recorded on the registration's own page (终止、停保)."""
    if not visit.unchanged:
        return False
    for item in items:
        job = item.record
        services.check_record(actor=actor, job=job, checked_on=visit.on, still_working=True,
                              still_insured=job.insured and job.insured_until is None,
                              note=visit.summary)  # fmt: skip
    return True


SOURCE = VisitSource("flexible", gettext_lazy("灵活就业定期核实"), due, record)
