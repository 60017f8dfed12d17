"""The public job board (公开招聘信息): published vacancies, no login, no personal data."""

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from django.views import generic

from jiuye.core.views import PagedListMixin
from jiuye.jobs.filters import BoardFilter
from jiuye.jobs.models import Vacancy
from jiuye.regions.models import region_path


@method_decorator(login_not_required, name="dispatch")
class BoardView(PagedListMixin, generic.ListView):
    """Public: the published vacancies of the province, searchable by place and occupation.
    Nothing about any seeker is on it."""

    template_name = "jobs/board.html"
    paginate_by = 30

    def get_queryset(self):
        self.filterset = BoardFilter(self.request.GET or None, queryset=Vacancy.objects.published(),
                                     request=self.request)  # fmt: skip
        queryset = self.filterset.qs if self.filterset.is_bound else Vacancy.objects.published()
        return queryset.select_related("employer", "occupation", "region").order_by(
            "-registered_on", "-pk"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class BoardDetailView(generic.DetailView):
    template_name = "jobs/board_detail.html"
    context_object_name = "vacancy"

    def get_queryset(self):
        return Vacancy.objects.published().select_related(
            "employer__industry", "occupation", "region"
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=region_path(self.object.region_id)[1:], **kwargs)
