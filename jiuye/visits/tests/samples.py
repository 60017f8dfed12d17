"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jiuye.visits.models import Visit, VisitPhoto
from jiuye.visits.services import visit_record


def build(samples):
    """A visit to the shared sample person that did not meet them (so it counts for no other
    line of work's samples), with its photo."""
    visit = visit_record(
        actor=samples.user, person=samples.person, on=timezone.localdate(), kind="home",
        result="absent", notes="甲村样本走访",
        photo=SimpleUploadedFile("visit.png", b"\x89PNG\r\n\x1a\n sample", content_type="image/png"),
    )  # fmt: skip
    return {Visit: (visit, "甲村样本走访"), VisitPhoto: (visit.photos.get(), "走访照片")}, {}
