"""The ledger's statistics page of a region and a day, and its Excel download."""

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from jiuye.core.excel import table_response
from jiuye.regions.selectors import asked_day, asked_region, visible_path
from jiuye.statistics.figures import export_table, figures_of
from jiuye.statistics.forms import StatisticsForm


class StatisticsView(PermissionRequiredMixin, generic.TemplateView):
    """Labour resources, transfer, the registered unemployed, job introduction and the
    hard-to-employ persons' employment of a region (``?region=``, by default the top of the
    user's jurisdiction; outside it, 404) on a day (``?on=``, by default today), by sub-region:
    each sub-region opens its own page for the same day."""

    permission_required = "statistics.view_statistics"
    template_name = "statistics/index.html"

    @cached_property
    def figures(self):
        user, asked = self.request.user, self.request.GET
        return figures_of(user, asked_region(user, asked.get("region")), asked_day(asked.get("on")))

    def get_context_data(self, **kwargs):
        found, user = self.figures, self.request.user
        form = StatisticsForm(user=user, initial={"region": found.region.code, "on": found.day})
        return super().get_context_data(
            found=found, form=form, path=visible_path(user, found.region), **kwargs
        )


class StatisticsExportView(StatisticsView):
    """The same figures as one Excel sheet: a row per sub-region and the total, a column per
    figure."""

    def get(self, request, *args, **kwargs):
        found = self.figures
        title = _("%(region)s 台账统计 %(day)s（期间指标为%(first)s至%(day)s）") % {
            "region": found.region.name, "day": found.day, "first": found.first,
        }  # fmt: skip
        return table_response(
            f"statistics-{found.region.code}-{found.day}", title, export_table(found)
        )
