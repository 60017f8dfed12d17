import datetime

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.views import EvidenceDownloadView, add_service_error
from jiuye.ledger.models import Person
from jiuye.visits import selectors, services
from jiuye.visits.choices import VisitKind, VisitResult
from jiuye.visits.forms import VisitForm
from jiuye.visits.models import VisitPhoto


class RoundView(PermissionRequiredMixin, generic.TemplateView):
    """The coordinator's round (走访): who is due a visit or contact today or this week, from
    every line of work, by village and building, each with why."""

    permission_required = "visits.view_visit"
    template_name = "visits/round.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        week = self.request.GET.get("when") != "today"
        until = today + datetime.timedelta(days=selectors.WEEK - 1) if week else today
        groups = selectors.round_for(self.request.user, today, until)
        return super().get_context_data(
            groups=groups, week=week, today=today, until=until,
            count=sum(len(stops) for _label, stops in groups), kinds=VisitKind.choices,
            results=VisitResult.choices, **kwargs,
        )  # fmt: skip


class PersonVisitView(PermissionRequiredMixin, generic.FormView):
    """One person of the round: the essentials (identity number masked, as in lists), what is
    due, the visits so far, and the form that records a visit."""

    permission_required = "visits.view_visit"
    template_name = "visits/person.html"
    form_class = VisitForm
    http_method_names = ["get", "post"]

    @cached_property
    def person(self):
        persons = Person.objects.visible_to(self.request.user).select_related("region", "household")
        return get_object_or_404(persons, pk=self.kwargs["person"])

    @cached_property
    def stop(self):
        return selectors.stop_for(self.request.user, self.person, timezone.localdate())

    def get_initial(self):
        return {"seen": self.stop.seen}

    def get_context_data(self, **kwargs):
        visits = self.person.visits.select_related("recorded_by").prefetch_related("photos")[:10]
        can_record = (
            self.request.user.has_perm("visits.add_visit")
            and Person.objects.editable_by(self.request.user).filter(pk=self.person.pk).exists()
        )
        return super().get_context_data(person=self.person, stop=self.stop, visits=visits, today=timezone.localdate(),
                                        can_record=can_record, **kwargs)  # fmt: skip

    def post(self, request, *args, **kwargs):
        assert self.person  # out of the jurisdiction: 404 before anything else
        if not request.user.has_perm("visits.add_visit"):
            return self.handle_no_permission()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["files"] = self.request.FILES or None
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            visit = services.visit_record(
                actor=self.request.user, person=self.person, on=data["on"], kind=data["kind"],
                result=data["result"], notes=data["notes"], next_step=data["next_step"],
                photo=data.get("photo"), seen=data["seen"],
            )  # fmt: skip
        except services.ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if visit.served:
            messages.success(
                self.request, _("已记录走访，计为：%(lines)s。") % {"lines": visit.served}
            )
        else:
            messages.success(self.request, _("已记录走访。"))
        return redirect("visits:round")


class PhotoDownloadView(EvidenceDownloadView):
    model = VisitPhoto
    permission_required = "visits.view_visit"
    purpose = _("查看走访照片")

    def persons(self, attachment):
        return [attachment.visit.person]
