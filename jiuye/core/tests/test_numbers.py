"""Numbers in reports read as numbers in both languages: counts grouped by thousands with a
comma (``intcomma``; Django's own Chinese formats group nothing, jiuye/formats sets the comma),
money exact to the fen (``yuan``), and the figures of an indicators table right-aligned."""

import datetime
import re
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils import translation

from jiuye.core.indicators import Indicator, Row, Table
from jiuye.regions.models import Region

DAY = datetime.date(2026, 10, 31)
FIGURES = Template("{% load humanize money %}{{ count|intcomma }} {{ amount|yuan }} {{ ratio }}")


def no_figures(query):
    return {}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_counts_are_grouped_by_thousands_and_money_stays_exact(language):
    with translation.override(language):
        shown = FIGURES.render(
            Context({"count": 1234567, "amount": Decimal("9876543.21"), "ratio": Decimal("85.5")})
        )
    assert shown == "1,234,567 9,876,543.21 85.5"
    with translation.override(language):  # a sum that came back as a float is rounded, not cut
        assert FIGURES.render(Context({"count": 0, "amount": 2039.4249999999997})).startswith(
            "0 2,039.42"
        )


def test_an_indicators_table_prints_its_figures_grouped_and_right_aligned():
    people = Indicator("people", "人数", "测试", no_figures, unit="人")
    amount = Indicator("amount", "金额", "测试", no_figures, unit="元")
    county = Region(code="370102000000", name="历下区")
    street = Region(code="370102001000", name="解放路街道")
    values = {"people": 12345, "amount": Decimal("1234567.80")}
    cells = [(people, values["people"]), (amount, values["amount"])]
    rows, total = [Row(street, values, cells=cells)], Row(None, values, cells=cells)
    report = Table(county, DAY, DAY, [("测试", [people, amount])], rows, total)
    with translation.override("zh-hans"):
        html = render_to_string(
            "includes/indicator_table.html", {"report": report, "key": "month", "period": "2026-10"}
        )
    cells = re.findall(r'<td class="num">([^<]*)</td>', html)
    assert cells == ["12,345", "1,234,567.80"]
    assert (
        '<td class="region"><a href="?region=370102001000&amp;month=2026-10">解放路街道</a>' in html
    )
    assert '<div class="wide">' in html and 'class="list report"' in html
