"""Posts of an office, its yearly targets broken down to the posts, staff training, pairing
and certification (guideline 七 and 二十)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from jiuye.assistance.models import Identification
from jiuye.assistance.services import service_record
from jiuye.conftest import TOWNSHIP, VILLAGE_B
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.staff import services
from jiuye.staff.models import (
    Pairing,
    Position,
    PositionTarget,
    StaffTraining,
    Target,
    TrainingKind,
    User,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def office(code):
    return ServiceOrg.objects.get(region_id=code, kind__in=("village_station", "township_centre"))


def test_the_demo_gives_every_account_a_post_and_breaks_the_targets_down(coordinator):
    assert coordinator.position.org == coordinator.org and coordinator.started_on
    assert not User.objects.filter(
        is_active=True, org__isnull=False, position__isnull=True
    ).exists()
    targets = Target.objects.filter(year=TODAY().year).prefetch_related("shares__position")
    assert {target.indicator for target in targets} >= {"services_recorded", "referral_hires"}
    for target in targets:  # set from what the office's workers recorded, and all given to posts
        assert sum(share.value for share in target.shares.all()) == target.value > 0
        assert all(share.position.org_id == target.org_id for share in target.shares.all())


def test_a_post_earns_what_its_holder_records_and_the_office_page_shows_it(login, approver):
    identification = Identification.objects.within("370102").filter(state="identified").first()
    coordinator = User.objects.get(username=f"coordinator-{identification.region_id}")
    client = login(approver)
    org = coordinator.org
    reviewer = User.objects.get(
        username=f"reviewer-{prefix_of(identification.region_id, Level.TOWNSHIP)}"
    )
    if not Target.objects.filter(
        org=org, year=TODAY().year, indicator="services_recorded"
    ).exists():
        target = services.target_save(actor=reviewer, target=Target(org=org, year=TODAY().year,
                                                                     indicator="services_recorded", value=12))  # fmt: skip
        services.share_save(actor=reviewer, share=PositionTarget(target=target, position=coordinator.position,
                                                                  work="assistance_services", value=12))  # fmt: skip

    def shown():
        page = client.get(reverse("staff:plan", args=[org.pk]))
        (line,) = [
            line for line in page.context["lines"] if line.target.indicator == "services_recorded"
        ]
        return line

    before = shown()
    service_record(actor=coordinator, identification=identification, kind="home_visit", on=TODAY(),
                   content="上门了解求职意愿")  # fmt: skip
    after = shown()
    assert after.shares[0].done == before.shares[0].done + 1
    assert after.done == before.done + 1  # the office's own figure of the year so far
    assert after.rate == (Decimal(after.done) * 100 / after.target.value).quantize(Decimal("0.1"))


def test_the_shares_of_a_target_add_up_to_no_more_than_the_target(reviewer, coordinator):
    org = coordinator.org
    target = services.target_save(actor=reviewer, target=Target(org=org, year=TODAY().year + 1,
                                                                 indicator="referral_hires", value=10))  # fmt: skip
    helper = services.position_save(
        actor=reviewer, position=Position(org=org, title="就业服务专干")
    )
    services.share_save(actor=reviewer, share=PositionTarget(target=target, position=coordinator.position,
                                                              work="referral_hires", value=7))  # fmt: skip
    with pytest.raises(ValidationError, match="尚可分解3"):
        services.share_save(actor=reviewer, share=PositionTarget(target=target, position=helper,
                                                                  work="referral_hires", value=4))  # fmt: skip
    with pytest.raises(ValidationError, match="不计入此项指标"):
        services.share_save(actor=reviewer, share=PositionTarget(target=target, position=helper,
                                                                  work="assistance_services", value=3))  # fmt: skip
    target.value = 5
    with pytest.raises(ValidationError, match="不能小于已分解到岗位的合计"):
        services.target_save(actor=reviewer, target=target, expected_version=target.version)
    assert PositionTarget.objects.filter(target=target).count() == 1


def test_targets_are_set_by_the_level_above_and_posts_by_the_office_or_above(
    login, reviewer, coordinator
):
    year = TODAY().year + 1
    with pytest.raises(ValidationError, match="不在您的管辖范围内"):  # the township's own target
        services.target_save(actor=reviewer, target=Target(org=reviewer.org, year=year,
                                                            indicator="referral_hires", value=5))  # fmt: skip
    client = login(reviewer)
    response = client.post(reverse("staff:target-add", args=[coordinator.org_id]) + f"?year={year}",
                           {"indicator": "referral_hires", "value": "12"})  # fmt: skip
    assert response.status_code == 302
    target = Target.objects.get(org=coordinator.org, year=year, indicator="referral_hires")
    assert target.value == 12 and target.history.get().history_user == reviewer
    response = client.post(reverse("staff:share-add", args=[target.pk]),
                           {"position": coordinator.position_id, "work": "referral_hires", "value": "20"})  # fmt: skip
    assert "各岗位分解合计不能超过机构目标" in response.content.decode()
    page = client.post(reverse("staff:target-add", args=[coordinator.org_id]) + f"?year={year}",
                       {"indicator": "referral_hires", "value": "3"})  # fmt: skip
    assert "该机构本年度已有此项目标" in page.content.decode()
    assert (
        client.post(
            reverse("staff:position-add", args=[reviewer.org_id]), {"title": "窗口经办人"}
        ).status_code
        == 302
    )


def test_a_sibling_county_sees_none_of_an_office_plan(login, sibling_approver, coordinator):
    client = login(sibling_approver)
    target = Target.objects.create(
        org=coordinator.org, year=TODAY().year + 2, indicator="referral_hires", value=5
    )
    PositionTarget.objects.create(
        target=target, position=coordinator.position, work="referral_hires", value=5
    )
    for url in (reverse("staff:plan", args=[coordinator.org_id]), reverse("staff:target-edit", args=[target.pk]),
                reverse("staff:position-edit", args=[coordinator.position_id]),
                reverse("staff:share-edit", args=[target.shares.first().pk])):  # fmt: skip
        assert client.get(url).status_code == 404, url
    positions = client.get(reverse("staff:positions")).context["object_list"]
    assert coordinator.position not in list(positions)


def test_lists_take_the_same_number_of_queries_for_a_few_rows_or_a_page(
    login, approver, django_assert_max_num_queries
):
    client = login(approver)
    for name in ("staff:positions", "staff:trainings", "staff:pairings"):
        client.get(reverse(name))
        with django_assert_max_num_queries(12):
            page = client.get(reverse(name))
        assert len(page.context["object_list"]) > 1, name


def test_the_lists_of_who_lacks_training(login, approver, reviewer, coordinator):
    StaffTraining.objects.filter(user=coordinator).delete()  # a test of the list, not of a service
    coordinator.started_on = datetime.date(TODAY().year - 3, 5, 1)
    coordinator.save()
    client = login(approver)
    lacking = client.get(
        reverse("staff:trainings"), {"lacking": "induction", "q": coordinator.name}
    )
    assert coordinator in lacking.context["object_list"]
    this_year = client.get(
        reverse("staff:trainings"), {"lacking": "this_year", "q": coordinator.name}
    )
    assert coordinator in this_year.context["object_list"]
    client = login(reviewer)
    response = client.post(reverse("staff:training-add", args=[coordinator.pk]), {
        "kind": TrainingKind.SERVING, "title": "就业政策轮训", "organiser": "区人社局", "started_on": TODAY(),
        "ended_on": TODAY(), "hours": 8, "passed": "on"})  # fmt: skip
    assert response.status_code == 302
    this_year = client.get(
        reverse("staff:trainings"), {"lacking": "this_year", "q": coordinator.name}
    )
    assert coordinator not in this_year.context["object_list"]
    export = client.get(reverse("staff:trainings-export"), {"lacking": "induction"})
    rows = list(
        load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=3, values_only=True)
    )
    assert any(row[3] == coordinator.username for row in rows) and all(
        row[7] == "否" for row in rows
    )
    page = client.get(reverse("staff:detail", args=[coordinator.pk])).content.decode()
    assert "就业政策轮训" in page


def test_a_county_worker_is_paired_with_a_village_of_the_county_only(login, approver, city_officer):
    village = office(VILLAGE_B)
    client = login(approver)
    data = {
        "worker": approver.pk,
        "reason": "lagging",
        "started_on": TODAY(),
        "note": "每周到站一天",
    }
    assert client.post(reverse("staff:pairing-add", args=[village.pk]), data).status_code == 302
    pairing = Pairing.objects.get(org=village, worker=approver, note="每周到站一天")
    assert pairing in client.get(reverse("staff:pairings")).context["object_list"]
    other = ServiceOrg.objects.get(region_id="370103002001", kind="village_station") if ServiceOrg.objects.filter(
        region_id="370103002001", kind="village_station").exists() else ServiceOrg.objects.within("370103").filter(
        kind="village_station").first()  # fmt: skip
    with pytest.raises(ValidationError, match="联系人应为上级"):
        services.pairing_save(actor=city_officer, pairing=Pairing(worker=approver, org=other, reason="lagging",
                                                                  started_on=TODAY()))  # fmt: skip
    assert login(approver).get(reverse("staff:pairing-add", args=[other.pk])).status_code == 404


def test_certification_by_sub_region_and_the_certificates_running_out(login, approver, coordinator):
    certificate = coordinator.certificates.first()
    certificate.expires_on = TODAY() + datetime.timedelta(days=30)
    certificate.save()
    page = login(approver).get(reverse("staff:certification"))
    assert certificate in list(page.context["due"])
    township = next(row for row in page.context["table"].rows if row.region.code == TOWNSHIP)
    assert township.values["coordinators"] >= township.values["coordinators_certified"] > 0
    export = login(approver).get(reverse("staff:certification-export"))
    rows = list(
        load_workbook(io.BytesIO(export.content)).active.iter_rows(min_row=3, values_only=True)
    )
    assert any(row[4] == certificate.number for row in rows)
    assert User.objects.get(pk=coordinator.pk).certificates.count() >= 1


def test_the_township_home_page_says_who_lacks_training(
    login, reviewer, coordinator, sibling_approver
):
    StaffTraining.objects.filter(user=coordinator, kind=TrainingKind.INDUCTION).delete()
    page = login(reviewer).get(reverse("home")).content.decode()
    assert "人未参加岗前培训" in page and reverse("staff:trainings") in page
    sibling = login(sibling_approver).get(reverse("staff:trainings"), {"lacking": "induction"})
    assert coordinator not in sibling.context["object_list"]
