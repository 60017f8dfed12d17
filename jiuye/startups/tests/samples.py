"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

import datetime

from django.utils import timezone

from jiuye.staff.models import User
from jiuye.startups import services
from jiuye.startups.models import Entrepreneur, Loan
from jiuye.startups.tests.helpers import lent


def build(samples):
    """Create this app's sample records in village A (``samples.region``, made by
    ``samples.user``, the village's coordinator; ``samples.person`` is an identified
    hard-to-employ, registered unemployed person of a zero-employment household).
    Return ``(records, kwargs)``: ``{Model: (record, marker text shown on its pages)}`` and
    ``{url argument name: value}`` for URL arguments other than ``pk``.

    The sample person wants to open a shop, was recommended a project, and has a loan
    disbursed 70 days ago whose first instalment is unpaid: an overdue loan."""
    entrepreneur = services.entrepreneur_register(
        actor=samples.user, person=samples.person, trade="甲村样本小吃店"
    )
    services.service_record(actor=samples.user, entrepreneur=entrepreneur, kind="project",
                            on=timezone.localdate(), details="推荐甲村样本项目")  # fmt: skip
    loan = lent(
        samples.user, User.objects.get(username="reviewer-370102001"),
        User.objects.get(username="approver-370102"), samples.person, project="甲村样本小吃店",
        on=timezone.localdate() - datetime.timedelta(days=70),
    )  # fmt: skip
    name = samples.person.name
    return {Entrepreneur: (entrepreneur, name), Loan: (loan, name)}, {}
