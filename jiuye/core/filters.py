"""Filters shared by the lines of work."""

import django_filters
from django import forms

# The largest integer both databases store (a 64-bit signed integer).
BIGGEST = 2**63 - 1


class IntegerFilter(django_filters.NumberFilter):
    """A whole number (a year, a record's number, a count of days) within what the database
    stores: a larger one is bad input (400 in the API), not a server error."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", -BIGGEST)
        kwargs.setdefault("max_value", BIGGEST)
        super().__init__(*args, **kwargs)
