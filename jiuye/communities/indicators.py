"""The indicators of full-employment communities (guideline 四): how many communities and
villages there are, how many met the standard in the month (from the monthly figures) and
their share against the 80 % target; titles in force and revoked."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from jiuye.communities.models import CommunityMonth, Title
from jiuye.core.indicators import Indicator, Query, grouped, merge
from jiuye.regions.codes import Level


def collect(query: Query) -> dict[str, dict]:
    months = (
        CommunityMonth.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(month=query.last.replace(day=1), region__level=Level.VILLAGE)
    )
    titles = Title.objects.visible_to(query.user).within(query.prefix)
    return merge(
        grouped(months, query.length, communities=Count("pk"),
                communities_at_target=Count("pk", filter=Q(at_target=True))),
        grouped(titles, query.length,
                titles_valid=Count("pk", filter=Q(granted_on__lte=query.last)
                                   & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=query.last))
                                   & Q(valid_until__gte=query.last)),
                titles_revoked=Count("pk", filter=Q(revoked_on__range=(query.first, query.last)))),
    )  # fmt: skip


SECTION = _("充分就业社区达标")
INDICATORS = (
    Indicator("communities", _("社区（村）数"), SECTION, collect, unit=_("个"), report="target",
              definition=_("当月计算了指标的社区和行政村"), at_date=True),
    Indicator("communities_at_target", _("达到充分就业标准"), SECTION, collect, unit=_("个"),
              report="target", at_date=True,
              definition=_("当月（进行中的月份为最近一次计算日）达到计入达标率的认定标准全部计算条件的社区（村）")),
    Indicator("communities_share", _("达标率"), SECTION, collect, unit="%", report="target",
              ratio=("communities_at_target", "communities"), at_date=True,
              definition=_("达到充分就业标准的社区（村）占总数的比例；目标见政策参数“充分就业社区达标率目标”")),
    Indicator("titles_valid", _("有效命名"), SECTION, collect, unit=_("个"), report="target",
              definition=_("期末有效的国家级示范社区、省级星级社区等命名"), at_date=True),
    Indicator("titles_revoked", _("期间撤销命名"), SECTION, collect, unit=_("个"), report="target",
              definition=_("期间经复查不合格撤销的命名"), at_date=True),
)  # fmt: skip
