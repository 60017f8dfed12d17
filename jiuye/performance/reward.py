"""以奖代补 (guideline 十九): the reward of each street and township office, computed from its
score by a formula of parameters, within the county's budget for it, on the subsidy ledger as
its own kind (``performance_reward``, a kind ``proposed`` by the county: its lines name offices).

The county's HR office prepares the proposal of a period in the month after it (January for a
year, the quarter's next month for a quarter), proposes it, and the county's HR and then
finance approvers approve it as any claim; finance refuses it beyond the budget's balance (or
approves it by the override, with the reason). The top share of the county's offices by score
(``performance.reward_share``) earn the base amount and an amount per point; when that asks
for more than the budget's balance, every amount is reduced in the same proportion.
"""

import datetime
import math
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jiuye.core import parameters
from jiuye.performance.periods import Period, ended_before
from jiuye.performance.scoring import Score, number, ranking
from jiuye.regions.choices import OrgKind
from jiuye.regions.codes import Level, level_of
from jiuye.regions.models import Region, ServiceOrg
from jiuye.subsidies.kinds import Line, SubsidyKind
from jiuye.subsidies.models import Budget, ClaimLine
from jiuye.subsidies.selectors import budget_uses

KIND = "performance_reward"
FEN = Decimal("0.01")


@dataclass(frozen=True)
class Jurisdiction:
    """An office's jurisdiction in the shape the indicators' queries take a user: what a
    rule computing for the county reads (``core.scoping.jurisdiction_prefix``). No person is
    behind it; the rule runs only for a county office whose worker's permission was checked."""

    jurisdiction_prefix: str
    is_authenticated: bool = True
    is_active: bool = True
    is_superuser: bool = False


@dataclass(frozen=True)
class Award:
    score: Score
    org: ServiceOrg
    amount: Decimal
    words: str


def balance(county: Region, year: int) -> Decimal | None:
    """What the county's reward budget of ``year`` has left for a new proposal: its amount
    less what approved and pending proposals hold (None: no budget, not limited)."""
    budget = Budget.objects.filter(region=county, year=year, kind=KIND).first()
    if budget is None:
        return None
    use = budget_uses([budget])[budget.pk]
    return budget.amount - use.spent - use.pending


def awards(county: Region, period: Period, *, year: int, user=None) -> list[Award]:
    """The rewards of ``county``'s street and township offices for ``period``, paid from its
    budget of ``year``: the formula, then reduced to the balance if it asks for more."""
    on = period.last
    share = parameters.value("performance.reward_share", county.code, on)
    base = parameters.value("performance.reward_base", county.code, on)
    per_point = parameters.value("performance.reward_per_point", county.code, on)
    found = ranking(user or Jurisdiction(county.prefix), county, Level.TOWNSHIP, period).scores
    places = math.ceil(len(found) * share / 100)
    chosen = [score for score in found if score.rank <= places and score.total > 0]
    orgs = {
        org.region_id: org
        for org in ServiceOrg.objects.filter(
            region_id__in=[score.region.code for score in chosen],
            kind=OrgKind.TOWNSHIP_CENTRE,
            is_active=True,
        )
    }
    planned = [
        (score, base + per_point * score.total) for score in chosen if score.region.code in orgs
    ]
    wanted = sum((amount for _score, amount in planned), Decimal("0"))
    left = balance(county, year)
    factor = None if left is None or wanted <= left else max(left, Decimal("0")) / wanted
    result = []
    for score, amount in planned:
        words = _(
            "%(period)s绩效得分 %(total)s（满分 %(weight)s），全县第 %(rank)s 名（共 %(of)s 个），"
            "位于前 %(share)s%%：基础奖励 %(base)s 元 + 每分 %(per_point)s 元 × %(total)s = %(amount)s 元"
        ) % {
            "period": period, "total": score.total, "weight": number(score.weight),
            "rank": score.rank, "of": score.of, "share": share, "base": number(base),
            "per_point": number(per_point), "amount": amount.quantize(FEN),
        }  # fmt: skip
        if factor is not None:
            reduced = (amount * factor).quantize(FEN, ROUND_DOWN)
            words += _("；按预算余额 %(left)s 元等比例核减为 %(amount)s 元") % {
                "left": left.quantize(FEN), "amount": reduced,
            }  # fmt: skip
            amount = reduced
        result.append(Award(score, orgs[score.region.code], amount.quantize(FEN), words))
    return result


def period_of_claim(org: ServiceOrg, first: datetime.date) -> Period | None:
    """The period a proposal of the month beginning ``first`` rewards (None: none ended the
    day before, so that month proposes nothing)."""
    kind = parameters.value("performance.reward_period", org.region_id, first)
    return ended_before(first, kind)


def rule(org, first, last) -> list[Line]:
    """The rewards a county office proposes in the month of ``first``: those of the period
    that ended the day before, of the offices not rewarded for it already."""
    if level_of(org.region_id) != Level.COUNTY:
        return []
    period = period_of_claim(org, first)
    if period is None:
        return []
    paid = set(
        ClaimLine.objects.filter(kind=KIND, period=period.key, void=False).values_list(
            "office_id", flat=True
        )
    )
    return [
        Line(person_id=None, office_id=award.org.pk, region_id=award.org.region_id,
             period=period.key, amount=award.amount, explanation=award.words, source=award.org)
        for award in awards(org.region, period, year=first.year)
        if award.org.pk not in paid
    ]  # fmt: skip


def no_batch(prefix, first, last) -> set[int]:
    """The month-end batch prepares no reward: the county proposes it on its own page."""
    return set()


PERFORMANCE_REWARD = SubsidyKind(
    KIND, gettext_lazy("以奖代补（基层平台绩效奖励）"), rule, offices=no_batch, proposed=True
)
