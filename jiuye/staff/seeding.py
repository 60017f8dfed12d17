"""Demo data: staff accounts named ``<role>-<region prefix>`` at every seeded organisation."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from jiuye.core.registry import registry
from jiuye.core.seeding import demo_password
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, ancestor, prefix_of
from jiuye.regions.models import ServiceOrg
from jiuye.regions.seeding import scale_regions
from jiuye.staff.models import (
    Employment,
    Pairing,
    PairingReason,
    Position,
    PositionTarget,
    StaffCertificate,
    StaffTraining,
    Target,
    TrainingKind,
    User,
)
from jiuye.staff.roles import RoleCode

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红梅玉志海燕宏晓东立新文博涵欣浩然思远佳怡鹏飞雪琳慧颖"

# (role, username suffix, post, duties) of the staff each kind of organisation gets.
STAFF_PLAN = {
    OrgKind.VILLAGE_STATION: [
        (
            RoleCode.COORDINATOR,
            "",
            "劳动保障协管员",
            "人力资源调查统计与基础台账动态管理；受理就业失业登记并初审；就业援助对象上门服务。",
        ),
    ],
    OrgKind.TOWNSHIP_CENTRE: [
        (
            RoleCode.TOWNSHIP_REVIEWER,
            "",
            "就业服务窗口负责人",
            "审核、上报就业失业登记与就业困难人员认定资料；组织辖区就业援助。",
        ),
        (
            RoleCode.TOWNSHIP_REVIEWER,
            "-2",
            "就业服务窗口经办人",
            "职业指导、职业介绍、岗位开发与培训组织。",
        ),
        # the township's finance office (财政所), which pays the township's own subsidies
        (
            RoleCode.TOWNSHIP_FINANCE,
            "",
            "财政所会计",
            "复核由街道（乡镇）本级财政拨付的就业补贴。",
        ),
    ],
    OrgKind.COUNTY_AGENCY: [
        (
            RoleCode.COUNTY_APPROVER,
            "",
            "就业促进科科长",
            "审批登记认定，核发证卡，审核补贴，指导监督基层平台。",
        ),
        (RoleCode.INSPECTOR, "", "督查专员", "督查基层就业工作，查阅台账与统计。"),
    ],
    OrgKind.COUNTY_FINANCE: [
        (RoleCode.COUNTY_FINANCE, "", "社会保障科科员", "复核就业补贴资金拨付。")
    ],
    OrgKind.CITY_AGENCY: [
        (RoleCode.CITY_OFFICER, "", "就业援助科科员", "全市就业援助信息统一管理与统计分析。"),
        (RoleCode.INSPECTOR, "", "督查专员", "督查各县（市、区）就业工作。"),
    ],
    OrgKind.PROVINCE_DEPARTMENT: [
        (
            RoleCode.PROVINCE_ADMIN,
            "",
            "就业促进处系统管理员",
            "制定政策参数与补贴标准，管理全省账号与日历。",
        ),
        (RoleCode.INSPECTOR, "", "督查专员", "督查全省基层就业工作。"),
    ],
}

CERTIFICATE_ROLES = {RoleCode.COORDINATOR, RoleCode.TOWNSHIP_REVIEWER}


def person_name(rng) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def mobile(rng) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"


def certificate_for(user: User, role: RoleCode, rng) -> StaffCertificate:
    issued = datetime.date(2016, 1, 1) + datetime.timedelta(days=rng.randint(0, 365 * 10))
    if (issued.month, issued.day) == (2, 29):
        issued -= datetime.timedelta(days=1)
    if role == RoleCode.COORDINATOR:
        name, expires = "劳动保障协理员职业资格证书", None
    else:
        name, expires = "基层公共就业服务人员培训合格证书", issued.replace(year=issued.year + 5)
    return StaffCertificate(
        user=user,
        name=name,
        number=f"{user.username.split('-', 1)[1].replace('-', '')}{issued:%Y}",
        issuer="山东省人力资源和社会保障厅",
        issued_on=issued,
        expires_on=expires,
    )


# how each kind of office's workers are employed, with the odds (guideline 七)
EMPLOYMENT_ODDS = {
    OrgKind.VILLAGE_STATION: [(Employment.SPECIAL_POST, 6), (Employment.PART_TIME, 3), (Employment.FULL_TIME, 1)],
}  # fmt: skip
# (indicator, the worker's own count of it) of the yearly targets of townships and villages
TARGETS = [
    ("services_recorded", "assistance_services"),
    ("referral_hires", "referral_hires"),
    ("vacancies_gathered", "vacancies_registered"),
]
TARGETED = (OrgKind.TOWNSHIP_CENTRE, OrgKind.VILLAGE_STATION)


def started(rng, today) -> datetime.date:
    return today - datetime.timedelta(days=rng.randint(60, 365 * 12))


def trainings_of(user: User, rng, today) -> list[StaffTraining]:
    """Induction when the worker took up the post, and a yearly training of serving staff; a
    few lack one or the other, so the lists of who lacks them have names on them."""
    found = []
    if rng.random() > 0.05:
        day = user.started_on - datetime.timedelta(days=rng.randint(5, 20))
        found.append(StaffTraining(user=user, kind=TrainingKind.INDUCTION, title="基层就业社保服务人员岗前培训",
                                   organiser="县人力资源和社会保障局", started_on=day,
                                   ended_on=day + datetime.timedelta(days=2), hours=24))  # fmt: skip
    for year in range(max(user.started_on.year + 1, today.year - 2), today.year + 1):
        if year == today.year and rng.random() < 0.15:
            continue
        day = datetime.date(
            year, rng.randint(3, min(today.month, 11) if year == today.year else 11), 10
        )
        if day > today:
            continue
        found.append(StaffTraining(user=user, kind=TrainingKind.SERVING, title=f"{year}年就业政策与业务轮训",
                                   organiser="市公共就业和人才服务中心", started_on=day,
                                   ended_on=day + datetime.timedelta(days=1), hours=12, passed=rng.random() > 0.03))  # fmt: skip
    return found


@transaction.atomic
def seed(context) -> None:
    password = demo_password()
    today = timezone.localdate()
    codes = {region.code for region in scale_regions(context.scale)}
    orgs = [org for org in ServiceOrg.objects.order_by("region_id", "pk") if org.region_id in codes]
    existing = set(User.objects.values_list("username", flat=True))
    positions = {(p.org_id, p.title): p for p in Position.objects.filter(org__in=orgs)}
    new_positions = []
    for org in orgs:
        for _role, _suffix, title, duties in STAFF_PLAN[OrgKind(org.kind)]:
            if (org.pk, title) not in positions:
                positions[org.pk, title] = Position(org=org, title=title, duties=duties)
                new_positions.append(positions[org.pk, title])
    Position.objects.bulk_create(new_positions, batch_size=2000)
    planned = []  # (user, role)
    for org in orgs:
        prefix = prefix_of(org.region_id)
        odds = EMPLOYMENT_ODDS.get(OrgKind(org.kind), [(Employment.FULL_TIME, 1)])
        for role, suffix, title, _duties in STAFF_PLAN[OrgKind(org.kind)]:
            username = f"{role.value}-{prefix}{suffix}"
            if username in existing:
                continue
            rng = context.rng("staff", username)
            user = User(
                username=username,
                name=person_name(rng),
                org=org,
                position=positions[org.pk, title],
                employment=rng.choices([kind for kind, _ in odds], [weight for _, weight in odds])[
                    0
                ],
                started_on=started(rng, today),
                phone=mobile(rng),
                password=password,
            )
            planned.append((user, role, rng))
    User.objects.bulk_create([user for user, _, _ in planned], batch_size=2000)
    Through = User.roles.through
    Through.objects.bulk_create(
        [Through(user_id=user.pk, role_id=role.value) for user, role, _ in planned], batch_size=5000
    )
    StaffCertificate.objects.bulk_create(
        [
            certificate_for(user, role, rng)
            for user, role, rng in planned
            if role in CERTIFICATE_ROLES
        ],
        batch_size=5000,
    )
    StaffTraining.objects.bulk_create(
        [training for user, _, rng in planned for training in trainings_of(user, rng, today)],
        batch_size=5000,
    )
    _pairings(context, orgs, today)
    if "admin" not in existing:
        User.objects.create_superuser("admin", password=None, name="系统管理员")
        User.objects.filter(username="admin").update(password=password)
    context.log(f"Created {len(planned)} staff accounts.")


def targets(context) -> None:
    """This year's targets of the townships and villages, broken down to the posts whose
    holders record the work. Run once the lines of work have recorded the year (a county sets
    them from what each office achieved): an office's target is its holders' work of the year
    so far, projected to the whole year, give or take a quarter; a post's share is its
    holders' part of it. An office that records none of a work gets no target for it."""
    today = timezone.localdate()
    first = datetime.date(today.year, 1, 1)
    codes = {region.code for region in scale_regions(context.scale)}
    offices = [org for org in ServiceOrg.objects.filter(kind__in=TARGETED, is_active=True).order_by("region_id")
               if org.region_id in codes]  # fmt: skip
    if Target.objects.filter(org__in=offices, year=today.year).exists():
        return
    holders = {}  # position id → the active accounts holding it
    for user in User.objects.filter(
        org__in=offices, is_active=True, position__isnull=False
    ).select_related("position"):
        holders.setdefault(user.position, []).append(user.pk)
    ids = [pk for group in holders.values() for pk in group]
    done = {}
    for _indicator, code in TARGETS:
        counts = {}
        for start in range(0, len(ids), 5000):
            counts.update(registry["work"][code].count(ids[start : start + 5000], first, today))
        done[code] = counts
    year_share = Decimal((today - first).days + 1) / Decimal(365)
    by_office: dict[int, list] = {}
    for position, users in holders.items():
        by_office.setdefault(position.org_id, []).append((position, users))
    made, shares = [], []
    for org in offices:
        rng = context.rng("targets", org.region_id)
        for indicator, code in TARGETS:
            parts = [
                (position, sum(done[code].get(pk, 0) for pk in users))
                for position, users in by_office.get(org.pk, [])
            ]
            parts = [
                (position, n / year_share * Decimal(rng.uniform(0.8, 1.25)))
                for position, n in parts
                if n
            ]
            if not parts:
                continue
            values = [max(Decimal(1), value.quantize(Decimal(1))) for _position, value in parts]
            target = Target(org=org, year=today.year, indicator=indicator, value=sum(values))
            made.append(target)
            shares += [PositionTarget(target=target, position=position, work=code, value=value)
                       for (position, _n), value in zip(parts, values, strict=True)]  # fmt: skip
    Target.objects.bulk_create(made, batch_size=5000)
    PositionTarget.objects.bulk_create(shares, batch_size=5000)
    context.log(f"  {len(made)} yearly targets of offices, {len(shares)} shares of posts")


def _pairings(context, orgs, today) -> None:
    """Each county's approver stays with two of its villages, one doing well and one behind,
    and each city's officer with two of its townships (对口联系、联系蹲点)."""
    if Pairing.objects.exists():
        return
    roles = (RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER)
    workers = {
        user.org_id: user for user in User.objects.filter(org__in=orgs, roles__code__in=roles)
    }
    below = {OrgKind.COUNTY_AGENCY: (OrgKind.VILLAGE_STATION, Level.COUNTY),
             OrgKind.CITY_AGENCY: (OrgKind.TOWNSHIP_CENTRE, Level.CITY)}  # fmt: skip
    offices: dict[tuple, list] = {}
    for org in orgs:
        for kind, level in below.values():
            if org.kind == kind:
                offices.setdefault((kind, ancestor(org.region_id, level)), []).append(org)
    pairings = []
    for org in orgs:
        worker = workers.get(org.pk)
        if worker is None or org.kind not in below:
            continue
        rng = context.rng("pairing", org.region_id)
        candidates = offices.get((below[org.kind][0], org.region_id), [])
        for reason, chosen in zip(
            PairingReason, rng.sample(candidates, min(2, len(candidates))), strict=False
        ):
            start = today - datetime.timedelta(days=rng.randint(30, 300))
            pairings.append(Pairing(worker=worker, org=chosen, reason=reason, started_on=start,
                                    note="每月到站蹲点不少于2天，指导台账管理和就业援助。"))  # fmt: skip
    Pairing.objects.bulk_create(pairings, batch_size=2000)
