"""The indicators of public-welfare posts (programmes report): posts developed and filled,
persons placed."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, grouped, merge
from jiuye.posts.models import Placement, Post


def figures(query: Query) -> dict:
    """Posts developed (the post counts of the posts in force on the last day), persons on
    posts that day and persons placed during the period, by sub-region."""
    posts = Post.objects.visible_to(query.user).within(query.prefix).active_on(query.last)
    placements = Placement.objects.visible_to(query.user).within(query.prefix)
    started = placements.filter(started_on__range=(query.first, query.last))
    return merge(
        grouped(posts, query.length, posts_developed=Sum("posts")),
        grouped(placements.on(query.last), query.length, posts_filled=Count("pk")),
        grouped(started, query.length, posts_placed=Count("pk")),
    )


SECTION = _("公益性岗位")
INDICATORS = (
    Indicator("posts_developed", _("开发公益性岗位数"), SECTION, figures, unit=_("个"),
              definition=_("期末在期的公益性岗位的计划安置人数之和"), report="programmes", at_date=True),
    Indicator("posts_filled", _("在岗人数（月末）"), SECTION, figures, unit=_("人"),
              definition=_("期末在公益性岗位上的人数"), report="programmes", at_date=True),
    Indicator("posts_placed", _("当月新安置人数"), SECTION, figures, unit=_("人"),
              definition=_("期内安置上岗的人数"), report="programmes", at_date=True),
    Indicator("posts_fill_rate", _("岗位在岗率"), SECTION, figures, unit="%",
              definition=_("在岗人数占开发岗位数的百分比"), report="programmes",
              ratio=("posts_filled", "posts_developed"), at_date=True),
)  # fmt: skip
