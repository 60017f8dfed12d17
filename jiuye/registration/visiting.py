"""The registered unemployed on the coordinator's visit round (走访): a contact falls due
before the registration would be ended for three months without one (定期联系)."""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.core.registry import Due, VisitSource
from jiuye.core.workdays import add_months, months_before
from jiuye.registration import services
from jiuye.registration.choices import ContactMethod
from jiuye.registration.models import Registration

# A visit of the round is a contact made this way (kinds of jiuye.visits.choices.VisitKind).
METHODS = {"home": ContactMethod.VISIT, "phone": ContactMethod.CALL, "office": ContactMethod.OFFICE}


def due(user, today, until, persons=None):
    """Registered unemployed whose last contact of any line of work lies so far back that the
    registration would end within the parameter's lead days after ``until``."""
    region = parameters.region_of(user)
    months = parameters.value("registration.no_contact_months", region, today)
    lead = parameters.value("registration.contact_lead_days", region, today)
    cutoff = months_before(until + datetime.timedelta(days=lead), months)
    registrations = (
        Registration.objects.visible_to(user).registered_unemployed().with_last_contact()
    )
    if persons is not None:
        registrations = registrations.filter(person__in=persons)
    items = []
    for registration in (
        registrations.filter(last__lte=cutoff)
        .order_by()
        .only("pk", "person_id", "version", "last_contact_on", "approved_on")
    ):
        ends_on = add_months(registration.last, months)
        days = (today - registration.last).days
        if ends_on <= today:
            reason = _("失业登记：%(days)d天未联系，已到失联注销期限") % {"days": days}
        else:
            reason = _("失业登记：%(days)d天未联系，%(date)s前未联系将注销") % {
                "days": days,
                "date": ends_on,
            }
        due_on = ends_on - datetime.timedelta(days=lead)
        items.append(Due(registration.person_id, "registration", reason, due_on, registration,
                         f"{registration.version}-{registration.last}"))  # fmt: skip
    return items


def record(*, actor, visit, items) -> None:
    """The visit is the registration's contact (联系日期 updated, a contact recorded)."""
    for item in items:
        services.contact_record(actor=actor, registration=item.record, on=visit.on,
                                method=METHODS[visit.kind], note=visit.summary)  # fmt: skip


SOURCE = VisitSource("registration", gettext_lazy("失业登记人员定期联系"), due, record)
