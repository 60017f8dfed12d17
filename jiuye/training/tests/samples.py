"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

import datetime

from django.utils import timezone

from jiuye.staff.models import User
from jiuye.training import services
from jiuye.training.choices import CourseKind
from jiuye.training.models import Course, Enrolment, Institution, Need


def build(samples):
    """Create this app's sample records in village A (``samples.region``, made by
    ``samples.user``, the village's coordinator; ``samples.person`` is an identified
    hard-to-employ, registered unemployed person of a zero-employment household).
    Return ``(records, kwargs)``: ``{Model: (record, marker text shown on its pages)}`` and
    ``{url argument name: value}`` for URL arguments other than ``pk``.

    A designated institution of the county sitting in village A with a published course
    still to come; the sample person's training need, met by a referral to that course."""
    today = timezone.localdate()
    approver = User.objects.get(username="approver-370102")
    institution = services.institution_create(
        actor=approver, region=samples.region, credit_code="52370102MJD1234562",
        name="甲村样本职业培训学校", address="甲村样本路2号", contact_name="甲村校长",
        contact_phone="0531-86000002", designated_from=today - datetime.timedelta(days=365),
    )  # fmt: skip
    course = services.course_create(
        actor=approver, institution=institution, kind=CourseKind.STARTUP, title="甲村样本创业培训班",
        starts_on=today + datetime.timedelta(days=7), ends_on=today + datetime.timedelta(days=30),
        hours=80, capacity=30, place="甲村样本教室",
    )  # fmt: skip
    need = services.need_record(actor=samples.user, person=samples.person, kind=CourseKind.STARTUP)
    enrolment = services.enrolment_create(actor=samples.user, person=samples.person, course=course)
    name = samples.person.name
    return {
        Institution: (institution, institution.name),
        Course: (course, course.title),
        Need: (need, name),
        Enrolment: (enrolment, name),
    }, {"institution": institution.pk, "org": samples.user.org_id}
