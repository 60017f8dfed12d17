import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jiuye.assessment import prefill, services
from jiuye.assessment.choices import ScorerLevel
from jiuye.assessment.models import Assessment, Round
from jiuye.conftest import COUNTY
from jiuye.core import workflow
from jiuye.ledger.choices import LabourStatus
from jiuye.ledger.identity import check_character
from jiuye.ledger.services import person_create
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.services import registration_apply
from jiuye.staff.models import User

pytestmark = pytest.mark.django_db
C, T, K = ScorerLevel.COMMUNITY, ScorerLevel.TOWNSHIP, ScorerLevel.COUNTY


@pytest.fixture
def current():
    """历下区's round of this year, in scoring (the demo's)."""
    return Round.objects.get(region_id=COUNTY, year=timezone.localdate().year)


def of(round_, user):
    return Assessment.objects.select_related("round", "worker").get(round=round_, worker=user)


def test_each_level_scores_its_part_and_nobody_scores_themselves(
    current, coordinator, sibling_coordinator, reviewer, approver, sibling_approver
):
    village = of(current, coordinator)
    assert services.scorer_levels(reviewer, village) == [C, T]  # a village has one coordinator
    assert services.scorer_levels(approver, village) == [K]
    assert services.scorer_levels(coordinator, village) == []
    assert services.scorer_levels(sibling_coordinator, village) == []
    assert services.scorer_levels(sibling_approver, village) == []
    township = of(current, reviewer)
    assert township.levels == [T, K]
    assert services.scorer_levels(reviewer, township) == []
    assert services.scorer_levels(User.objects.get(username="reviewer-370102001-2"), township) == [
        T
    ]


def test_de_and_xiao_are_the_levels_scores_weighted(current, coordinator, reviewer, approver):
    assessment = of(current, coordinator)
    for actor, level, de, xiao in (
        (reviewer, C, 80, 70),
        (reviewer, T, 90, 80),
        (approver, K, 100, 90),
    ):
        services.score_save(actor=actor, assessment=assessment, level=level, de=de, xiao=xiao)
    assessment.refresh_from_db()
    # weights 30 / 30 / 40
    assert assessment.de == Decimal("91.0") and assessment.xiao == Decimal("81.0")
    services.score_save(actor=approver, assessment=assessment, level=K, de=50, xiao=90)
    assessment.refresh_from_db()
    assert assessment.de == Decimal("71.0")
    assert assessment.scores.get(level=K).history.count() == 2  # the earlier score is kept


def test_it_refuses_what_is_not_the_actors_to_do(
    current, coordinator, sibling_coordinator, reviewer, approver
):
    assessment = of(current, coordinator)
    other = of(current, User.objects.get(username="coordinator-370102001003"))
    with pytest.raises(PermissionDenied):
        services.self_assess(actor=coordinator, assessment=other, text="替别人写")
    with pytest.raises(ValidationError):
        services.self_assess(actor=coordinator, assessment=assessment, text="  ")
    with pytest.raises(PermissionDenied):
        services.score_save(actor=coordinator, assessment=assessment, level=C, de=100, xiao=100)
    with pytest.raises(ValidationError, match="该层级"):
        services.score_save(actor=reviewer, assessment=assessment, level=K, de=90, xiao=90)
    with pytest.raises(ValidationError, match="0到100"):
        services.score_save(actor=approver, assessment=assessment, level=K, de=101, xiao=90)
    with pytest.raises(ValidationError, match="理由"):
        services.adjust(actor=approver, assessment=assessment, dimension="ji", value=80)
    with pytest.raises(ValidationError):
        services.decide(actor=approver, assessment=assessment, decision="dismiss", note="不称职")


def test_an_adjustment_keeps_its_reason_and_can_go_back_to_the_prefilled(
    current, coordinator, approver
):
    assessment = of(current, coordinator)
    services.adjust(
        actor=approver, assessment=assessment, dimension="qin", value=95, reason="全年无缺勤"
    )
    assessment.refresh_from_db()
    assert (assessment.qin, assessment.qin_reason) == (Decimal(95), "全年无缺勤")
    services.adjust(actor=approver, assessment=assessment, dimension="qin", value=None)
    assessment.refresh_from_db()
    assert assessment.qin == assessment.qin_auto
    assert assessment.history.filter(qin_reason="全年无缺勤").exists()


def test_scores_are_entered_only_while_the_round_is_scoring(coordinator, approver):
    closed = Round.objects.get(region_id=COUNTY, year=timezone.localdate().year - 1)
    with pytest.raises(ValidationError, match="评分环节"):
        services.score_save(
            actor=approver, assessment=of(closed, coordinator), level=K, de=90, xiao=90
        )


def test_a_round_of_a_year_is_opened_once_and_its_scheme_must_add_up(approver, coordinator):
    year = timezone.localdate().year
    with pytest.raises(ValidationError, match="已经开启"):
        services.round_open(actor=approver, year=year)
    with pytest.raises(ValidationError, match="合计应为100"):
        services.round_open(actor=approver, year=year - 4, weight_de=30)
    with pytest.raises(PermissionDenied):
        services.round_open(actor=coordinator, year=year - 4)
    opened = services.round_open(actor=approver, year=year - 4)
    assert opened.weight_ji == 40 and opened.due_on is not None  # the county's last scheme


def test_prefilling_counts_with_the_same_queries_for_one_worker_as_for_all(current):
    assessments = list(current.assessments.select_related("worker").order_by("pk"))
    assert len(assessments) > 50
    shared = [a for a in assessments if a.worker.position and a.worker.position.targets.exists()][
        :1
    ]
    with CaptureQueriesContext(connection) as one:  # a worker whose post has targets: every count
        prefill.compute(current, shared)
    with CaptureQueriesContext(connection) as every:
        found = prefill.compute(current, assessments)
    # one count per work any of them needs, one each of the targets, their posts' holders and
    # the deadlines: bounded by the registered works, whatever the number of workers
    assert len(one) <= len(every) <= 3 + len(prefill.registry["work"])
    assert len(found) == len(assessments)


def test_deadlines_kept_are_the_steps_taken_by_their_due_date(coordinator):
    first, last = prefill.period(timezone.localdate().year)
    before = prefill.deadlines([coordinator.pk], first, last).get(coordinator.pk, (0, 0))
    body = "37010219850101" + "456"
    person, _household = person_create(
        actor=coordinator, id_number=body + check_character(body), name="考核测试员",
        region=coordinator.org.region, status=LabourStatus.UNEMPLOYED, status_since=datetime.date(2026, 1, 5),
        address="测试地址",
    )  # fmt: skip
    registration = registration_apply(
        actor=coordinator, person=person, kind=RegistrationKind.UNEMPLOYMENT,
        unemployed_since=datetime.date(2026, 1, 5), cause="resigned",
    )  # fmt: skip
    assert registration.due_on >= timezone.localdate()
    workflow.fire(registration, "first_approve", actor=coordinator)  # within its deadline
    taken, kept = prefill.deadlines([coordinator.pk], first, last)[coordinator.pk]
    assert (taken, kept) == (before[0] + 1, before[1] + 1)
