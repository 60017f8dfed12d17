from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import generic

from jiuye.assessment import services
from jiuye.assessment.choices import Grade
from jiuye.assessment.filters import AssessmentFilter, RoundFilter, WorkerFilter
from jiuye.assessment.forms import (
    AdjustForm,
    DecisionForm,
    RoundForm,
    ScoreForm,
    SelfAssessmentForm,
)
from jiuye.assessment.models import Assessment, Round
from jiuye.assessment.workflow import CLOSED, OPEN, SCORING
from jiuye.core.excel import sheet_response
from jiuye.core.exporting import Column
from jiuye.core.history import timeline
from jiuye.core.registry import registry
from jiuye.core.views import (
    FireView,
    ScopedDetailView,
    ScopedListView,
    ServiceActionView,
    ServiceFormMixin,
    WorkflowDetailView,
)
from jiuye.staff.models import User

PAGE = 50


class RoundListView(ScopedListView):
    """The counties' rounds in the jurisdiction, with their workers and grades."""

    model = Round
    filterset_class = RoundFilter
    template_name = "assessment/round_list.html"
    export_columns = [
        Column(_("考核年度"), "year"), Column(_("名称"), "title", 24), Column(_("区划"), "region.name", 20),
        Column(_("区划代码"), "region_id", 14), Column(_("状态"), "state_label"), Column(_("参加人数"), "workers"),
        Column(_("优秀"), "grade_excellent"), Column(_("称职"), "grade_competent"),
        Column(_("基本称职"), "grade_basic"), Column(_("不称职"), "grade_incompetent"),
        Column(_("连续两年不称职"), "flagged"),
    ]  # fmt: skip
    sort_fields = {"year": "year", "region": "region_id"}
    default_sort = "-year"

    def scope(self, queryset):
        return queryset.with_counts().select_related("region")


class RoundCreateView(ServiceFormMixin, generic.CreateView):
    """Open the county's round of a year, with its scheme."""

    model = Round
    form_class = RoundForm
    permission_required = "assessment.add_round"
    template_name = "assessment/round_form.html"
    success_message = _("年度考核已开启，工作人员的绩、勤已按数据预填。")

    def save(self, form):
        return services.round_open(actor=self.request.user, **form.cleaned_data)


def grade_counts(assessments) -> dict:
    rows = assessments.exclude(grade="").values("grade").annotate(n=Count("pk")).order_by()
    return {row["grade"]: row["n"] for row in rows}


class RoundDetailView(WorkflowDetailView):
    """A round: its scheme, its steps, the grades so far, and its workers with their scores
    (filtered and paged)."""

    model = Round
    template_name = "assessment/round_detail.html"

    def scope(self, queryset):
        return queryset.select_related("org", "region", "opened_by")

    def get_context_data(self, **kwargs):
        round_ = self.object
        assessments = Assessment.objects.visible_to(self.request.user).filter(round=round_)
        data = self.request.GET.copy()
        data.pop("page", None)
        filterset = WorkerFilter(data or None, queryset=assessments)
        if filterset.is_bound and filterset.is_valid():
            assessments = filterset.qs
        page = Paginator(assessments.with_parts().order_by("region_id", "pk"), PAGE).get_page(
            self.request.GET.get("page")
        )
        for assessment in page.object_list:
            assessment.round = round_
        counts = grade_counts(round_.assessments.all())
        return super().get_context_data(
            filter=filterset, page_obj=page, assessments=page.object_list, query_without_page=data.urlencode(),
            grades=[(grade, counts.get(grade, 0)) for grade in Grade], graded=sum(counts.values()),
            excellent_over=services.excellent_over(round_, counts),
            workers=round_.assessments.count(), incomplete=round_.assessments.incomplete().count(),
            can_prefill=self.may("assessment.change_round") and round_.state in (OPEN, SCORING)
            and services.runs_round(self.request.user, round_),
            **kwargs,
        )  # fmt: skip


class RoundFireView(FireView):
    model = Round
    permission_required = "assessment.change_round"


class RoundPrefillView(ServiceActionView):
    model = Round
    permission_required = "assessment.change_round"
    service, record = staticmethod(services.round_prefill), "round_"
    done = _("已按最新数据重新预填绩和勤。")


class RoundExportView(ScopedDetailView):
    """The round's workers, their four sides, total and grade as an Excel file."""

    model = Round

    def get(self, request, *args, **kwargs):
        round_ = self.get_object()
        assessments = Assessment.objects.visible_to(request.user).filter(round=round_)
        rows = (
            [a.org.name, a.region_id, a.worker.name, a.worker.username, a.position, a.de, a.qin,
             a.ji, a.xiao, a.total, a.get_grade_display(), _("是") if a.flagged else "",
             a.get_decision_display(), a.ji_reason, a.qin_reason, a.self_text]
            for a in assessments.select_related("worker", "org").order_by("region_id", "pk")
        )  # fmt: skip
        heads = [_("所在机构"), _("区划代码"), _("姓名"), _("账号"), _("岗位"), _("德"), _("勤"), _("绩"),
                 _("效"), _("总分"), _("等次"), _("连续两年不称职"), _("处理决定"), _("绩的调整理由"),
                 _("勤的调整理由"), _("个人自评")]  # fmt: skip
        return sheet_response(f"assessment-{round_.region_id}-{round_.year}", round_.title, heads, rows,
                              widths={0: 26, 2: 10, 15: 60})  # fmt: skip


class AssessmentListView(ScopedListView):
    """The assessments of the jurisdiction: a township's workers to score, a worker's own."""

    model = Assessment
    filterset_class = AssessmentFilter
    template_name = "assessment/assessment_list.html"
    export_columns = [
        Column(_("考核年度"), "round.year"), Column(_("年度考核"), "round.title", 24),
        Column(_("姓名"), lambda a: a.worker.name or a.worker.username), Column(_("所在机构"), "org.name", 24),
        Column(_("区划代码"), "region_id", 14), Column(_("岗位"), "position"), Column(_("德"), "de"),
        Column(_("勤"), "qin"), Column(_("绩"), "ji"), Column(_("效"), "xiao"), Column(_("总分"), "total"),
        Column(_("等次"), "get_grade_display"), Column(_("连续两年不称职"), "flagged"),
    ]  # fmt: skip
    sort_fields = {"year": "round__year", "region": "region_id", "total": "total"}
    default_sort = "-year"

    def scope(self, queryset):
        return queryset.select_related("worker", "org", "round")


def sources(assessment) -> dict:
    """The prefilled 绩 and 勤 in words: each share of the post's targets and each kind of
    visit by the label of its registered work and indicator."""
    works, indicators = registry["work"], registry["indicators"]

    def label(code):
        return works[code].label if code in works else code

    ji = [
        {**source, "label": label(source["work"]),
         "indicator": indicators[works[source["work"]].indicator].label
         if source["work"] in works and works[source["work"]].indicator in indicators else ""}
        for source in (assessment.ji_sources or {}).get("shares", [])
    ]  # fmt: skip
    qin = dict(assessment.qin_sources or {})
    qin["visits"] = [{**each, "label": label(each["work"])} for each in qin.get("visits", [])]
    return {"ji": ji, "qin": qin}


def changes(assessment, viewer) -> list:
    """The assessment's history, without the tables of sources (worked out again at each
    prefill; the scores they gave are kept)."""
    sources = {
        str(Assessment._meta.get_field(name).verbose_name) for name in ("ji_sources", "qin_sources")
    }
    entries = []
    for entry in timeline(assessment.history.all(), assessment.scores.model.history.filter(
            assessment_id=assessment.pk), viewer=viewer):  # fmt: skip
        if entry.changes:
            entry.changes = [change for change in entry.changes if change.field not in sources]
            if not entry.changes:
                continue
        entries.append(entry)
    return entries


class AssessmentDetailView(ScopedDetailView):
    """A worker's assessment (the form of the round): the self-assessment, 绩 and 勤 with
    their sources, the levels' scores of 德 and 效, the total and grade, and what the user may
    do here — write the self-assessment, score, adjust a prefilled side, decide."""

    model = Assessment
    template_name = "assessment/assessment_detail.html"

    def scope(self, queryset):
        return queryset.with_parts().select_related("round__region", "decided_by")

    @cached_property
    def levels(self):
        return services.scorer_levels(self.request.user, self.object) if self.editable else []

    def get_context_data(self, **kwargs):
        assessment, user = self.object, self.request.user
        state = assessment.round.state
        scoring = state == SCORING and self.editable
        own = user.pk == assessment.worker_id and state in (OPEN, SCORING)
        decide = (
            assessment.flagged and state == CLOSED and self.may("assessment.decide_assessment")
            and services.runs_round(user, assessment.round)
        )  # fmt: skip
        scores = {score.level: score for score in assessment.scores.all()}
        return super().get_context_data(
            sources=sources(assessment),
            scores=[(level, scores.get(level)) for level in assessment.levels],
            weights=assessment.round.level_weights,
            provisional=assessment.compute_total(),
            self_form=SelfAssessmentForm(initial={"text": assessment.self_text}) if own else None,
            score_form=ScoreForm(levels=self.levels) if scoring and self.levels else None,
            adjust_form=AdjustForm() if scoring and {"township", "county"} & set(self.levels) else None,
            decision_form=DecisionForm() if decide else None,
            history=changes(assessment, user),
            **kwargs,
        )  # fmt: skip


class SelfAssessView(ServiceActionView):
    model = Assessment
    form_class = SelfAssessmentForm
    permission_required = "assessment.submit_assessment"
    service, record = staticmethod(services.self_assess), "assessment"
    done = _("个人自评已提交。")


class ScoreView(ServiceActionView):
    model = Assessment
    form_class = ScoreForm
    permission_required = "assessment.score_assessment"
    service, record = staticmethod(services.score_save), "assessment"
    done = _("评分已保存。")


class AdjustView(ServiceActionView):
    model = Assessment
    form_class = AdjustForm
    permission_required = "assessment.score_assessment"
    service, record = staticmethod(services.adjust), "assessment"
    done = _("已调整预填分数。")


class DecideView(ServiceActionView):
    model = Assessment
    form_class = DecisionForm
    permission_required = "assessment.decide_assessment"
    service, record = staticmethod(services.decide), "assessment"
    done = _("处理决定已记录。")


class WorkerView(ScopedDetailView):
    """A worker's assessments over the years (考核历史): the page the staff record links to."""

    model = User
    pk_url_kwarg = "user"
    permission_required = "assessment.view_assessment"
    template_name = "assessment/worker.html"
    context_object_name = "worker"

    def scope(self, queryset):
        return queryset.select_related("org", "position")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            assessments=Assessment.objects.visible_to(self.request.user).filter(worker=self.object)
            .select_related("round", "org").order_by("-round__year"),
            **kwargs,
        )  # fmt: skip
