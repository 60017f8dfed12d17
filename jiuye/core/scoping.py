"""Jurisdiction: the one way every page, API endpoint, export, count and report gets records.

A user sees the subtree of the region of their service organisation. The test is a range on
the 12-digit region code that a record stores, so it runs on an ordinary B-tree index on
SQLite and PostgreSQL alike. It fails closed: an anonymous user, a user without an
organisation, or one whose organisation is inactive sees nothing.
"""

from django.db import models

from jiuye.core.history import RecordedQuerySet
from jiuye.regions.codes import ancestors, code_of_prefix, prefix_bounds

EVERYTHING = ""


def jurisdiction_prefix(user) -> str | None:
    """The region prefix a user may see; ``""`` means everything, ``None`` nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.jurisdiction_prefix


def subtree_q(field: str, prefix: str) -> models.Q:
    """``field`` holds a code of the subtree under ``prefix``: a range, so an index serves it.
    (Two comparisons, not ``__range``, which foreign keys do not support.)"""
    first, last = prefix_bounds(prefix)
    return models.Q(**{f"{field}__gte": first, f"{field}__lte": last})


def jurisdiction_q(user, field: str) -> models.Q:
    """The rows whose ``field`` (a region code, perhaps across a relation) lies in the user's
    jurisdiction: what an aggregate over a record read more widely may count of its parts (a
    province's round counts only the reader's own applications). Fails closed."""
    prefix = jurisdiction_prefix(user)
    return models.Q(pk__in=[]) if prefix is None else subtree_q(field, prefix)


class ScopedQuerySet(RecordedQuerySet):
    """A queryset whose records each belong to one region (and whose writes keep the change
    history, see ``core.history``).

    ``region_field`` names the lookup that holds the 12-digit region code of a record
    (``region_id`` for most models; a related path such as ``org__region_id`` works too).
    """

    region_field = "region_id"

    def within(self, prefix: str):
        """Records of the subtree under a region prefix (``""`` for all)."""
        if prefix == EVERYTHING:
            return self.all()
        return self.filter(subtree_q(self.region_field, prefix))

    def visible_to(self, user):
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        return self.within(prefix)

    def editable_by(self, user):
        """Records the user may change. Same as ``visible_to`` unless a model publishes more
        widely than it lets edit (published vacancies, for example)."""
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        return self.within(prefix)

    def below(self, user):
        """Records of the regions under the user's own region, not of that region itself.

        This is what a manager administers: a county manages the offices and staff of its
        townships and villages, not its own county offices, which the city manages."""
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == EVERYTHING:
            return self.all()
        return self.within(prefix).exclude(**{self.region_field: code_of_prefix(prefix)})


class DownwardQuerySet(ScopedQuerySet):
    """Records a level sets for the regions below it (the province's standards, its rounds of
    recognition): read in the subtree of their region, so by every level below and above it,
    and changed only inside the user's own jurisdiction, like any record."""

    def visible_to(self, user):
        prefix = jurisdiction_prefix(user)
        if prefix is None:
            return self.none()
        if prefix == EVERYTHING:
            return self.all()
        above = ancestors(code_of_prefix(prefix))
        return self.filter(
            models.Q(**{f"{self.region_field}__in": above}) | subtree_q(self.region_field, prefix)
        )


def can_edit(user, obj, *, scope: str = "editable_by") -> bool:
    """Whether ``user`` may change ``obj``, not only read it (a published vacancy of another
    county is read, not changed): one query. ``scope`` names the queryset method that gives
    what the user changes (``below`` for what a manager administers)."""
    return getattr(type(obj)._default_manager, scope)(user).filter(pk=obj.pk).exists()
