"""Demo data of the platforms' funds (tiny and small): the budgets of the first streets of each
county of the scale (解放路街道 among them) for the data set's year and the year before, six
lines each over the three categories and four sources, what was spent against them month by
month (last year nearly all, this year up to the data set's day), one line of 解放路街道 spent
beyond its amount with the reason, and one community's budget funded by its county. Written
through the services, as the county's finance and the township's finance office would."""

import datetime
from decimal import Decimal

from jiuye.funds import services
from jiuye.funds.choices import Category, Source
from jiuye.funds.models import PlatformBudget, Spending
from jiuye.ledger.seeding import TODAY
from jiuye.regions.codes import Level, contains, prefix_of
from jiuye.regions.models import Region
from jiuye.staff.models import User

TOWNSHIPS_PER_COUNTY = {"tiny": 4, "small": 2}
OVERSPENT = "370102001000"  # 解放路街道: its project line of this year goes over, with a reason
COMMUNITY = "370102001006"  # 后坡街社区: a community platform the county funds
LINES = [  # category, source, title, amount (yuan) before the platform's own variation
    (Category.WORK, Source.OWN_BUDGET, "窗口办公及设备经费", 80_000),
    (Category.WORK, Source.TASK_FUNDS, "就业失业登记等下放事项工作经费", 30_000),
    (Category.STAFF, Source.OWN_BUDGET, "专职工作人员补贴", 120_000),
    (Category.STAFF, Source.PURCHASE, "购买劳动保障协理员服务", 60_000),
    (Category.PROJECT, Source.REWARD, "充分就业社区创建奖补", 50_000),
    (Category.PROJECT, Source.PURCHASE, "职业指导与专场招聘会服务", 40_000),
]
COMMUNITY_LINES = [
    (Category.WORK, Source.TASK_FUNDS, "社区服务站办公经费", 12_000),
    (Category.STAFF, Source.OWN_BUDGET, "社区协管员补贴", 36_000),
]
PURPOSES = {
    Category.WORK: ["购置办公用品", "服务窗口标识制作", "宽带及电话费", "打印复印耗材"],
    Category.STAFF: ["发放工作人员补贴", "支付协理员服务费"],
    Category.PROJECT: ["招聘会场地及宣传", "职业指导讲座", "创建工作奖补资金拨付"],
}


def seed(context) -> None:
    if context.scale.name not in TOWNSHIPS_PER_COUNTY or PlatformBudget.objects.exists():
        return
    years = (TODAY.year - 1, TODAY.year)
    count = 0
    for prefix in context.scale.prefixes:
        for each in Region.objects.within(prefix).filter(level=Level.COUNTY).order_by("code"):
            townships = Region.objects.filter(parent=each, level=Level.TOWNSHIP).order_by("code")
            for township in townships[: TOWNSHIPS_PER_COUNTY[context.scale.name]]:
                for year in years:
                    _platform(context, township, year, LINES)
                    count += 1
    community = Region.objects.filter(code=COMMUNITY).first()
    if community is not None and any(contains(p, community.code) for p in context.scale.prefixes):
        _platform(context, community, TODAY.year, COMMUNITY_LINES)
        count += 1
    context.log(f"  {count} platform budgets")


def _platform(context, region, year: int, lines) -> None:
    """The budget and its lines through the services; the spending, all within its line's
    amount, in bulk (demo data has no past); 解放路街道's spending beyond a line through the
    service, which asks for its reason."""
    rng = context.rng("funds", region.code, year)
    setter = User.objects.get(username=f"finance-{prefix_of(region.code, Level.COUNTY)}")
    spender = User.objects.get(
        username=f"township_finance-{prefix_of(region.code, Level.TOWNSHIP)}"
    )
    budget = services.budget_create(actor=setter, region=region, year=year,
                                    note=f"{year}年度基层就业服务平台经费")  # fmt: skip
    last_day = min(TODAY, datetime.date(year, 12, 31))
    share = 92 if year < TODAY.year else 70  # per cent of each line spent by the data set's day
    spending = []
    for category, source, title, amount in lines:
        amount = Decimal(amount * rng.randint(80, 120) // 100_000 * 1000)  # to the thousand
        line = services.line_add(actor=setter, budget=budget, category=category, source=source,
                                 title=title, amount=amount)  # fmt: skip
        payments = rng.randint(2, 3)
        for number in range(payments):
            month = min(last_day.month, 1 + (number + 1) * last_day.month // (payments + 1))
            spending.append(Spending(
                line=line, region_id=region.code, spent_on=min(datetime.date(year, month, rng.randint(1, 28)), last_day),
                amount=Decimal(int(amount * share * rng.randint(85, 100) / payments) // 1_000_000 * 100),
                purpose=rng.choice(PURPOSES[category]), voucher=f"记-{year}-{month:02d}-{rng.randint(1, 99):03d}",
                recorded_by=spender, recorded_on=last_day,
            ))  # fmt: skip
    Spending.objects.bulk_create(spending)
    if region.code == OVERSPENT and year == TODAY.year:  # its last line, 职业指导与专场招聘会服务
        over = budget.lines.get(title=LINES[-1][2])
        services.spending_add(
            actor=spender, line=over, spent_on=last_day, amount=over.amount, purpose="春风行动专场招聘会场地租赁及宣传",
            voucher=f"记-{year}-{last_day.month:02d}-088", over_reason="春风行动追加两场专场招聘会，追加预算已报县财政局审批",
        )  # fmt: skip
