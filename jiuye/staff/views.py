from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import OuterRef, Prefetch, Subquery
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core import audit, charts, indicators
from jiuye.core.documents import PdfMixin
from jiuye.core.excel import sheet_response
from jiuye.core.exporting import Column, ExportMixin
from jiuye.core.history import timeline
from jiuye.core.registry import registry
from jiuye.core.scoping import can_edit
from jiuye.core.views import (
    ScopedDetailView,
    ScopedListView,
    ScopedMixin,
    ServiceFormMixin,
    ServiceUpdateMixin,
)
from jiuye.ledger.models import Person
from jiuye.posts.models import Placement
from jiuye.posts.selectors import special_placements
from jiuye.regions.models import ServiceOrg
from jiuye.regions.selectors import asked_region, asked_year, visible_path
from jiuye.staff import passwords, selectors, services
from jiuye.staff.filters import PairingFilter, PositionFilter, StaffFilter, TrainingFilter
from jiuye.staff.forms import (
    CertificateForm,
    LoginForm,
    PairingForm,
    PositionForm,
    ShareForm,
    StaffCreateForm,
    StaffUpdateForm,
    TargetForm,
    TrainingForm,
)
from jiuye.staff.models import (
    Pairing,
    Position,
    PositionTarget,
    StaffCertificate,
    StaffTraining,
    Target,
    User,
)

# Accounts ---------------------------------------------------------------------------------


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A session cookie that no longer finds its session: the session expired.
        context["session_expired"] = (
            self.request.method == "GET"
            and settings.SESSION_COOKIE_NAME in self.request.COOKIES
            and not self.request.session.session_key
        )
        return context

    def post(self, request, *args, **kwargs):
        if audit.address_blocked(request):
            return address_lockout(request)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.tokens_revoke(self.request.user)
        passwords.stamp_expiry(self.request, self.request.user)
        messages.success(self.request, _("密码已修改。"))
        return response


def lockout(request, credentials=None, *args, **kwargs):
    """What django-axes answers once an account is locked after repeated failed logins."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    message = _("登录失败次数过多，账号已被锁定，请%(minutes)d分钟后再试或联系管理员解锁。") % {
        "minutes": minutes
    }
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message)}, status=429)
    form = LoginForm(request)
    return render(
        request, "registration/login.html", {"form": form, "locked_message": message}, status=429
    )


def address_lockout(request):
    """What a login from an address with too many failed logins gets (``audit.address_blocked``)."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    message = _("该地址登录失败次数过多，请%(minutes)d分钟后再试。") % {"minutes": minutes}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message)}, status=429)
    form = LoginForm(request)
    return render(
        request, "registration/login.html", {"form": form, "locked_message": message}, status=429
    )


# Staff ------------------------------------------------------------------------------------


class StaffListView(ScopedListView):
    model = User
    filterset_class = StaffFilter
    template_name = "staff/user_list.html"
    export_name, export_file = _("工作人员"), "staff"
    export_columns = [
        Column(_("姓名"), "name"), Column(_("用户名"), "username"), Column(_("所属机构"), "org.name", 24),
        Column(_("区划代码"), "org.region_id", 14), Column(_("角色"), lambda u: _("、").join(map(str, u.role_labels))),
        Column(_("岗位"), "position.title"), Column(_("用工形式"), "get_employment_display"),
        Column(_("联系电话"), "phone", personal="phone"), Column(_("有效"), "is_active"),
    ]  # fmt: skip
    sort_fields = {"username": "username", "name": "name", "org": "org__region_id"}
    default_sort = "org"

    def scope(self, queryset):
        return queryset.with_org()


class StaffDetailView(ScopedDetailView):
    model = User
    template_name = "staff/user_detail.html"
    context_object_name = "staff_member"

    def scope(self, queryset):
        return queryset.with_org().select_related("person", "position")

    def get_context_data(self, **kwargs):
        member = self.object
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["certificates"] = member.certificates.order_by("-issued_on")
        context["trainings"] = member.trainings.order_by("-ended_on")
        context["pairings"] = (
            Pairing.objects.visible_to(user).filter(worker=member).select_related("org")
        )
        # the special public-welfare posts they hold (特定公益性岗位), linked where the viewer
        # may open the placement
        placements = list(special_placements(member))
        openable = set(
            Placement.objects.visible_to(user)
            .filter(pk__in=[placement.pk for placement in placements])
            .values_list("pk", flat=True)
        )
        for placement in placements:
            placement.openable = placement.pk in openable
        context["special_placements"] = placements
        context["person_openable"] = (
            member.person_id is not None
            and Person.objects.visible_to(user).filter(pk=member.person_id).exists()
        )
        context["history"] = timeline(
            member.history.all(),
            StaffCertificate.history.filter(user_id=member.pk),
            StaffTraining.history.filter(user_id=member.pk),
            viewer=user,
        )
        context["can_edit"] = user.has_perm("staff.change_user") and can_edit(
            user, member, scope="managed_by"
        )
        return context


class StaffCreateView(ServiceFormMixin, generic.CreateView):
    """A new account at an organisation below the manager's region: reached from the
    organisation's page."""

    model = User
    form_class = StaffCreateForm
    permission_required = "staff.add_user"
    template_name = "staff/user_form.html"
    success_message = _("工作人员账号已创建。")

    @cached_property
    def org(self):
        orgs = ServiceOrg.objects.below(self.request.user).with_region()
        return get_object_or_404(orgs, pk=self.kwargs["org"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "org": self.org}

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.org, **kwargs)

    def save(self, form):
        data = dict(form.cleaned_data)
        data.pop("password2")
        data["password"] = data.pop("password1")
        return services.staff_create(actor=self.request.user, org=self.org, **data)

    def get_success_url(self):
        return reverse("staff:detail", args=[self.object.pk])


class StaffUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = User
    scope_method = "managed_by"
    form_class = StaffUpdateForm
    permission_required = "staff.change_user"
    template_name = "staff/user_form.html"
    context_object_name = "staff_member"
    success_message = _("工作人员信息已保存。")
    update, record = staticmethod(services.staff_update), "user"

    def scope(self, queryset):
        return queryset.with_org()

    def get_success_url(self):
        return reverse("staff:detail", args=[self.object.pk])


class ManagedMemberMixin(PermissionRequiredMixin):
    """Pages about one staff member a manager administers (``kwargs[member_kwarg]``)."""

    permission_required = "staff.change_user"
    member_kwarg = "pk"

    @cached_property
    def member(self):
        members = User.objects.managed_by(self.request.user)
        return get_object_or_404(members, pk=self.kwargs[self.member_kwarg])

    def get_context_data(self, **kwargs):
        return super().get_context_data(staff_member=self.member, **kwargs)


class StaffSessionsEndView(ManagedMemberMixin, generic.View):
    """A manager ends every session and API token of an account (a lost phone)."""

    model = User
    http_method_names = ["post"]

    def post(self, request, pk):
        ended = services.staff_sessions_end(actor=request.user, user=self.member)
        messages.success(
            request,
            _("已结束该账号的%(n)d个登录会话及接口令牌，手机上暂存的数据不再被接受。")
            % {"n": ended},
        )
        return redirect("staff:detail", pk=self.member.pk)


class StaffSetPasswordView(ManagedMemberMixin, generic.FormView):
    """A manager sets a new password for a staff member who forgot theirs."""

    model = User
    form_class = SetPasswordForm
    template_name = "staff/user_set_password.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.member}

    def form_valid(self, form):
        password = form.cleaned_data["new_password1"]
        services.staff_set_password(actor=self.request.user, user=self.member, password=password)
        messages.success(self.request, _("已为该人员设置新密码。"))
        return redirect("staff:detail", pk=self.member.pk)


class MemberRecordMixin:
    """Pages of one kind of record of a staff member (a certificate, a training), kept by the
    managers: ``save`` and ``delete`` are its services, called with the record as ``record``."""

    permission_required = "staff.change_user"
    template_name = "staff/member_record_form.html"
    record = ""  # the services' keyword for the record
    save_service = delete_service = None
    deleted = ""

    def get_success_url(self):
        return reverse("staff:detail", args=[self.object.user_id])

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind=self.model._meta.verbose_name, **kwargs)


class MemberRecordCreateView(
    MemberRecordMixin, ManagedMemberMixin, ServiceFormMixin, generic.CreateView
):
    member_kwarg = "user"

    def save(self, form):
        form.instance.user = self.member
        return self.save_service(actor=self.request.user, **{self.record: form.instance})


class MemberRecordUpdateView(MemberRecordMixin, ScopedMixin, ServiceFormMixin, generic.UpdateView):
    scope_method = "managed_by"

    def scope(self, queryset):
        return queryset.select_related("user")

    def get_context_data(self, **kwargs):
        return super().get_context_data(staff_member=self.object.user, **kwargs)

    def save(self, form):
        return self.save_service(actor=self.request.user, **{self.record: form.instance},
                                 expected_version=form.cleaned_data["version"])  # fmt: skip


class MemberRecordDeleteView(
    MemberRecordMixin, ScopedMixin, generic.detail.SingleObjectMixin, generic.View
):
    scope_method = "managed_by"

    def post(self, request, pk):
        record = self.get_object()
        self.delete_service(actor=request.user, **{self.record: record})
        messages.success(request, self.deleted)
        return redirect("staff:detail", pk=record.user_id)


class CertificateMixin(MemberRecordMixin):
    model, form_class, record = StaffCertificate, CertificateForm, "certificate"
    save_service, delete_service = (
        staticmethod(services.certificate_save),
        staticmethod(services.certificate_delete),
    )
    success_message, deleted = _("证书信息已保存。"), _("证书已删除。")


class CertificateCreateView(CertificateMixin, MemberRecordCreateView):
    pass


class CertificateUpdateView(CertificateMixin, MemberRecordUpdateView):
    pass


class CertificateDeleteView(CertificateMixin, MemberRecordDeleteView):
    pass


# Posts and yearly targets ------------------------------------------------------------------


def year_of(request) -> int:
    """The year a page of targets asks for: this year by default."""
    return asked_year(request.GET.get("year"), timezone.localdate().year)


class PositionListView(ScopedListView):
    """The posts of the offices of the jurisdiction and who holds them (定岗定责)."""

    model = Position
    filterset_class = PositionFilter
    template_name = "staff/position_list.html"
    sort_fields = {"org": "org__region_id", "title": "title"}
    default_sort = "org"
    export_name, export_file = _("工作岗位"), "positions"
    export_columns = [
        Column(_("区划代码"), "org.region_id", 14), Column(_("机构"), "org.name", 24),
        Column(_("岗位名称"), "title", 18), Column(_("岗位职责"), "duties", 50),
        Column(_("在岗人员"), lambda p: _t("、").join(h.name for h in p.holders.all()), 20),
        Column(_("状态"), lambda p: _t("在用") if p.is_active else _t("停用")),
    ]  # fmt: skip

    def scope(self, queryset):
        holders = User.objects.filter(is_active=True).order_by("username")
        return queryset.select_related("org__region").prefetch_related(Prefetch("holders", holders))


class PositionExportView(ExportMixin, PositionListView):
    pass


class OfficePlanView(ScopedDetailView):
    """An office's posts, its targets of a year broken down to the posts, and how far the
    office and each post's holders have come (guideline 二十)."""

    model = ServiceOrg
    pk_url_kwarg = "org"
    permission_required = "staff.view_position"
    template_name = "staff/plan.html"
    context_object_name = "org"

    def scope(self, queryset):
        return queryset.with_region()

    def get_context_data(self, **kwargs):
        user, org, year = self.request.user, self.object, year_of(self.request)
        positions, lines = selectors.plan(user, org, year)
        below = ServiceOrg.objects.below(user).filter(pk=org.pk).exists()
        kept = (
            user.has_perm("staff.change_position")
            and services.offices_kept_by(user).filter(pk=org.pk).exists()
        )
        return super().get_context_data(
            year=year, years=range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
            positions=positions, lines=lines, kept=kept,
            sets_targets=user.has_perm("staff.change_target") and below,
            pairs=user.has_perm("staff.change_pairing") and below,
            pairings=Pairing.objects.visible_to(user).filter(org=org).select_related("worker__org"),
            **kwargs,
        )  # fmt: skip


class OfficeMixin:
    """Pages that add something to an office (``kwargs["org"]``) among ``offices``."""

    def offices(self):
        return services.offices_kept_by(self.request.user)

    @cached_property
    def org(self):
        return get_object_or_404(self.offices().with_region(), pk=self.kwargs["org"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.org, **kwargs)


class PositionCreateView(OfficeMixin, ServiceFormMixin, generic.CreateView):
    model = Position
    form_class = PositionForm
    permission_required = "staff.change_position"
    template_name = "staff/plan_form.html"
    success_message = _("岗位已保存。")

    def save(self, form):
        form.instance.org = self.org
        return services.position_save(actor=self.request.user, position=form.instance)

    def get_success_url(self):
        return reverse("staff:plan", args=[self.object.org_id])


class PositionUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Position
    form_class = PositionForm
    permission_required = "staff.change_position"
    template_name = "staff/plan_form.html"
    success_message = _("岗位已保存。")

    def scope(self, queryset):
        return queryset.select_related("org__region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.object.org, **kwargs)

    def save(self, form):
        return services.position_save(actor=self.request.user, position=form.instance,
                                      expected_version=form.cleaned_data["version"])  # fmt: skip

    def get_success_url(self):
        return reverse("staff:plan", args=[self.object.org_id])


class TargetCreateView(OfficeMixin, ServiceFormMixin, generic.CreateView):
    model = Target
    form_class = TargetForm
    permission_required = "staff.change_target"
    template_name = "staff/plan_form.html"
    success_message = _("年度目标已保存。")

    def offices(self):
        return ServiceOrg.objects.below(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(year=year_of(self.request), **kwargs)

    def save(self, form):
        form.instance.org, form.instance.year = self.org, year_of(self.request)
        return services.target_save(actor=self.request.user, target=form.instance)

    def get_success_url(self):
        return self.object.get_absolute_url()


class TargetUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Target
    form_class = TargetForm
    permission_required = "staff.change_target"
    template_name = "staff/plan_form.html"
    success_message = _("年度目标已保存。")

    def scope(self, queryset):
        return queryset.select_related("org__region")

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.object.org, year=self.object.year, **kwargs)

    def save(self, form):
        return services.target_save(actor=self.request.user, target=form.instance,
                                    expected_version=form.cleaned_data["version"])  # fmt: skip

    def get_success_url(self):
        return self.object.get_absolute_url()


class TargetDeleteView(ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    model = Target
    permission_required = "staff.change_target"

    def post(self, request, pk):
        target = self.get_object()
        services.target_delete(actor=request.user, target=target)
        messages.success(request, _("年度目标已删除。"))
        return redirect(target)


class ShareCreateView(ServiceFormMixin, generic.CreateView):
    model = PositionTarget
    form_class = ShareForm
    permission_required = "staff.change_target"
    template_name = "staff/plan_form.html"
    success_message = _("已分解到岗位。")

    @cached_property
    def target(self):
        return get_object_or_404(Target.objects.visible_to(self.request.user).select_related("org__region"),
                                 pk=self.kwargs["target"])  # fmt: skip

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "target": self.target}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            org=self.target.org, year=self.target.year, target=self.target, **kwargs
        )

    def save(self, form):
        form.instance.target = self.target
        return services.share_save(actor=self.request.user, share=form.instance)

    def get_success_url(self):
        return self.target.get_absolute_url()


class ShareUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = PositionTarget
    form_class = ShareForm
    permission_required = "staff.change_target"
    template_name = "staff/plan_form.html"
    success_message = _("已分解到岗位。")

    def scope(self, queryset):
        return queryset.select_related("target__org__region", "position")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "target": self.object.target}

    def get_context_data(self, **kwargs):
        target = self.object.target
        return super().get_context_data(org=target.org, year=target.year, target=target, **kwargs)

    def save(self, form):
        return services.share_save(actor=self.request.user, share=form.instance,
                                   expected_version=form.cleaned_data["version"])  # fmt: skip

    def get_success_url(self):
        target = self.object.target
        return target.get_absolute_url()


class ShareDeleteView(ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    model = PositionTarget
    permission_required = "staff.change_target"

    def post(self, request, pk):
        share = self.get_object()
        target = share.target
        services.share_delete(actor=request.user, share=share)
        messages.success(request, _("已删除该岗位的目标。"))
        return redirect(target)


# Training -----------------------------------------------------------------------------------


class TrainingListView(ScopedListView):
    """The staff of the jurisdiction and their training: who lacks an induction, who has had
    no training this year (guideline 七)."""

    model = User
    filterset_class = TrainingFilter
    permission_required = "staff.view_stafftraining"
    template_name = "staff/training_list.html"
    sort_fields = {"org": "org__region_id", "name": "name"}
    default_sort = "org"
    export_name, export_file = _("工作人员培训情况"), "staff-training"
    export_columns = [
        Column(_("区划代码"), "org.region_id", 14), Column(_("机构"), "org.name", 24),
        Column(_("姓名"), "name"), Column(_("用户名"), "username"), Column(_("岗位"), "position.title"),
        Column(_("用工形式"), "get_employment_display"), Column(_("上岗日期"), "started_on"),
        Column(_("参加岗前培训"), "has_induction"), Column(_("本年度参加培训"), "trained_this_year"),
        Column(_("最近培训"), "last_trained"),
    ]  # fmt: skip

    def scope(self, queryset):
        year = timezone.localdate().year
        last = StaffTraining.objects.filter(user=OuterRef("pk"), passed=True).order_by("-ended_on")
        return (
            selectors.with_training(queryset.filter(is_active=True, org__isnull=False), year)
            .annotate(last_trained=Subquery(last.values("ended_on")[:1]))
            .with_org()
        )  # fmt: skip


class TrainingExportView(ExportMixin, TrainingListView):
    pass


class TrainingMixin(MemberRecordMixin):
    model, form_class, record = StaffTraining, TrainingForm, "training"
    save_service, delete_service = (
        staticmethod(services.training_save),
        staticmethod(services.training_delete),
    )
    success_message, deleted = _("培训记录已保存。"), _("培训记录已删除。")


class TrainingCreateView(TrainingMixin, MemberRecordCreateView):
    pass


class TrainingUpdateView(TrainingMixin, MemberRecordUpdateView):
    pass


class TrainingDeleteView(TrainingMixin, MemberRecordDeleteView):
    pass


# Pairing (对口联系) --------------------------------------------------------------------------


class PairingListView(ScopedListView):
    model = Pairing
    filterset_class = PairingFilter
    template_name = "staff/pairing_list.html"
    sort_fields = {"org": "org__region_id", "started_on": "started_on"}
    default_sort = "org"
    export_name, export_file = _("对口联系"), "pairings"
    export_columns = [
        Column(_("区划代码"), "org.region_id", 14), Column(_("联系的基层机构"), "org.name", 24),
        Column(_("联系原因"), "get_reason_display"), Column(_("联系人"), "worker.name"),
        Column(_("联系人所在机构"), "worker.org.name", 24), Column(_("开始日期"), "started_on"),
        Column(_("结束日期"), "ended_on"), Column(_("联系蹲点情况"), "note", 40),
    ]  # fmt: skip

    def scope(self, queryset):
        return queryset.select_related("worker__org", "org__region")


class PairingExportView(ExportMixin, PairingListView):
    pass


class PairingCreateView(OfficeMixin, ServiceFormMixin, generic.CreateView):
    model = Pairing
    form_class = PairingForm
    permission_required = "staff.change_pairing"
    template_name = "staff/plan_form.html"
    success_message = _("对口联系已保存。")

    def offices(self):
        return ServiceOrg.objects.below(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "org": self.org}

    def save(self, form):
        form.instance.org = self.org
        return services.pairing_save(actor=self.request.user, pairing=form.instance)

    def get_success_url(self):
        return reverse("staff:plan", args=[self.object.org_id])


class PairingUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Pairing
    form_class = PairingForm
    permission_required = "staff.change_pairing"
    template_name = "staff/plan_form.html"
    success_message = _("对口联系已保存。")

    def scope(self, queryset):
        return queryset.select_related("org__region", "worker__org")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "org": self.object.org}

    def get_context_data(self, **kwargs):
        return super().get_context_data(org=self.object.org, **kwargs)

    def save(self, form):
        return services.pairing_save(actor=self.request.user, pairing=form.instance,
                                     expected_version=form.cleaned_data["version"])  # fmt: skip

    def get_success_url(self):
        return reverse("staff:plan", args=[self.object.org_id])


# Certificates (持证上岗) ----------------------------------------------------------------------


class CertificationView(PdfMixin, PermissionRequiredMixin, generic.TemplateView):
    """The coordinators' certification rate by sub-region, and the certificates expired or
    running out within 90 days that nothing renewed."""

    pdf_name = "certification"

    permission_required = "staff.view_user"
    template_name = "staff/certification.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = asked_region(user, self.request.GET.get("region"))
        today = timezone.localdate()
        codes = ["coordinators", "coordinators_certified", "certified_rate"]
        table = indicators.table(
            user, region, [registry["indicators"][code] for code in codes], today, today
        )
        due = selectors.certificates_due(user).within(region.prefix)
        return super().get_context_data(
            region=region, path=visible_path(user, region), table=table, today=today,
            chart=charts.bars(table, ["certified_rate"], title=_t("协管员持证率（%）")) if table.rows else None,
            due=due[:200], due_count=due.count(), **kwargs,
        )  # fmt: skip


class CertificateExportView(CertificationView):
    def get(self, request, *args, **kwargs):
        region = asked_region(request.user, request.GET.get("region"))
        rows = (
            [c.user.org.region_id, c.user.org.name, c.user.name, c.name, c.number, c.issued_on, c.expires_on]
            for c in selectors.certificates_due(request.user).within(region.prefix)
        )  # fmt: skip
        heads = [
            _("区划代码"),
            _("机构"),
            _("姓名"),
            _("证书名称"),
            _("证书编号"),
            _("发证日期"),
            _("有效期至"),
        ]
        return sheet_response(f"certificates-due-{timezone.localdate():%Y%m%d}", _("到期及过期的上岗证书"),
                              heads, rows, widths={0: 14, 1: 24, 3: 30})  # fmt: skip
