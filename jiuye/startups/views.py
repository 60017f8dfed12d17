from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.exporting import Column
from jiuye.core.history import timeline
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
from jiuye.regions.codes import prefix_of
from jiuye.regions.models import Region
from jiuye.startups import selectors, services
from jiuye.startups.filters import CreditFilter, EntrepreneurFilter, LoanFilter
from jiuye.startups.forms import (
    BankApproveForm,
    EntrepreneurForm,
    ExtendForm,
    LoanForm,
    RecoveryForm,
    RepaymentForm,
    ServiceForm,
)
from jiuye.startups.models import Entrepreneur, Loan


class PersonFindView(PermissionRequiredMixin, generic.View):
    """Start a registration or a loan application from a resident's identity number (the
    boxes above the lists): the resident's existing record if there is one, else the form."""

    permission_required = "startups.view_entrepreneur"
    targets = {
        "entrepreneur": ("startups:entrepreneur-add", "startups.add_entrepreneur", "startups:entrepreneurs"),
        "loan": ("startups:loan-add", "startups.add_loan", "startups:loans"),
    }  # fmt: skip

    def get(self, request):
        target = request.GET.get("for", "entrepreneur")
        form_url, permission, back = self.targets.get(target, self.targets["entrepreneur"])
        if not request.user.has_perm(permission):
            raise PermissionDenied
        number = request.GET.get("id_number", "").strip().upper()
        person = Person.objects.editable_by(request.user).filter(id_number=number).first()
        if person is None:
            messages.error(request, _("本辖区台账中没有公民身份号码为“%(number)s”的人员，请先在人员台账中登记。")
                           % {"number": number})  # fmt: skip
            return redirect(back)
        if target == "loan":
            existing = Loan.objects.open().filter(person=person).first()
        else:
            existing = selectors.active_entrepreneur(person)
        if existing is not None:
            messages.info(request, _("该人员已有办理中的记录，已为您打开。"))
            return redirect(existing)
        return redirect(form_url, person=person.pk)


# Would-be entrepreneurs -----------------------------------------------------------------


class EntrepreneurListView(ScopedListView):
    model = Entrepreneur
    filterset_class = EntrepreneurFilter
    template_name = "startups/entrepreneur_list.html"
    export_columns = [
        Column(_("姓名"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("创业项目（行业）"), "trade", 24),
        Column(_("已提供的服务"), lambda e: _("、").join(str(s.get_kind_display()) for s in e.services.all()), 30),
        Column(_("居住地"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("登记日期"), "registered_on"), Column(_("状态"), "get_state_display"),
    ]  # fmt: skip
    sort_fields = {"registered_on": "registered_on", "region": "region_id"}
    default_sort = "-registered_on"

    def scope(self, queryset):
        return queryset.with_person().prefetch_related("services")


class EntrepreneurCreateView(ResidentMixin, ServiceFormMixin, generic.CreateView):
    model = Entrepreneur
    form_class = EntrepreneurForm
    permission_required = "startups.add_entrepreneur"
    template_name = "startups/entrepreneur_form.html"
    success_message = _("已登记创业意愿。")

    def save(self, form):
        return services.entrepreneur_register(
            actor=self.request.user, person=self.person, **form.cleaned_data
        )


class EntrepreneurUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Entrepreneur
    form_class = EntrepreneurForm
    permission_required = "startups.change_entrepreneur"
    template_name = "startups/entrepreneur_form.html"
    success_message = _("创业意愿登记已保存。")
    update, record = staticmethod(services.entrepreneur_update), "entrepreneur"

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object.person, **kwargs)


class EntrepreneurDetailView(ScopedDetailView):
    """A would-be entrepreneur, which of the "1+3" they have had, the services and loans."""

    model = Entrepreneur
    template_name = "startups/entrepreneur_detail.html"

    def scope(self, queryset):
        return queryset.with_person()

    def get_context_data(self, **kwargs):
        user, entrepreneur = self.request.user, self.object
        services_given = list(entrepreneur.services.select_related("by"))
        return super().get_context_data(
            services=services_given,
            one_plus_three=selectors.services_done(services_given),
            loans=Loan.objects.visible_to(user).filter(person=entrepreneur.person_id),
            can_edit=self.may("startups.change_entrepreneur"),
            can_serve=self.may("startups.add_startupservice"),
            can_apply=self.may("startups.add_loan"),
            service_form=ServiceForm(),
            history=timeline(entrepreneur.history.all(), viewer=user),
            **kwargs,
        )


class ServiceAddView(ServiceActionView):
    model = Entrepreneur
    form_class = ServiceForm
    permission_required = "startups.add_startupservice"
    service, record = staticmethod(services.service_record), "entrepreneur"
    done = _("服务记录已保存。")


# Loans ----------------------------------------------------------------------------------


class LoanListView(ScopedListView):
    model = Loan
    filterset_class = LoanFilter
    template_name = "startups/loan_list.html"
    export_columns = [
        Column(_("借款人"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("创业项目"), "project", 24), Column(_("贷款金额（元）"), "amount", money=True),
        Column(_("期限（月）"), "term_months"), Column(_("展期（月）"), "extended_months"),
        Column(_("所在社区（村）"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("申请日期"), "applied_on"), Column(_("状态"), "state_label"), Column(_("办理时限"), "due_on"),
    ]  # fmt: skip
    sort_fields = {"applied_on": "applied_on", "amount": "amount", "due_on": "due_on"}
    default_sort = "-applied_on"

    def scope(self, queryset):
        return queryset.with_parties().with_overdue(timezone.localdate())

    def get_context_data(self, **kwargs):
        return super().get_context_data(today=timezone.localdate(), **kwargs)


class OverdueListView(LoanListView):
    """逾期贷款: loans with an instalment past its due date, the longest overdue first."""

    template_name = "startups/overdue_list.html"
    export_name, export_file = _("逾期贷款"), "overdue-loans"
    export_columns = [
        Column(_("借款人"), "person.name"),
        Column(_("公民身份号码"), "person.id_number", 21, personal="id_number"),
        Column(_("所在社区（村）"), "region.name", 20), Column(_("区划代码"), "region_id", 14),
        Column(_("贷款金额（元）"), "amount", money=True), Column(_("最早逾期应还日"), "overdue_since"),
        Column(_("逾期天数"), lambda loan: (timezone.localdate() - loan.overdue_since).days),
        Column(_("逾期金额（元）"), "overdue_amount", money=True),
    ]  # fmt: skip
    sort_fields = {"overdue_since": "overdue_since", "overdue_amount": "-overdue_amount"}
    default_sort = "overdue_since"

    def scope(self, queryset):
        today = timezone.localdate()
        return queryset.overdue_loans(today).with_parties().with_overdue(today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for loan in context["object_list"]:
            loan.overdue_days = (context["today"] - loan.overdue_since).days
        return context


class CreditView(ScopedListView):
    """信用社区: the communities of the jurisdiction with lent loans, their repayment record
    and whether they meet the credit-community parameters."""

    model = Region
    permission_required = "startups.view_loan"
    filterset_class = CreditFilter
    template_name = "startups/credit.html"
    paginate_by = 100
    export_name, export_file = _("信用社区"), "credit-communities"
    export_columns = [
        Column(_("社区（村）"), "region.name", 24), Column(_("区划代码"), "region.code", 14),
        Column(_("街道（乡镇）"), "region.parent.name", 20), Column(_("已放款笔数"), "loans"),
        Column(_("到期应还本息（元）"), "due", money=True), Column(_("已还（元）"), "paid", money=True),
        Column(_("还款率（%）"), "rate"), Column(_("最长逾期天数"), "overdue_days"),
        Column(_("评定"), lambda row: gettext("信用社区") if row.is_credit else gettext("未达标")),
        Column(_("未达标原因"), lambda row: gettext("；").join(str(r) for r in row.reasons), 60),
    ]  # fmt: skip

    def get_queryset(self):
        regions = super().get_queryset()  # of the jurisdiction, narrowed by the filter
        code = self.filterset.form.cleaned_data.get("region") if self.filterset.is_valid() else ""
        rows, self.limits = selectors.credit_communities(
            self.request.user, prefix=prefix_of(code) if code else None, regions=regions
        )
        return rows

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            limits=self.limits, credit_count=sum(row.is_credit for row in self.object_list),
            **kwargs,
        )  # fmt: skip


class LoanCreateView(ResidentMixin, ServiceFormMixin, generic.CreateView):
    model = Loan
    form_class = LoanForm
    permission_required = "startups.add_loan"
    template_name = "startups/loan_form.html"
    success_message = _("贷款申请已受理，待街道（乡镇）审核。")

    def get_initial(self):
        entrepreneur = selectors.active_entrepreneur(self.person)
        return {"partners": 1, "term_months": 24,
                "project": entrepreneur.trade if entrepreneur else ""}  # fmt: skip

    def save(self, form):
        return services.loan_apply(actor=self.request.user, person=self.person, **form.cleaned_data)


class LoanUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Loan
    form_class = LoanForm
    permission_required = "startups.change_loan"
    template_name = "startups/loan_form.html"
    success_message = _("贷款申请已保存。")
    update, record = staticmethod(services.loan_update), "loan"

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.object.person, **kwargs)


class LoanDetailView(WorkflowDetailView):
    """A loan: the application, its steps, the schedule with each month's interest subsidy
    or the reason it is refused, repayments, arrears, extension and recovery help."""

    model = Loan
    template_name = "startups/loan_detail.html"

    def scope(self, queryset):
        return queryset.with_parties().prefetch_related("instalments")

    def get_context_data(self, **kwargs):
        user, loan, today = self.request.user, self.object, timezone.localdate()
        lent = loan.state in ("disbursed", "repaying")
        return super().get_context_data(
            today=today,
            claimed=selectors.claimed_periods(loan),
            schedule=selectors.interest_schedule(loan, today),
            arrears=selectors.arrears(loan, today),
            repayments=loan.repayments.select_related("recorded_by"),
            recoveries=loan.recoveries.select_related("by"),
            can_edit=loan.workflow.is_editable(loan.state) and self.may("startups.change_loan"),
            can_bank=loan.state == "bank_review" and self.may("startups.record_bank_decision"),
            can_repay=lent and self.may("startups.repay_loan"),
            can_extend=lent and not loan.extended_months and self.may("startups.extend_loan"),
            can_recover=lent and self.may("startups.add_recovery"),
            bank_form=BankApproveForm(initial={"disbursed_on": today}),
            repayment_form=RepaymentForm(),
            extend_form=ExtendForm(),
            recovery_form=RecoveryForm(),
            history=timeline(loan.history.all(), viewer=user) if self.editable else [],
            **kwargs,
        )  # fmt: skip


class LoanFireView(FireView):
    model = Loan


class BankApproveView(ServiceActionView):
    model = Loan
    form_class = BankApproveForm
    permission_required = "startups.record_bank_decision"
    service, record = staticmethod(services.loan_bank_approve), "loan"
    done = _("已登记银行批准。")


class RepayView(ServiceActionView):
    model = Loan
    form_class = RepaymentForm
    permission_required = "startups.repay_loan"
    service, record = staticmethod(services.repayment_record), "loan"
    done = _("还款已登记。")


class ExtendView(ServiceActionView):
    model = Loan
    form_class = ExtendForm
    permission_required = "startups.extend_loan"
    service, record = staticmethod(services.loan_extend), "loan"
    done = _("已办理展期。")


class RecoveryView(ServiceActionView):
    model = Loan
    form_class = RecoveryForm
    permission_required = "startups.add_recovery"
    service, record = staticmethod(services.recovery_record), "loan"
    done = _("协助回收记录已保存。")
