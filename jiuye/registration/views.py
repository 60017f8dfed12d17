from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.services import access_log
from jiuye.core.views import (
    FireView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
    WorkflowDetailView,
)
from jiuye.ledger.models import Person
from jiuye.ledger.views import ResidentMixin
from jiuye.registration import services
from jiuye.registration.certificate import certificate_pdf
from jiuye.registration.choices import RegistrationKind
from jiuye.registration.filters import RegistrationFilter, UnemployedFilter
from jiuye.registration.forms import ContactForm, DeregisterForm, RegistrationForm
from jiuye.registration.models import Registration


class RegistrationListView(ScopedListView):
    model = Registration
    filterset_class = RegistrationFilter
    template_name = "registration/registration_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("登记类别"), "get_kind_display"), Column(_("申请日期"), "applied_on"),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("当前环节"), "state_label"), Column(_("办理时限"), "due_on"), Column(_("注销日期"), "ended_on"),
    ]  # fmt: skip
    sort_fields = {"applied_on": "applied_on", "due_on": "due_on", "region": "region_id"}
    default_sort = "-applied_on"

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class UnemployedListView(ScopedListView):
    """The registered unemployed, longest without contact first (定期联系)."""

    model = Registration
    filterset_class = UnemployedFilter
    template_name = "registration/unemployed_list.html"
    export_name, export_file = _("登记失业人员"), "unemployed"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("登记日期"), "approved_on"), Column(_("最近联系"), "last_contact_on"),
        Column(_("未联系天数"), "days_since_contact"),
    ]  # fmt: skip
    sort_fields = {"last": "last", "name": "person__name_initials", "approved_on": "approved_on"}
    default_sort = "last"

    def scope(self, queryset):
        return queryset.registered_unemployed().with_last_contact().with_person()

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class RegistrationCreateView(ResidentMixin, ServiceFormMixin, generic.CreateView):
    """Accept an application (受理) for a resident of the ledger."""

    model = Registration
    form_class = RegistrationForm
    permission_required = "registration.add_registration"
    template_name = "registration/registration_form.html"
    success_message = _("已受理，待初审。")

    @cached_property
    def kind(self):
        kind = self.kwargs["kind"]
        if kind not in RegistrationKind.values:
            raise Http404
        return kind

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return {**kwargs, "kind": self.kind}

    def get_initial(self):
        return {"applied_on": timezone.localdate(), "last_employer": self.person.employer}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_label=RegistrationKind(self.kind).label, **kwargs)

    def save(self, form):
        return services.registration_apply(
            actor=self.request.user, person=self.person, kind=self.kind, **form.cleaned_data
        )

    def get_success_url(self):
        return reverse("registration:detail", args=[self.object.pk])


class RegistrationUpdateView(ServiceUpdateMixin, generic.UpdateView):
    """Correct an application while it is still at the community's first review."""

    model = Registration
    form_class = RegistrationForm
    permission_required = "registration.first_review"
    template_name = "registration/registration_form.html"
    success_message = _("申请已修改。")
    update, record = staticmethod(services.registration_update), "registration"

    def scope(self, queryset):
        return queryset.select_related("person")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user", None)
        return {**kwargs, "kind": self.object.kind}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.object.person, kind_label=self.object.get_kind_display(), **kwargs
        )


class RegistrationDetailView(WorkflowDetailView):
    model = Registration
    template_name = "registration/registration_detail.html"
    context_object_name = "registration"

    def scope(self, queryset):
        return queryset.select_related(
            "person", "region", "certificate", "ended_by"
        ).with_last_contact()

    def get_context_data(self, **kwargs):
        registration, user = self.object, self.request.user
        context = super().get_context_data(**kwargs)
        context.update(
            today=timezone.localdate(),
            contacts=registration.contacts.select_related("by"),
            contact_form=kwargs.get("contact_form")
            or ContactForm(initial={"on": timezone.localdate()}),
            deregister_form=kwargs.get("deregister_form")
            or DeregisterForm(initial={"on": timezone.localdate()}),
            can_edit=registration.workflow.is_editable(registration.state)
            and self.may("registration.first_review"),
            can_contact=registration.is_registered_unemployed
            and self.may("registration.add_contact"),
            can_deregister=registration.is_registered_unemployed
            and self.may("registration.deregister_registration"),
            history=timeline(registration.history.all(), viewer=user),
        )
        return context


class TransitionView(FireView):
    model = Registration


class ContactView(ServiceActionView):
    model = Registration
    permission_required = "registration.add_contact"
    form_class = ContactForm
    service, record = staticmethod(services.contact_record), "registration"
    done = _("已记录联系。")


class DeregisterView(ServiceActionView):
    model = Registration
    permission_required = "registration.deregister_registration"
    form_class = DeregisterForm
    service, record = staticmethod(services.registration_deregister), "registration"
    done = _("已注销失业登记。")


class CertificateView(ScopedDetailView):
    """The printable certificate (PDF, A4): opening it shows the full identity number, so it is
    logged like opening the full record."""

    model = Registration
    permission_required = "registration.print_certificate"

    def scope(self, queryset):
        # After a move the old registration stays with the old jurisdiction; the certificate,
        # printed with today's particulars, only with the person's present one.
        people = Person.objects.visible_to(self.request.user)
        return queryset.filter(certificate__isnull=False, person__in=people).select_related(
            "person", "certificate__issued_by"
        )

    def get(self, request, *args, **kwargs):
        registration = self.get_object()
        access_log(
            actor=request.user, objs=[registration.person], purpose=str(_("打印就业失业登记证"))
        )
        response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="certificate-{registration.certificate.number}.pdf"'
        )
        return response
