"""One person, one plan: goals, measures, the printable agreement, and the person's assistance record."""

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jiuye.assistance import documents, selectors, services
from jiuye.assistance.forms import MeasureDoneForm, MeasureForm, PlanForm
from jiuye.assistance.models import AssistanceService, Identification, Measure, Plan
from jiuye.core.services import access_log
from jiuye.core.views import ScopedDetailView
from jiuye.ledger.models import Person
from jiuye.ledger.selectors import person_file


class PlanView(ScopedDetailView):
    """One person, one plan: goals, the agreement, and measures with their workers and deadlines."""

    model = Identification
    template_name = "assistance/plan.html"
    context_object_name = "case"

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        case = self.object
        plan = Plan.objects.filter(identification=case).first()
        editable = case.state == "identified" and self.may("assistance.change_plan")
        context = super().get_context_data(**kwargs)
        context.update(
            plan=plan, editable=editable, today=timezone.localdate(),
            measures=plan.measures.select_related("responsible") if plan else [],
            plan_form=kwargs.get("plan_form") or PlanForm(initial={
                "goals": plan.goals if plan else "", "agreement_signed_on": plan.agreement_signed_on if plan else None,
                "version": plan.version if plan else None}),
            measure_form=kwargs.get("measure_form") or (MeasureForm(plan=plan) if plan else None),
        )  # fmt: skip
        return context

    def post(self, request, *args, **kwargs):
        self.object = case = self.get_object()
        plan = Plan.objects.filter(identification=case).first()
        action = request.POST.get("action")
        try:
            if action == "plan":
                form = PlanForm(request.POST)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(plan_form=form))
                data = form.cleaned_data
                if plan is None:
                    services.plan_create(
                        actor=request.user,
                        identification=case,
                        goals=data["goals"],
                        agreement_signed_on=data["agreement_signed_on"],
                    )
                else:
                    services.plan_update(
                        actor=request.user,
                        plan=plan,
                        expected_version=data["version"] or 0,
                        goals=data["goals"],
                        agreement_signed_on=data["agreement_signed_on"],
                    )
            elif action == "measure" and plan is not None:
                form = MeasureForm(request.POST, plan=plan)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(measure_form=form))
                services.measure_add(actor=request.user, plan=plan, **form.cleaned_data)
            elif action == "done":
                measure = get_object_or_404(
                    Measure.objects.editable_by(request.user),
                    pk=request.POST.get("measure"),
                    plan__identification=case,
                )
                form = MeasureDoneForm(request.POST)
                if not form.is_valid():
                    raise ValidationError([e for errors in form.errors.values() for e in errors])
                services.measure_done(actor=request.user, measure=measure, **form.cleaned_data)
            else:
                raise BadRequest
        except ValidationError as error:
            messages.error(request, _("；").join(error.messages))
        else:
            messages.success(request, _("已保存。"))
        return redirect("assistance:plan", pk=case.pk)


class AgreementView(ScopedDetailView):
    """The printable assistance agreement (援助协议, A4)."""

    model = Plan
    permission_required = "assistance.print_card"

    def scope(self, queryset):
        return queryset.select_related("identification__person").prefetch_related(
            "identification__categories"
        )

    def get(self, request, *args, **kwargs):
        plan = self.get_object()
        access_log(
            actor=request.user, objs=[plan.identification.person], purpose=str(_("打印援助协议"))
        )
        return HttpResponse(documents.agreement_pdf(plan), content_type="application/pdf")


class RecordView(ScopedDetailView):
    """The person's assistance record on one page: the four kinds of information the guideline
    names — identification, employment status, services received, policies enjoyed."""

    model = Person
    template_name = "assistance/record.html"
    context_object_name = "person"
    permission_required = "assistance.view_identification"

    def get_context_data(self, **kwargs):
        person, user = self.object, self.request.user
        context = super().get_context_data(**kwargs)
        cases = (
            person.identifications.select_related("card")
            .prefetch_related("categories")
            .order_by("-applied_on")
        )
        services_given = AssistanceService.objects.filter(identification__person=person)
        registrations = person.registrations.select_related("certificate")
        context.update(  # the resident's file, earlier places included (ledger.selectors.file_scope)
            cases=person_file(person, user, cases),
            records=person_file(
                person, user, person.status_records.select_related("region").order_by("-since")
            ),
            services=person_file(
                person, user, services_given.select_related("worker", "identification")
            ),
            policies=selectors.policies_enjoyed(person),
            registrations=person_file(person, user, registrations.order_by("-applied_on")),
        )
        return context
