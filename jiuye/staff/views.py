from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.core.history import timeline
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
from jiuye.staff import services
from jiuye.staff.filters import StaffFilter
from jiuye.staff.forms import CertificateForm, LoginForm, StaffCreateForm, StaffUpdateForm
from jiuye.staff.models import StaffCertificate, User

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


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.tokens_revoke(self.request.user)
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


# Staff ------------------------------------------------------------------------------------


class StaffListView(ScopedListView):
    model = User
    filterset_class = StaffFilter
    template_name = "staff/user_list.html"
    sort_fields = {"username": "username", "name": "name", "org": "org__region_id"}
    default_sort = "org"

    def scope(self, queryset):
        return queryset.with_org()


class StaffDetailView(ScopedDetailView):
    model = User
    template_name = "staff/user_detail.html"
    context_object_name = "staff_member"

    def scope(self, queryset):
        return queryset.with_org().select_related("person")

    def get_context_data(self, **kwargs):
        member = self.object
        user = self.request.user
        context = super().get_context_data(**kwargs)
        context["certificates"] = member.certificates.order_by("-issued_on")
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
            member.history.all(), StaffCertificate.history.filter(user_id=member.pk), viewer=user
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


class CertificateFormMixin(ServiceFormMixin):
    form_class = CertificateForm
    permission_required = "staff.change_user"
    template_name = "staff/certificate_form.html"
    success_message = _("证书信息已保存。")

    def get_success_url(self):
        return reverse("staff:detail", args=[self.object.user_id])


class CertificateCreateView(ManagedMemberMixin, CertificateFormMixin, generic.CreateView):
    model = StaffCertificate
    member_kwarg = "user"

    def save(self, form):
        form.instance.user = self.member
        return services.certificate_save(actor=self.request.user, certificate=form.instance)


class CertificateUpdateView(ScopedMixin, CertificateFormMixin, generic.UpdateView):
    model = StaffCertificate
    scope_method = "managed_by"

    def scope(self, queryset):
        return queryset.select_related("user")

    def get_context_data(self, **kwargs):
        return super().get_context_data(staff_member=self.object.user, **kwargs)

    def save(self, form):
        return services.certificate_save(
            actor=self.request.user,
            certificate=form.instance,
            expected_version=form.cleaned_data["version"],
        )


class CertificateDeleteView(ScopedMixin, generic.detail.SingleObjectMixin, generic.View):
    model = StaffCertificate
    scope_method = "managed_by"
    permission_required = "staff.change_user"

    def post(self, request, pk):
        certificate = self.get_object()
        services.certificate_delete(actor=request.user, certificate=certificate)
        messages.success(request, _("证书已删除。"))
        return redirect("staff:detail", pk=certificate.user_id)
