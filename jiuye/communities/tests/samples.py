"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.communities import services
from jiuye.communities.models import (
    Application,
    ApplicationAttachment,
    CommunityMonth,
    Criterion,
    Recheck,
    Round,
    Standard,
    Title,
)
from jiuye.core import workflow


def build(samples):
    """The province's target standard and this year's open round, in which village A drafts
    an application with a photo; a title village A holds; the demo's re-check; village A's
    figures of this month."""
    standard = Standard.objects.get(is_target=True)
    round = Round.objects.filter(closes_on__gte=timezone.localdate()).get()
    application = services.application_create(actor=samples.user, round=round, region=samples.region,
                                              standard=standard, self_assessment="甲村样本自评")  # fmt: skip
    attachment = services.attachment_add(actor=samples.user, application=application, title="甲村样本照片",
                                         file=SimpleUploadedFile("window.pdf", b"%PDF-1.4 sample"))  # fmt: skip
    today = timezone.localdate()
    title = Title(region=samples.region, standard=standard, granted_on=today,
                  valid_until=today.replace(year=today.year + 2))  # fmt: skip
    workflow.start(title, actor=None, by_system=True)
    month = CommunityMonth.objects.get(region=samples.region, month=today.replace(day=1))
    records = {
        Standard: (standard, standard.name),
        Criterion: (standard.criteria.first(), standard.criteria.first().label),
        Round: (round, round.name),
        Application: (application, samples.region.name),
        ApplicationAttachment: (attachment, attachment.title),
        Title: (title, samples.region.name),
        Recheck: (Recheck.objects.get(), Recheck.objects.get().name),
        CommunityMonth: (month, samples.region.name),
    }
    return records, {"round": round.pk}
