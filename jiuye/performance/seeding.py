"""Demo data of office performance: a plausible scheme of the province for street and township
offices and one for community and village offices (a plausible seed, not an official list),
one county's own scheme, each seeded county's reward budget and, at the demo scales, 历下区's
reward proposal of the last quarter (proposed and approved by the county's HR, waiting for
finance) and commendations."""

import datetime
from decimal import Decimal

from django.db.models import Q

from jiuye.core import workflow
from jiuye.core.registry import registry
from jiuye.core.scoping import subtree_q
from jiuye.core.seeding import demo_password
from jiuye.ledger.seeding import TODAY
from jiuye.performance import services
from jiuye.performance.choices import Honoree, Method, OfficeLevel
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.performance.periods import last_ended
from jiuye.performance.reward import KIND
from jiuye.regions.codes import Level, code_of_prefix, prefix_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.staff.models import Position, User
from jiuye.staff.roles import RoleCode
from jiuye.subsidies.models import Budget, Claim

T, B, D = Method.TARGET, Method.BEST, Method.DEDUCT
# (indicator, per, weight, method, target): a quarter's work of an office. Items whose
# indicator is not registered (yet) are left out.
TOWNSHIP_ITEMS = [
    ("posts_developed", "", 15, T, 20),
    ("vacancies_gathered", "", 10, T, 30),
    ("vacancies_filled", "", 10, B, None),
    ("referral_hires", "", 15, T, 20),
    ("hard_rate", "", 20, T, 60),
    ("zero_placed", "", 5, B, None),
    ("zero_over", "", 10, D, 5),
    ("services_recorded", "coordinators", 10, T, 30),
    ("complaints_on_time_rate", "", 5, T, 90),
]
VILLAGE_ITEMS = [
    ("posts_developed", "", 15, T, 3),
    ("vacancies_gathered", "", 10, T, 5),
    ("referral_hires", "", 15, T, 3),
    ("hard_rate", "", 20, T, 60),
    ("zero_placed", "", 5, B, None),
    ("zero_over", "", 10, D, 5),
    ("services_recorded", "coordinators", 20, T, 30),
    ("complaints_on_time_rate", "", 5, T, 90),
]
# 市中区 keeps its own scheme for its streets: more weight on hires through referral
OWN_COUNTY = "370103"
OWN_ITEMS = [
    ("posts_developed", "", 10, T, 20),
    ("vacancies_gathered", "", 10, T, 30),
    ("referral_hires", "", 30, B, None),
    ("hard_rate", "", 20, T, 60),
    ("zero_over", "", 10, D, 5),
    ("services_recorded", "coordinators", 15, T, 30),
    ("complaints_on_time_rate", "", 5, T, 90),
]
REWARD_BUDGET = Decimal("200000")  # yuan per county and year: a demo figure
NOTE = "演示用的合理设定，并非官方考核指标。"


def scheme(region_code, name, level, rows) -> None:
    if Scheme.objects.filter(region_id=region_code, year=TODAY.year, level=level).exists():
        return
    made = Scheme.objects.create(
        region_id=region_code, name=name, year=TODAY.year, level=level, note=NOTE
    )
    indicators = registry["indicators"]
    Item.objects.bulk_create(
        Item(scheme=made, indicator=code, per=per, weight=weight, method=method, target=target, order=index)
        for index, (code, per, weight, method, target) in enumerate(rows)
        if code in indicators and (not per or per in indicators)
    )  # fmt: skip


def proposer(county: Region) -> User:
    """The county's second HR worker, who prepares the reward proposal (the approver may not
    approve what they prepared)."""
    username = f"approver-{county.prefix}-2"
    user = User.objects.filter(username=username).first()
    if user is None:
        org = ServiceOrg.objects.get(region=county, kind="county_agency")
        position, _made = Position.objects.get_or_create(
            org=org,
            title="就业促进科经办人",
            defaults={"duties": "提出以奖代补方案，经办基层平台绩效考核。"},
        )
        user = User.objects.create(username=username, name="钱立新", org=org, position=position,
                                   started_on=datetime.date(2019, 3, 1),
                                   password=demo_password())  # fmt: skip
        user.roles.add(RoleCode.COUNTY_APPROVER)
    return user


def seed(context) -> None:
    province = code_of_prefix(prefix_of(code_of_prefix(context.scale.prefixes[0]), Level.PROVINCE))
    scheme(
        province,
        f"{TODAY.year}年街道（乡镇）劳动保障服务平台绩效考核方案",
        OfficeLevel.TOWNSHIP,
        TOWNSHIP_ITEMS,
    )
    scheme(
        province,
        f"{TODAY.year}年社区（村）劳动保障服务站绩效考核方案",
        OfficeLevel.VILLAGE,
        VILLAGE_ITEMS,
    )
    counties = Region.objects.filter(
        Q(*[subtree_q("code", prefix) for prefix in context.scale.prefixes], _connector=Q.OR),
        level=Level.COUNTY,
    )
    if counties.filter(code=code_of_prefix(OWN_COUNTY)).exists():
        scheme(
            code_of_prefix(OWN_COUNTY),
            f"市中区{TODAY.year}年街道绩效考核方案",
            OfficeLevel.TOWNSHIP,
            OWN_ITEMS,
        )
    have = set(
        Budget.objects.filter(year=TODAY.year, kind=KIND).values_list("region_id", flat=True)
    )
    Budget.objects.bulk_create(
        Budget(region=county, year=TODAY.year, kind=KIND, amount=REWARD_BUDGET, note="以奖代补资金（演示）")
        for county in counties if county.code not in have
    )  # fmt: skip
    if context.scale.name == "large" or not counties.filter(code="370102000000").exists():
        return
    demo(Region.objects.get(code="370102000000"))
    context.log(f"  {Scheme.objects.count()} schemes, {Commendation.objects.count()} commendations")


def demo(county: Region) -> None:
    """历下区: the reward proposal of the last quarter, proposed and approved by HR (waiting for
    finance), and the commendations of that quarter."""
    period = last_ended(TODAY)
    approver = User.objects.get(username=f"approver-{county.prefix}")
    if not Claim.objects.filter(kind=KIND, region=county).exists():
        worker = proposer(county)
        claim = services.reward_propose(actor=worker, period=period)
        if claim.lines.exists():
            workflow.fire(claim, "propose", actor=worker)
            workflow.fire(claim, "hr_approve", actor=approver)
    if not Commendation.objects.within(county.prefix).exists():
        services.commend_top(
            actor=approver, region=county, level=OfficeLevel.TOWNSHIP, period=period
        )
        reviewer = User.objects.get(username=f"reviewer-{county.prefix}001")
        services.commendation_create(
            actor=approver, honoree=Honoree.WORKER, office=reviewer.org, worker=reviewer,
            period=period.key, reason="本季度推荐成功人数居全区前列，窗口服务零投诉。",
        )  # fmt: skip
