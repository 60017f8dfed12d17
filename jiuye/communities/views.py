"""Pages of full-employment and entrepreneurial communities: the share at the standard by
region (the 80 % target), a community's own page, standards and their criteria, rounds and
applications, titles and re-checks."""

import datetime

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.communities import evaluation, filters, selectors, services
from jiuye.communities.forms import (
    ApplicationForm,
    AttachmentForm,
    CriterionForm,
    RecheckForm,
    RoundForm,
    SelfAssessmentForm,
)
from jiuye.communities.models import (
    Application,
    ApplicationAttachment,
    CommunityMonth,
    Criterion,
    Recheck,
    Round,
    Standard,
    Title,
)
from jiuye.core import indicators, parameters
from jiuye.core.charts import bars, trend
from jiuye.core.excel import sheet_response, table_response
from jiuye.core.scoping import can_edit, jurisdiction_q
from jiuye.core.views import (
    EvidenceDownloadView,
    FireView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    ServiceUpdateMixin,
    WorkflowDetailView,
)
from jiuye.core.workdays import months_before
from jiuye.regions.codes import Level
from jiuye.regions.models import Region
from jiuye.regions.selectors import asked_day, asked_region, jurisdiction_root, visible_path
from jiuye.subsidies.forms import ReportForm as MonthForm

# The share at the standard ------------------------------------------------------------------


class OverviewView(PermissionRequiredMixin, generic.TemplateView):
    """The communities at the full-employment standard by sub-region against the target
    (guideline 四: 80 %), their trend by month, and the communities' figures of the day;
    a sub-region opens its own page, a community its community page."""

    permission_required = "communities.view_communitymonth"
    template_name = "communities/overview.html"

    @cached_property
    def region(self):
        return asked_region(self.request.user, self.request.GET.get("region"))

    def get(self, request, *args, **kwargs):
        if self.region.level == Level.VILLAGE:
            return redirect("communities:community", self.region.code)
        return super().get(request, *args, **kwargs)

    def month(self) -> datetime.date:
        form = MonthForm(self.request.GET)
        asked = form.cleaned_data["month"] if form.is_valid() else None
        return asked or selectors.latest_month(self.request.user, self.region)

    def report(self):
        user, month = self.request.user, self.month()
        last = min(evaluation.month_end(month), timezone.localdate())
        return indicators.table(user, self.region, indicators.of_report("target"), month, last)

    def get_context_data(self, **kwargs):
        user, region = self.request.user, self.region
        report = self.report()
        day = report.last
        months = trend_of(user, region, report.month)
        target = parameters.value("communities.target_share", region.code, day)
        shares = [
            (f"{row['month']:%Y-%m}", {_("达标率"): row["share"], _("目标"): target})
            for row in months
        ]
        charts = [
            bars(report, ["communities", "communities_at_target"], title=_("各地社区（村）与达标数")),
            trend(shares, title=_("近12个月达标率（%）")),
        ]  # fmt: skip
        figures = None
        if region.level >= Level.COUNTY:  # live from the ledger; above a county, drill down
            figures = indicators.table(
                user,
                region,
                indicators.with_parts(indicators.of_report("community")),
                *evaluation.period(day),
            )
            charts.append(bars(figures, ["labour_rate", "registration_coverage", "hard_rate"],
                               title=_("各地就业率与登记率（%）")))  # fmt: skip
        return super().get_context_data(
            region=region, path=visible_path(user, region), report=report, figures=figures,
            form=MonthForm(self.request.GET), day=day, trend=months, target=target, charts=charts,
            **kwargs,
        )  # fmt: skip


class OverviewExportView(OverviewView):
    def get(self, request, *args, **kwargs):
        report = self.report()
        title = f"{self.region.name} {report.month:%Y-%m} {_('充分就业社区达标情况')}"
        return table_response(f"communities-{self.region.code}-{report.month:%Y-%m}", title, report)


def trend_of(user, region: Region, month: datetime.date, months: int = 12) -> list[dict]:
    """The communities of ``region`` at the standard by month, the last ``months`` up to
    ``month``: one grouped query."""
    first = months_before(month, months - 1)
    rows = (
        CommunityMonth.objects.visible_to(user).within(region.prefix)
        .filter(month__range=(first, month), region__level=Level.VILLAGE)
        .values("month").annotate(total=Count("pk"), at=Count("pk", filter=Q(at_target=True)))
        .order_by("month")
    )  # fmt: skip
    return [
        {**row, "share": round(row["at"] * 100 / row["total"], 1) if row["total"] else None}
        for row in rows
    ]


# A community's page -------------------------------------------------------------------------


class CommunityView(PermissionRequiredMixin, generic.TemplateView):
    """A community's (or a street's) page: its figures on a day (today by default), each
    criterion of each standard met or missed and why, the persons behind each figure one
    click away, its titles, applications and its months."""

    permission_required = "communities.view_communitymonth"
    template_name = "communities/community.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        region = get_object_or_404(Region.objects.visible_to(user), code=self.kwargs["code"])
        if region.level not in (Level.VILLAGE, Level.TOWNSHIP):
            raise Http404
        day = asked_day(self.request.GET.get("on"))
        figures, judgements = evaluation.evaluate(user, region, day)
        open_rounds = []
        if user.has_perm("communities.add_application") and can_edit(user, region):
            open_rounds = [each for each in Round.objects.visible_to(user)
                           if each.is_open(timezone.localdate())]  # fmt: skip
        months = (
            CommunityMonth.objects.visible_to(user).filter(region=region)
            .order_by("-month")[:12]
        )  # fmt: skip
        return super().get_context_data(
            region=region, day=day, judgements=judgements, figures=figures,
            path=visible_path(user, region), open_rounds=open_rounds,
            titles=Title.objects.visible_to(user).filter(region=region).select_related("standard"),
            applications=Application.objects.visible_to(user).filter(region=region).with_related(),
            months=list(reversed(months)), **kwargs,
        )  # fmt: skip


# Standards ------------------------------------------------------------------------------------


class StandardListView(ScopedListView):
    filterset_class = filters.StandardFilter
    model = Standard
    template_name = "communities/standard_list.html"

    def scope(self, queryset):
        return queryset.annotate(criteria_count=Count("criteria")).order_by(
            "kind", "unit", "rank", "pk"
        )


class StandardDetailView(ScopedDetailView):
    model = Standard
    template_name = "communities/standard_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            criteria=self.object.criteria.all(), can_change=self.may("communities.change_standard"),
            **kwargs,
        )  # fmt: skip


class CriterionCreateView(ServiceFormMixin, generic.FormView):
    """Add a criterion to a standard (the province administrator)."""

    model = Standard  # the record the URL names
    permission_required = "communities.change_standard"
    form_class = CriterionForm
    template_name = "communities/criterion_form.html"
    success_message = _("已保存认定条件。")

    @cached_property
    def standard(self):
        return get_object_or_404(
            Standard.objects.editable_by(self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(standard=self.standard, **kwargs)

    def save(self, form):
        return services.criterion_save(actor=self.request.user, standard=self.standard,
                                       **form.cleaned_data)  # fmt: skip

    def get_success_url(self):
        return self.standard.get_absolute_url()


class CriterionUpdateView(ServiceUpdateMixin, generic.UpdateView):
    model = Criterion
    scope_method = "visible_to"
    permission_required = "communities.change_standard"
    form_class = CriterionForm
    template_name = "communities/criterion_form.html"
    success_message = _("已保存认定条件。")

    def get_queryset(self):
        standards = Standard.objects.editable_by(self.request.user)
        return Criterion.objects.filter(standard__in=standards).select_related("standard")

    record = "criterion"

    @staticmethod
    def update(*, actor, criterion, expected_version, **fields):
        return services.criterion_save(actor=actor, standard=criterion.standard, criterion=criterion,
                                       expected_version=expected_version, **fields)  # fmt: skip

    def get_success_url(self):
        return self.object.standard.get_absolute_url()


# Rounds and applications ----------------------------------------------------------------------


class RoundListView(ScopedListView):
    filterset_class = filters.RoundFilter
    model = Round
    template_name = "communities/round_list.html"

    def scope(self, queryset):
        mine = jurisdiction_q(self.request.user, "applications__region_id")
        return queryset.annotate(applications_count=Count("applications", filter=mine)).order_by(
            "-year", "-pk"
        )


class RoundCreateView(ServiceFormMixin, generic.FormView):
    permission_required = "communities.add_round"
    form_class = RoundForm
    template_name = "communities/simple_form.html"
    extra_context = {"heading": _("开启评定批次")}
    success_message = _("已开启评定批次。")

    def save(self, form):
        region = jurisdiction_root(self.request.user)
        if region is None:
            raise Http404
        return services.round_open(actor=self.request.user, region=region, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class RoundDetailView(ScopedDetailView):
    model = Round
    template_name = "communities/round_detail.html"

    def get_context_data(self, **kwargs):
        applications = (
            Application.objects.visible_to(self.request.user).filter(round=self.object)
            .with_related().order_by("region_id", "id")
        )  # fmt: skip
        return super().get_context_data(applications=applications, **kwargs)


class ApplicationListView(ScopedListView):
    filterset_class = filters.ApplicationFilter
    model = Application
    template_name = "communities/application_list.html"

    def scope(self, queryset):
        return queryset.with_related()


class ApplicationExportView(ApplicationListView):
    """The applications of the list, its filters applied, as Excel."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        heads = [
            _("区划代码"),
            _("社区（村）"),
            _("批次"),
            _("申报称号"),
            _("状态"),
            _("提交日期"),
            _("认定日期"),
        ]
        rows = ([application.region_id, application.region.name, application.round.name,
                 application.standard.name, application.state_label, application.submitted_on,
                 application.decided_on] for application in self.get_queryset())  # fmt: skip
        return sheet_response(
            "community-applications", _("评定申报"), heads, rows, widths={1: 24, 2: 24, 3: 24}
        )


class ApplicationCreateView(ServiceFormMixin, generic.FormView):
    """A community applies in an open round (from its community page)."""

    permission_required = "communities.add_application"
    form_class = ApplicationForm
    template_name = "communities/simple_form.html"
    success_message = _("已创建申报，请上传证明材料后提交。")

    @cached_property
    def region(self):
        return get_object_or_404(
            Region.objects.editable_by(self.request.user), code=self.kwargs["code"]
        )

    @cached_property
    def round(self):
        return get_object_or_404(
            Round.objects.visible_to(self.request.user), pk=self.kwargs["round"]
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "round": self.round}

    def get_context_data(self, **kwargs):
        heading = _("%(region)s参加%(round)s") % {
            "region": self.region.name,
            "round": self.round.name,
        }
        return super().get_context_data(heading=heading, **kwargs)

    def save(self, form):
        return services.application_create(actor=self.request.user, round=self.round,
                                           region=self.region, **form.cleaned_data)  # fmt: skip

    def get_success_url(self):
        return self.object.get_absolute_url()


class ApplicationDetailView(WorkflowDetailView):
    model = Application
    template_name = "communities/application_detail.html"

    def scope(self, queryset):
        return queryset.with_related()

    def get_context_data(self, **kwargs):
        application = self.object
        judgement = evaluation.judge(application.standard, evaluation.from_json(application.values))
        may_edit = self.may("communities.add_application") and application.workflow.is_editable(
            application.state
        )
        return super().get_context_data(
            judgement=judgement if application.values else None, may_edit=may_edit,
            attachments=application.attachments.all(), attachment_form=AttachmentForm(),
            assessment_form=SelfAssessmentForm(initial={"self_assessment": application.self_assessment}),
            **kwargs,
        )  # fmt: skip


class ApplicationUpdateView(ServiceActionView):
    model = Application
    form_class = SelfAssessmentForm
    service = staticmethod(services.application_update)
    record = "application"
    versioned = True
    done = _("已保存自评情况。")


class AttachmentUploadView(ServiceActionView):
    model = Application
    form_class = AttachmentForm
    service = staticmethod(services.attachment_add)
    record = "application"
    done = _("已上传证明材料。")


class AttachmentDownloadView(EvidenceDownloadView):
    model = ApplicationAttachment
    permission_required = "communities.view_application"


class SubmitView(ServiceActionView):
    model = Application
    service = staticmethod(services.application_submit)
    record = "application"
    done = _("已提交申报，指标值已按今日固定。")


class ApplicationFireView(FireView):
    model = Application


# Titles and re-checks -------------------------------------------------------------------------


class TitleListView(ScopedListView):
    filterset_class = filters.TitleFilter
    model = Title
    template_name = "communities/title_list.html"

    def scope(self, queryset):
        return queryset.with_related()


class TitleExportView(TitleListView):
    """The titles of the list, its filters applied, as Excel."""

    paginate_by = None

    def get(self, request, *args, **kwargs):
        heads = [
            _("区划代码"),
            _("社区（村）"),
            _("称号"),
            _("状态"),
            _("命名日期"),
            _("有效期至"),
            _("撤销原因"),
        ]
        rows = ([title.region_id, title.region.name, title.standard.name, title.state_label, title.granted_on,
                 title.valid_until, title.revoke_reason] for title in self.get_queryset())  # fmt: skip
        return sheet_response(
            "community-titles", _("命名"), heads, rows, widths={1: 24, 2: 24, 6: 40}
        )


class TitleDetailView(WorkflowDetailView):
    model = Title
    template_name = "communities/title_detail.html"

    def scope(self, queryset):
        return queryset.with_related()

    def get_context_data(self, **kwargs):
        rechecks = self.object.rechecks.select_related("recheck")
        return super().get_context_data(rechecks=rechecks, **kwargs)


class RecheckListView(ScopedListView):
    filterset_class = filters.RecheckFilter
    model = Recheck
    template_name = "communities/recheck_list.html"

    def scope(self, queryset):
        mine = jurisdiction_q(self.request.user, "items__region_id")
        return queryset.annotate(
            checked=Count("items", filter=mine),
            failed=Count("items", filter=mine & Q(items__passed=False)),
        ).order_by("-on", "-pk")


class RecheckCreateView(ServiceFormMixin, generic.FormView):
    permission_required = "communities.add_recheck"
    form_class = RecheckForm
    template_name = "communities/simple_form.html"
    extra_context = {
        "heading": _("开展复查"),
        "explanation": _(
            "按今日台账重新计算本辖区该类别全部有效命名（或按比例抽查）的各项条件；不合格的命名即予撤销，原因记入办理过程。"
        ),
    }
    success_message = _("复查已完成。")

    def save(self, form):
        region = jurisdiction_root(self.request.user)
        if region is None:
            raise Http404
        return services.recheck_start(actor=self.request.user, region=region, **form.cleaned_data)

    def get_success_url(self):
        return self.object.get_absolute_url()


class RecheckDetailView(ScopedDetailView):
    model = Recheck
    template_name = "communities/recheck_detail.html"

    def get_context_data(self, **kwargs):
        items = (
            self.object.items.filter(region__in=Region.objects.visible_to(self.request.user))
            .select_related("title__standard", "region").order_by("passed", "region_id")
        )  # fmt: skip
        return super().get_context_data(items=items, **kwargs)
