from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.money import ZERO
from jiuye.core.views import (
    FireView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
    WorkflowDetailView,
)
from jiuye.jobs.views.vacancies import OccupationOptionsMixin
from jiuye.ledger.models import Person
from jiuye.ledger.views import ResidentMixin
from jiuye.regions.codes import county
from jiuye.regions.filters import ServiceOrgFilter
from jiuye.regions.models import ServiceOrg
from jiuye.training import selectors, services
from jiuye.training.filters import (
    CandidateFilter,
    CourseFilter,
    EnrolmentFilter,
    InstitutionFilter,
    NeedFilter,
)
from jiuye.training.forms import (
    AttendanceForm,
    CertificateForm,
    CompleteForm,
    CourseForm,
    EnrolmentForm,
    InstitutionForm,
    NeedForm,
    ReferralPaymentForm,
)
from jiuye.training.models import Course, Enrolment, Institution, Need, ReferralPayment

# Institutions ---------------------------------------------------------------------------


class InstitutionListView(ScopedListView):
    model = Institution
    filterset_class = InstitutionFilter
    template_name = "training/institution_list.html"
    export_columns = [
        Column(_("机构名称"), "name", 30), Column(_("统一社会信用代码"), "credit_code", 20),
        Column(_("所在区划"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("认定日期"), "designated_from"), Column(_("认定有效期至"), "designated_until"),
        Column(_("联系电话"), "contact_phone"), Column(_("有效"), "is_active"),
    ]  # fmt: skip
    sort_fields = {"name": "name", "region": "region_id", "designated_from": "designated_from"}

    def scope(self, queryset):
        return queryset.select_related("region")


class InstitutionCreateView(ServiceFormMixin, generic.CreateView):
    model = Institution
    form_class = InstitutionForm
    permission_required = "training.add_institution"
    template_name = "training/institution_form.html"
    success_message = _("定点培训机构已登记。")

    def get_initial(self):
        org = self.request.user.org
        return {"region": org.region_id if org else None, "designated_from": timezone.localdate()}

    def save(self, form):
        return services.institution_create(actor=self.request.user, **form.cleaned_data)


class InstitutionUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Institution
    form_class = InstitutionForm
    permission_required = "training.change_institution"
    template_name = "training/institution_form.html"
    success_message = _("定点培训机构信息已保存。")
    update, record = staticmethod(services.institution_update), "institution"


class InstitutionDetailView(ScopedDetailView):
    model = Institution
    template_name = "training/institution_detail.html"

    def scope(self, queryset):
        return queryset.select_related("region")

    def get_context_data(self, **kwargs):
        user, institution = self.request.user, self.object
        return super().get_context_data(
            courses=institution.courses.with_institution().with_counts(),
            accounts=selectors.referral_accounts(user, institution=institution),
            can_edit=self.may("training.change_institution"),
            can_add_course=self.may("training.add_course") and institution.active,
            history=timeline(institution.history.all(), viewer=user) if self.editable else [],
            **kwargs,
        )


# Courses --------------------------------------------------------------------------------


class CourseListView(ScopedListView):
    """The courses of the jurisdiction's designated institutions (the county keeps them)."""

    model = Course
    filterset_class = CourseFilter
    template_name = "training/course_list.html"
    export_columns = [
        Column(_("培训班"), "title", 30), Column(_("培训机构"), "institution.name", 30),
        Column(_("类别"), "get_kind_display"), Column(_("职业（工种）"), "occupation.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("开班日期"), "starts_on"), Column(_("结业日期"), "ends_on"),
        Column(_("学时"), "hours"),
        Column(_("已推荐人数"), "taken"), Column(_("计划人数"), "capacity"), Column(_("结业人数"), "completed"),
        Column(_("已发布"), "published"),
    ]  # fmt: skip
    sort_fields = {"starts_on": "starts_on", "region": "region_id"}
    default_sort = "-starts_on"

    def scope(self, queryset):
        return queryset.with_institution().with_counts()


class CatalogueView(ScopedListView):
    """The published courses of the county's designated institutions that have not ended:
    what a community or township may refer its residents to."""

    model = Course
    filterset_class = CourseFilter
    permission_required = "training.add_enrolment"
    scope_method = "offered_to"
    template_name = "training/catalogue.html"
    export_name, export_file = _("可推荐的培训班"), "catalogue"
    export_columns = [
        Column(_("培训班"), "title", 30), Column(_("培训机构"), "institution.name", 30),
        Column(_("类别"), "get_kind_display"), Column(_("职业（工种）"), "occupation.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("开班日期"), "starts_on"), Column(_("结业日期"), "ends_on"),
        Column(_("学时"), "hours"),
        Column(_("培训地点"), "place", 24), Column(_("剩余名额"), "seats_left"),
        Column(_("机构联系电话"), "institution.contact_phone"),
    ]  # fmt: skip
    sort_fields = {"starts_on": "starts_on"}
    default_sort = "starts_on"

    def scope(self, queryset):
        return queryset.with_institution().with_counts()


class CourseCreateView(OccupationOptionsMixin, ServiceFormMixin, generic.CreateView):
    model = Course
    form_class = CourseForm
    permission_required = "training.add_course"
    template_name = "training/course_form.html"
    success_message = _("培训班已登记。")

    def get_initial(self):
        return {"institution": self.request.GET.get("institution"), "published": True}

    def save(self, form):
        return services.course_create(actor=self.request.user, **form.cleaned_data)


class CourseUpdateView(OccupationOptionsMixin, ServiceUpdateMixin, generic.UpdateView):
    model = Course
    form_class = CourseForm
    permission_required = "training.change_course"
    template_name = "training/course_form.html"
    success_message = _("培训班已保存。")
    update, record = staticmethod(services.course_update), "course"

    def scope(self, queryset):
        return queryset.select_related("institution")


class CourseDetailView(ScopedDetailView):
    """A course, its trainees the user may see, and its trainees' employment after 3 and 6
    months."""

    model = Course
    template_name = "training/course_detail.html"

    def scope(self, queryset):
        return queryset.with_institution().with_counts()

    def get_context_data(self, **kwargs):
        user, course = self.request.user, self.object
        return super().get_context_data(
            enrolments=Enrolment.objects.visible_to(user).filter(course=course).with_parties(),
            employment=selectors.course_employment(course, user=user),
            can_edit=self.may("training.change_course"),
            history=timeline(course.history.all(), viewer=user) if self.editable else [],
            **kwargs,
        )


# Needs ----------------------------------------------------------------------------------


class NeedListView(ScopedListView):
    model = Need
    filterset_class = NeedFilter
    template_name = "training/need_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("所在区划"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("意向培训类别"), "get_kind_display"), Column(_("意向职业（工种）"), "occupation.name", 20),
        Column(_("登记日期"), "recorded_on"), Column(_("状态"), "state_label"),
    ]  # fmt: skip
    sort_fields = {"recorded_on": "recorded_on", "region": "region_id"}
    default_sort = "-recorded_on"

    def scope(self, queryset):
        return queryset.with_person()


class CandidatesView(ScopedListView):
    """Registered unemployed persons and job seekers of the jurisdiction, of working age,
    with no open training need or enrolment: whom to ask about training (培训需求摸底)."""

    model = Person
    permission_required = "training.add_need"
    filterset_class = CandidateFilter
    template_name = "training/candidates.html"
    export_name, export_file = _("培训需求摸底"), "training-candidates"
    export_columns = [
        Column(_("姓名"), "name"), Column(_("公民身份号码"), "id_number", 21, personal="id_number"),
        Column(_("年龄"), "age_on"), Column(_("所在区划"), "region.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("就业状态"), "get_status_display"),
        Column(_("登记失业"), "registered_unemployed"), Column(_("求职登记"), "seeking"),
    ]  # fmt: skip

    def scope(self, queryset):
        return selectors.candidates(self.request.user, persons=queryset)


class NeedCreateView(OccupationOptionsMixin, ResidentMixin, ServiceFormMixin, generic.CreateView):
    model = Need
    form_class = NeedForm
    permission_required = "training.add_need"
    template_name = "training/need_form.html"
    success_message = _("培训需求已登记。")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user")
        return kwargs

    def save(self, form):
        self.person  # noqa: B018 - outside the jurisdiction: 404 before anything is saved
        return services.need_record(actor=self.request.user, person=self.person,
                                    **form.cleaned_data)  # fmt: skip

    def get(self, request, *args, **kwargs):
        self.person  # noqa: B018
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.person  # noqa: B018
        return super().post(request, *args, **kwargs)


class NeedDetailView(WorkflowDetailView):
    model = Need
    template_name = "training/need_detail.html"

    def scope(self, queryset):
        return queryset.with_person().select_related("recorded_by")

    def get_context_data(self, **kwargs):
        user, need = self.request.user, self.object
        return super().get_context_data(
            enrolments=need.enrolments.with_parties(),
            can_refer=need.state == "open" and self.may("training.add_enrolment"),
            can_close=need.state == "open" and self.may("training.change_need"),
            history=timeline(need.history.all(), viewer=user),
            **kwargs,
        )


class NeedCloseView(ServiceActionView):
    model = Need
    permission_required = "training.change_need"
    service, record = staticmethod(services.need_close), "need"
    done = _("培训需求已撤销。")


# Enrolments -----------------------------------------------------------------------------


class EnrolmentListView(ScopedListView):
    model = Enrolment
    filterset_class = EnrolmentFilter
    template_name = "training/enrolment_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("培训机构"), "course.institution.name", 30), Column(_("培训班"), "course.title", 30),
        Column(_("推荐机构"), "org.name", 24), Column(_("区划代码"), "region_id", 14),
        Column(_("推荐日期"), "referred_on"), Column(_("状态"), "state_label"),
        Column(_("出勤学时"), "attended_hours"), Column(_("结业日期"), "completed_on"),
        Column(_("证书"), "get_certificate_kind_display"),
    ]  # fmt: skip
    sort_fields = {"referred_on": "referred_on", "completed_on": "completed_on"}
    default_sort = "-referred_on"

    def scope(self, queryset):
        return queryset.with_parties()


class EnrolmentCreateView(ResidentMixin, ServiceFormMixin, generic.FormView):
    """Refer a resident to a course offered to the jurisdiction (推荐参训)."""

    form_class = EnrolmentForm
    permission_required = "training.add_enrolment"
    template_name = "training/enrolment_form.html"
    success_message = _("已推荐参训。")

    def get(self, request, *args, **kwargs):
        self.person  # noqa: B018 - outside the jurisdiction: 404
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.person  # noqa: B018
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        return {"course": self.request.GET.get("course")}

    def save(self, form):
        return services.enrolment_create(actor=self.request.user, person=self.person,
                                         **form.cleaned_data)  # fmt: skip

    def get_success_url(self):
        return self.object.get_absolute_url()


class EnrolmentDetailView(WorkflowDetailView):
    model = Enrolment
    template_name = "training/enrolment_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().select_related("referred_by", "course__occupation")

    def get_context_data(self, **kwargs):
        user, enrolment = self.request.user, self.object
        can_change = self.may("training.change_enrolment")
        return super().get_context_data(
            can_attend=can_change and enrolment.state in ("referred", "attending"),
            can_complete=can_change and enrolment.state == "attending",
            can_certify=can_change and enrolment.state == "completed",
            attendance_form=AttendanceForm(initial={"attended_hours": enrolment.attended_hours}),
            complete_form=CompleteForm(
                initial={"attended_hours": enrolment.attended_hours, "completed_on": min(
                    enrolment.course.ends_on, timezone.localdate())}
            ),
            certificate_form=CertificateForm(initial={
                "certificate_kind": enrolment.certificate_kind,
                "certificate_number": enrolment.certificate_number,
                "certificate_issued_on": enrolment.certificate_issued_on,
                "appraisal_result": enrolment.appraisal_result,
                "appraisal_level": enrolment.appraisal_level,
            }),
            history=timeline(enrolment.history.all(), viewer=user),
            **kwargs,
        )  # fmt: skip


class EnrolmentFireView(FireView):
    model = Enrolment


class EnrolmentAttendanceView(ServiceActionView):
    model = Enrolment
    form_class = AttendanceForm
    permission_required = "training.change_enrolment"
    service, record = staticmethod(services.enrolment_attendance), "enrolment"
    done = _("出勤学时已登记。")


class EnrolmentCompleteView(ServiceActionView):
    model = Enrolment
    form_class = CompleteForm
    permission_required = "training.change_enrolment"
    service, record = staticmethod(services.enrolment_complete), "enrolment"
    done = _("已登记结业。")


class EnrolmentCertificateView(ServiceActionView):
    model = Enrolment
    form_class = CertificateForm
    permission_required = "training.change_enrolment"
    service, record = staticmethod(services.enrolment_certify), "enrolment"
    done = _("证书和鉴定结果已登记。")


# The referral subsidy (推荐参训补助, guideline 十七) ---------------------------------------


class ReferralAccountListView(ScopedListView):
    """What the designated institutions owe the offices of the jurisdiction for the trainees
    they referred, what they paid and what is outstanding, by institution and office (the
    offices chosen by the filter)."""

    model = ServiceOrg
    permission_required = "training.view_referralpayment"
    filterset_class = ServiceOrgFilter
    template_name = "training/referral_accounts.html"
    export_name, export_file = _("推荐参训补助"), "referral-subsidies"
    export_columns = [
        Column(_("推荐机构"), "org.name", 24), Column(_("区划代码"), "org.region_id", 14),
        Column(_("培训机构"), "institution.name", 30), Column(_("参训人数"), "trainees"),
        Column(_("应付补助（元）"), "owed", money=True), Column(_("已付（元）"), "paid", money=True),
        Column(_("未付（元）"), "outstanding", money=True),
    ]  # fmt: skip

    def get_queryset(self):
        return selectors.referral_accounts(self.request.user, orgs=super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        accounts = self.object_list
        context.update(
            accounts=context["object_list"],
            total={name: sum((getattr(account, name) for account in accounts), ZERO)
                   for name in ("trainees", "owed", "paid", "outstanding")},
        )  # fmt: skip
        return context


class ReferralAccountView(ServiceFormMixin, generic.FormView):
    """One institution's account with one referring office: the trainees who took part and
    the subsidy owed for each, the payments, and the form that records a payment."""

    permission_required = "training.view_referralpayment"
    template_name = "training/referral_account.html"
    form_class = ReferralPaymentForm
    success_message = _("推荐参训补助支付已登记。")

    @cached_property
    def org(self):
        return get_object_or_404(ServiceOrg.objects.visible_to(self.request.user),
                                 pk=self.kwargs["org"])  # fmt: skip

    @cached_property
    def institution(self):
        """An institution of the office's county (the county designates and keeps them)."""
        institution = get_object_or_404(Institution, pk=self.kwargs["institution"])
        if county(institution.region_id) != county(self.org.region_id):
            raise Http404
        return institution

    def trainees(self):
        return (
            Enrolment.objects.took_part()
            .filter(org=self.org, course__institution=self.institution)
            .select_related("person", "course__institution", "referral_payment")
            .order_by("course__starts_on", "pk")
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("user")
        return {**kwargs, "unsettled": self.trainees().filter(referral_payment=None)}

    def get_initial(self):
        return {"paid_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        user, org, institution = self.request.user, self.org, self.institution
        trainees = list(self.trainees())
        amounts = selectors.referral_amounts(trainees)
        for enrolment in trainees:
            enrolment.referral_amount = amounts[enrolment.pk]
        accounts = selectors.referral_accounts(user, institution=institution, org=org)
        can_pay = (
            user.has_perm("training.add_referralpayment")
            and ServiceOrg.objects.editable_by(user).filter(pk=org.pk).exists()
        )
        return super().get_context_data(
            org=org, institution=institution, trainees=trainees,
            account=accounts[0] if accounts else selectors.Account(institution, org),
            payments=ReferralPayment.objects.visible_to(user)
            .filter(institution=institution, org=org).select_related("recorded_by"),
            can_pay=can_pay and any(e.referral_payment_id is None for e in trainees), **kwargs,
        )  # fmt: skip

    def save(self, form):
        return services.referral_payment_record(
            actor=self.request.user, institution=self.institution, org=self.org, **form.cleaned_data
        )

    def get_success_url(self):
        return self.request.path
