"""Demo data of full-employment communities: the standards (the national demonstration
criteria of 2021 as reported, and a plausible Shandong set — the province's own star criteria
were not found, see docs), the monthly figures of every community, and at tiny and small a
closed round with titles and a re-check, and an open round with applications at every step."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jiuye.communities import evaluation, services
from jiuye.communities.choices import Comparison, StandardKind, Unit
from jiuye.communities.models import Application, CommunityMonth, Criterion, Round, Standard
from jiuye.core import workflow
from jiuye.core.workdays import months_before
from jiuye.regions.codes import Level, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User

AT_LEAST, AT_MOST = Comparison.AT_LEAST, Comparison.AT_MOST
WINDOW = ("设有标识明显的就业服务窗口", "服务窗口照片、标识牌照片")
WALL = ("工作职责、办事流程上墙公开", "职责和流程公示照片")
STAFF = ("工作人员持证上岗", "certified_rate", Comparison.AT_LEAST, "100")
THREE_YEARS = ("连续三年达到省级充分就业社区标准", "历年省级认定文件")

# (name, rank, target, source, [(label, indicator, comparison, threshold) or (label, evidence)])
FULL_EMPLOYMENT = (
    ("省级充分就业社区", 1, True, "山东省认定标准（示例：省厅标准未公开，按国家标准降档设定）", [
        ("劳动力就业率", "labour_rate", AT_LEAST, "90"),
        ("失业登记率", "registration_coverage", AT_LEAST, "80"),
        ("零就业家庭在时限内安置", "zero_over_limit", AT_MOST, "0"),
        ("台账动态更新（天）", "ledger_days", AT_MOST, "90"),
        WINDOW,
    ]),
    ("省级充分就业星级社区（三星）", 2, False, "山东省认定标准（示例）", [
        ("劳动力就业率", "labour_rate", AT_LEAST, "93"),
        ("失业登记率", "registration_coverage", AT_LEAST, "90"),
        ("就业困难人员就业率", "hard_rate", AT_LEAST, "90"),
        ("失业超过6个月的人员", "long_unemployed", AT_MOST, "2"),
        ("零就业家庭在时限内安置", "zero_over_limit", AT_MOST, "0"),
        ("台账动态更新（天）", "ledger_days", AT_MOST, "60"),
        WINDOW, WALL,
    ]),
    ("国家级充分就业示范社区", 3, False, "人力资源社会保障部第五批（2021）认定标准（据报道）", [
        ("有劳动能力和就业意愿人员就业率", "labour_rate", AT_LEAST, "95"),
        ("登记失业人员就业率", "registered_rate", AT_LEAST, "95"),
        ("就业困难人员就业率", "hard_rate", AT_LEAST, "95"),
        ("无失业6个月以上人员", "long_unemployed", AT_MOST, "0"),
        ("符合条件人员全部登记", "registration_coverage", AT_LEAST, "100"),
        ("零就业家庭认定后时限内有成员就业", "zero_over_limit", AT_MOST, "0"),
        ("台账动态更新（天）", "ledger_days", AT_MOST, "30"),
        WINDOW, WALL, STAFF, THREE_YEARS,
    ]),
)  # fmt: skip

ENTREPRENEURIAL = (
    ("创业型社区", 1, False, "山东省创业型社区认定标准（示例：省厅标准未公开）", [
        ("接受“1+3”服务的创业者", "entrepreneurs_served", AT_LEAST, "3"),
        ("成功开业", "businesses_started", AT_LEAST, "1"),
        ("带动就业", "jobs_created", AT_LEAST, "2"),
        ("无逾期贷款", "loan_overdue", AT_MOST, "0"),
        ("设有创业服务窗口和创业项目库", "创业服务窗口照片、项目库清单"),
    ]),
)  # fmt: skip
ENTREPRENEURIAL_STREETS = (
    ("创业型街道（乡镇）", 1, False, "山东省创业型街道（乡镇）认定标准（示例）", [
        ("接受“1+3”服务的创业者", "entrepreneurs_served", AT_LEAST, "20"),
        ("成功开业", "businesses_started", AT_LEAST, "5"),
        ("带动就业", "jobs_created", AT_LEAST, "15"),
        ("发放小额担保贷款", "loans_granted", AT_LEAST, "2"),
        ("无逾期贷款", "loan_overdue", AT_MOST, "0"),
        ("建立创业孵化或服务平台", "平台照片、入驻企业名单"),
    ]),
)  # fmt: skip


def seed(context) -> None:
    if Standard.objects.exists():
        return
    province = Region.objects.filter(level=Level.PROVINCE).order_by("code").first()
    if province is None:
        return
    _standards(province, StandardKind.FULL_EMPLOYMENT, Unit.COMMUNITY, 2021, FULL_EMPLOYMENT)
    _standards(province, StandardKind.ENTREPRENEURIAL, Unit.COMMUNITY, 2026, ENTREPRENEURIAL)
    _standards(province, StandardKind.ENTREPRENEURIAL, Unit.TOWNSHIP, 2026, ENTREPRENEURIAL_STREETS)
    today = timezone.localdate()
    months = 2 if context.scale.name == "large" else 12
    for back in range(months - 1, -1, -1):
        evaluation.snapshot(months_before(today.replace(day=1), back))
    context.log(f"  {months} months of community figures")
    if context.scale.name != "large":
        _recognition(context, province, today)


def _standards(province, kind, unit, edition, table) -> None:
    for name, rank, target, source, criteria in table:
        standard = Standard.objects.create(region=province, name=name, kind=kind, unit=unit,
                                           edition=edition, rank=rank, is_target=target, source=source)  # fmt: skip
        for position, item in enumerate(criteria, start=1):
            if len(item) == 2:
                Criterion.objects.create(standard=standard, position=position, label=item[0],
                                         evidence=item[1])  # fmt: skip
            else:
                label, indicator, comparison, threshold = item
                Criterion.objects.create(standard=standard, position=position, label=label,
                                         indicator=indicator, comparison=comparison,
                                         threshold=Decimal(threshold))  # fmt: skip


def _user(role: str, code: str) -> User | None:
    return User.objects.filter(username=f"{role}-{code}").first()


def _recognition(context, province, today) -> None:
    """A round of last year, decided, whose titles a re-check this year keeps or revokes; and
    this year's open round with applications at every step."""
    admin = _user("province", "37")
    villages = _staffed_villages()
    if admin is None or len(villages) < 14:
        return
    standards = list(Standard.objects.filter(kind=StandardKind.FULL_EMPLOYMENT).order_by("rank"))
    titled, meeting, failing = _titled(villages, standards, today)
    past = Round.objects.create(
        region=province,
        name=f"{today.year - 1}年度充分就业社区评定",
        kind=StandardKind.FULL_EMPLOYMENT,
        year=today.year - 1,
        opens_on=today,
        closes_on=today,
        opened_by=admin,
    )  # open while applying
    # Last year's: recognised (three that still meet the standard, one that no longer does,
    # which the re-check revokes), rejected, withdrawn.
    others = [village for village in villages if village not in meeting[:3] + failing[:1]]
    for village in meeting[:3] + failing[:1]:
        _apply(past, village, titled, "recognise")
    _apply(past, others[0], standards[0], "reject")
    _apply(past, others[1], standards[0], "withdraw")
    past.opens_on, past.closes_on = (
        datetime.date(today.year - 1, 3, 1),
        datetime.date(today.year - 1, 6, 30),
    )
    past.save()
    services.recheck_start(actor=admin, region=province, name=f"{today.year}年充分就业社区复查",
                           kind=StandardKind.FULL_EMPLOYMENT)  # fmt: skip
    # This year's, at every step.
    current = services.round_open(actor=admin, region=province, name=f"{today.year}年度充分就业社区评定",
                                  kind=StandardKind.FULL_EMPLOYMENT, year=today.year,
                                  closes_on=today + datetime.timedelta(days=45))  # fmt: skip
    steps = [
        "draft",
        "returned",
        "township_review",
        "county_review",
        "city_review",
        "province_review",
    ]
    for village, step in zip(others[2:], steps, strict=False):
        _apply(current, village, standards[0], step)
    context.log(f"  2 rounds, {Application.objects.count()} applications")


def _titled(villages, standards, today):
    """The highest standard that at least three of ``villages`` meet this month, and the
    villages that meet it and that miss it."""
    kept = {row.region_id: row.met for row in
            CommunityMonth.objects.filter(month=today.replace(day=1), region__in=villages)}  # fmt: skip
    for standard in reversed(standards):
        meeting = [village for village in villages if standard.pk in kept.get(village.code, [])]
        if len(meeting) >= 3:
            break
    failing = [village for village in villages if village not in meeting]
    return standard, meeting, failing


def _staffed_villages() -> list[Region]:
    """The villages whose coordinator has an account (the demo's staffed subtrees), but not
    解放桥社区, which the tests use as they please."""
    codes = User.objects.filter(org__region__level=Level.VILLAGE, is_active=True).values(
        "org__region_id"
    )
    return list(Region.objects.filter(code__in=codes).exclude(code="370102001002").order_by("code"))


PATH = {  # the transitions from submission to each step, and who fires them
    "township_review": [],
    "county_review": [("township_approve", "reviewer", Level.TOWNSHIP)],
    "city_review": [("county_approve", "approver", Level.COUNTY)],
    "province_review": [("city_recommend", "city", Level.CITY)],
    "recognise": [("recognise", "province", Level.PROVINCE)],
}
ORDER = ["township_review", "county_review", "city_review", "province_review", "recognise"]


def _apply(round, village, standard, step) -> None:
    coordinator = _user("coordinator", village.code)
    application = services.application_create(
        actor=coordinator, round=round, region=village, standard=standard,
        self_assessment="社区设有就业服务窗口，台账按月更新，困难人员一人一档、一对一援助。",
    )  # fmt: skip
    if step == "draft":
        return
    if step == "withdraw":
        workflow.fire(
            application, "withdraw", actor=coordinator, comment="今年条件尚不成熟，撤回申报"
        )
        return
    services.attachment_add(actor=coordinator, application=application, title="服务窗口照片",
                            file=_photo())  # fmt: skip
    services.application_submit(actor=coordinator, application=application)
    if step == "returned":
        reviewer = _user("reviewer", prefix_of(village.code, Level.TOWNSHIP))
        workflow.fire(application, "township_return", actor=reviewer, comment="请补充职责上墙照片")
        return
    if step == "reject":
        reviewer = _user("reviewer", prefix_of(village.code, Level.TOWNSHIP))
        workflow.fire(application, "reject", actor=reviewer, comment="劳动力就业率未达标准")
        return
    for stage in ORDER[: ORDER.index(step) + 1]:
        for transition, role, level in PATH[stage]:
            actor = _user(role, prefix_of(village.code, level))
            workflow.fire(application, transition, actor=actor, comment="经审核，同意")


def _photo():
    from django.core.files.base import ContentFile

    # the smallest valid PNG: one transparent pixel
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
    )
    return ContentFile(png, name="window.png")
