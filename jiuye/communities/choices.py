from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardKind(models.TextChoices):
    FULL_EMPLOYMENT = "full_employment", _("充分就业社区")
    ENTREPRENEURIAL = "entrepreneurial", _("创业型街道（乡镇）、社区")


class Unit(models.TextChoices):
    """Whom a standard measures: communities and villages, or streets and townships."""

    COMMUNITY = "community", _("社区（村）")
    TOWNSHIP = "township", _("街道（乡镇）")


class Comparison(models.TextChoices):
    AT_LEAST = "at_least", "≥"
    AT_MOST = "at_most", "≤"
