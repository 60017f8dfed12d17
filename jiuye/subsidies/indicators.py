"""The indicators of the subsidies themselves: for each kind, the persons and the amount of
the lines of the period's approved claims, by the persons' regions (programmes report)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from jiuye.core.indicators import Indicator, Query, words
from jiuye.core.money import MONEY, yuan
from jiuye.regions.codes import prefix_sql
from jiuye.subsidies.models import ClaimLine

SECTION = _("补贴")


def collect(query: Query) -> dict[str, dict]:
    """Lines of the approved claims of the months from ``first`` to ``last``, by the person's
    region and kind."""
    lines = (
        ClaimLine.objects.visible_to(query.user)
        .within(query.prefix)
        .filter(void=False, claim__state="approved", claim__month__range=(query.first, query.last))
    )
    rows = (
        lines.annotate(group=prefix_sql("region_id", query.length))
        .values("group", "kind")
        .annotate(count=Count("pk"), amount=Sum("amount", output_field=MONEY))
        .order_by()
    )
    found: dict[str, dict] = {}
    for row in rows:
        found.setdefault(row["group"], {}).update(
            {
                f"{row['kind']}:count": row["count"],
                f"{row['kind']}:amount": yuan(row["amount"]),
            }
        )
    return found


def indicators_of(kind) -> tuple[Indicator, Indicator]:
    return (
        Indicator(f"{kind.code}:count", words(_("%(kind)s人数"), kind=kind.label), SECTION, collect,
                  unit=_("人"), definition=_("期内核准的补贴申报中该类补贴的人数"), report="programmes",
                  at_date=True),
        Indicator(f"{kind.code}:amount", words(_("%(kind)s金额（元）"), kind=kind.label), SECTION,
                  collect, unit=_("元"), definition=_("期内核准的补贴申报中该类补贴的金额"),
                  report="programmes", at_date=True),
    )  # fmt: skip
