"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``): the labour-resources
book of 解放桥社区 made in the background for its coordinator, and the book the book pages name."""

from django.utils import timezone

from jiuye.books.models import BookBuild, BuildState


def build(samples):
    build = BookBuild.objects.create(
        region=samples.region, book="labour", on=timezone.localdate(), requested_by=samples.user,
        state=BuildState.DONE, total=1, done=1, content=b"PK sample",
    )  # fmt: skip
    return {BookBuild: (build, "劳动力资源台账：解放桥社区")}, {"book": "labour"}
