"""``{% load money %}``: ``{{ amount|yuan }}`` prints an amount of yuan as money, two decimals
with thousands separated ("2,039.42"; "—" for none); ``{{ wage|yuan:0 }}`` in whole yuan."""

from django import template

from jiuye.core import money

register = template.Library()


@register.filter
def yuan(value, places=2):
    if value in ("", None):
        return "—"
    return money.display(value, int(places))
