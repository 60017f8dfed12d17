"""A recognition round from the community's application to the province's decision, the
figures frozen at submission, and a re-check that revokes a title — every step in the log."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from jiuye.communities import services
from jiuye.communities.choices import Comparison, StandardKind
from jiuye.communities.models import Application, Criterion, RecheckItem, Standard, Title
from jiuye.communities.tests.test_community import resident
from jiuye.conftest import VILLAGE_A
from jiuye.core import workflow
from jiuye.core.models import WorkflowEvent
from jiuye.core.workdays import months_before
from jiuye.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard(province_admin):
    """A star title whose criteria village A meets today: as many long-unemployed residents
    as it has now, at most, and an item checked with evidence."""
    from jiuye.communities import evaluation

    figures, _ = evaluation.evaluate(
        province_admin, Region.objects.get(code=VILLAGE_A), timezone.localdate()
    )
    standard = Standard.objects.create(
        region=Region.objects.get(code="370000000000"), name="测试星级社区", kind=StandardKind.FULL_EMPLOYMENT,
        edition=2026, rank=5, valid_years=2,
    )  # fmt: skip
    Criterion.objects.create(standard=standard, position=1, label="失业超过6个月的人员", indicator="long_unemployed",
                             comparison=Comparison.AT_MOST, threshold=Decimal(figures["long_unemployed"]))  # fmt: skip
    Criterion.objects.create(standard=standard, position=2, label="服务窗口", evidence="窗口照片")
    return standard


@pytest.fixture
def round(province_admin):
    return services.round_open(actor=province_admin, region=Region.objects.get(code="370000000000"),
                               name="测试评定批次", kind=StandardKind.FULL_EMPLOYMENT, year=2026,
                               closes_on=timezone.localdate() + datetime.timedelta(days=30))  # fmt: skip


def events_of(item):
    from django.contrib.contenttypes.models import ContentType

    return WorkflowEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).order_by("id")


def recognised(round, standard, coordinator, reviewer, approver, city_officer, province_admin):
    application = services.application_create(actor=coordinator, round=round, region=Region.objects.get(code=VILLAGE_A),
                                              standard=standard, self_assessment="窗口、台账齐全")  # fmt: skip
    with pytest.raises(ValidationError):  # evidence first
        services.application_submit(actor=coordinator, application=application)
    services.attachment_add(actor=coordinator, application=application, title="窗口照片",
                            file=SimpleUploadedFile("window.pdf", b"%PDF-1.4 test"))  # fmt: skip
    services.application_submit(actor=coordinator, application=application)
    for transition, actor in (("township_approve", reviewer), ("county_approve", approver),
                              ("city_recommend", city_officer), ("recognise", province_admin)):  # fmt: skip
        workflow.fire(application, transition, actor=actor, comment="同意")
    return Application.objects.get(pk=application.pk)


def test_a_full_round_grants_a_title_with_every_step_logged(
    round, standard, coordinator, reviewer, approver, city_officer, province_admin
):
    application = recognised(
        round, standard, coordinator, reviewer, approver, city_officer, province_admin
    )
    assert application.state == "recognised"
    events = events_of(application)
    assert [event.transition for event in events] == [
        "create", "submit", "township_approve", "county_approve", "city_recommend", "recognise",
    ]  # fmt: skip
    assert [event.actor.username for event in events][2:] == [
        reviewer.username, approver.username, city_officer.username, province_admin.username,
    ]  # fmt: skip
    title = application.title
    assert title.state == "valid" and title.standard == standard
    assert title.valid_until == title.granted_on.replace(year=title.granted_on.year + 2)


def test_the_figures_are_frozen_at_submission(round, standard, coordinator, reviewer):
    application = services.application_create(actor=coordinator, round=round, region=Region.objects.get(code=VILLAGE_A),
                                              standard=standard, self_assessment="自评")  # fmt: skip
    services.attachment_add(actor=coordinator, application=application, title="照片",
                            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"))  # fmt: skip
    services.application_submit(actor=coordinator, application=application)
    kept = Application.objects.get(pk=application.pk).values
    resident(coordinator, "611", since=months_before(timezone.localdate(), 7))
    assert Application.objects.get(pk=application.pk).values == kept
    with pytest.raises(ValidationError):
        services.application_update(actor=coordinator, application=application,
                                    expected_version=application.version, self_assessment="改写")  # fmt: skip


def test_a_township_cannot_decide_for_the_province(round, standard, coordinator, reviewer):
    from django.core.exceptions import PermissionDenied

    application = services.application_create(actor=coordinator, round=round, region=Region.objects.get(code=VILLAGE_A),
                                              standard=standard, self_assessment="自评")  # fmt: skip
    services.attachment_add(actor=coordinator, application=application, title="照片",
                            file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 test"))  # fmt: skip
    services.application_submit(actor=coordinator, application=application)
    with pytest.raises(PermissionDenied):
        workflow.fire(application, "recognise", actor=reviewer)


def test_a_recheck_revokes_a_title_that_no_longer_meets_the_standard(
    round, standard, coordinator, reviewer, approver, city_officer, province_admin, login
):
    application = recognised(
        round, standard, coordinator, reviewer, approver, city_officer, province_admin
    )
    title = application.title
    kept = Title.objects.filter(state="valid").exclude(pk=title.pk).count()
    newcomer = resident(coordinator, "711", since=months_before(timezone.localdate(), 7))

    recheck = services.recheck_start(actor=province_admin, region=Region.objects.get(code="370000000000"),
                                     name="测试复查", kind=StandardKind.FULL_EMPLOYMENT)  # fmt: skip
    title.refresh_from_db()
    assert title.state == "revoked"
    assert title.revoked_on == recheck.on
    assert "失业超过6个月的人员" in title.revoke_reason
    item = RecheckItem.objects.get(recheck=recheck, title=title)
    assert (
        not item.passed
        and item.values["long_unemployed"] == standard.criteria.first().threshold + 1
    )
    revoke = events_of(title).get(transition="revoke")
    assert revoke.actor == province_admin and "测试复查" in revoke.comment
    assert (
        Title.objects.filter(state="valid").count() + recheck.items.filter(passed=False).count() - 1
        == kept
    )

    page = login(approver).get(reverse("communities:title", args=[title.pk]))
    assert "测试复查" in page.content.decode()
    assert newcomer.name  # the resident whose unemployment failed it


def test_a_sample_recheck_picks_the_same_titles_every_time(province_admin):
    from jiuye.communities.models import Recheck
    from jiuye.communities.services import _sampled

    recheck = Recheck(pk=7, sample_percent=30)
    titles = [Title(pk=number) for number in range(1, 201)]
    chosen = [title.pk for title in titles if _sampled(recheck, title)]
    assert chosen == [title.pk for title in titles if _sampled(recheck, title)]
    assert 30 < len(chosen) < 90


def test_a_sibling_county_gets_404_for_the_application_and_title(
    round,
    standard,
    coordinator,
    reviewer,
    approver,
    city_officer,
    province_admin,
    sibling_approver,
    login,
):
    application = recognised(
        round, standard, coordinator, reviewer, approver, city_officer, province_admin
    )
    client = login(sibling_approver)
    assert client.get(reverse("communities:application", args=[application.pk])).status_code == 404
    assert client.get(reverse("communities:title", args=[application.title.pk])).status_code == 404
    assert client.get(f"/api/v1/community-applications/{application.pk}/").status_code == 404


def test_the_lists_of_rounds_and_rechecks_count_only_the_reader_s_own(
    approver, sibling_approver, login
):
    from jiuye.communities.models import Recheck

    rounds = {}
    for user in (approver, sibling_approver):
        page = login(user).get(reverse("communities:rounds"))
        rounds[user.username] = {
            each.pk: each.applications_count for each in page.context["object_list"]
        }
    for pk, count in rounds[approver.username].items():
        assert (
            count
            == Application.objects.filter(
                round_id=pk, region_id__gte="370102", region_id__lt="370103"
            ).count()
        )
        assert rounds[sibling_approver.username][pk] == Application.objects.filter(
            round_id=pk, region_id__gte="370103", region_id__lt="370104").count()  # fmt: skip
    page = login(sibling_approver).get(reverse("communities:rechecks"))
    for recheck in page.context["object_list"]:
        mine = Recheck.objects.get(pk=recheck.pk).items.filter(
            region_id__gte="370103", region_id__lt="370104"
        )
        assert recheck.checked == mine.count()
