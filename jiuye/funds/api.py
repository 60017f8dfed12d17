"""The platforms' funds in the API: budgets (with their figures by category), their lines
and the spending against them; the same jurisdiction and roles as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers

from jiuye.core import money
from jiuye.core.api import EditableScopedViewSet, expected_version
from jiuye.funds import selectors, services
from jiuye.funds.filters import BudgetLineFilter, PlatformBudgetFilter, SpendingFilter
from jiuye.funds.models import BudgetLine, PlatformBudget, Spending
from jiuye.regions.models import Region

AMOUNT = serializers.DecimalField(max_digits=14, decimal_places=2)


class EditableChoices:
    """The records a serializer's fields name are those the user may edit (``editable``: field
    name to model): another region's record is "not found", as if it did not exist."""

    editable: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        for name, model in self.editable.items():
            user = getattr(request, "user", None)
            self.fields[name].queryset = (
                model.objects.editable_by(user) if user else model.objects.none()
            )


class ServiceWrites:
    """Create and update through the app's services: ``create_service`` is called with the
    actor and the data sent; ``update_service`` with the actor, the record as keyword
    ``record``, the version it was read at and its ``fields`` (the record's own value of those
    not sent)."""

    create_service = update_service = None
    record = ""
    fields: tuple[str, ...] = ()

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = self.create_service(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data, record = dict(serializer.validated_data), serializer.instance
        serializer.instance = self.update_service(
            actor=self.request.user, **{self.record: record}, expected_version=expected_version(data),
            **{name: data.get(name, getattr(record, name)) for name in self.fields},
        )  # fmt: skip


class PlatformBudgetSerializer(EditableChoices, serializers.ModelSerializer):
    editable = {"region": Region}
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.none())
    region_name = serializers.CharField(source="region.name", read_only=True)
    figures = serializers.SerializerMethodField(
        help_text=_(
            "按经费类别（work、staff、project）及合计（total）的预算、支出、余额（元）和执行率（%）"
        )
    )
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = PlatformBudget
        fields = ["id", "region", "region_name", "year", "note", "figures", "version"]
        validators = []  # one budget per platform and year: the service says so at ``year``

    def _figures(self, budget) -> dict:
        """One pair of grouped queries for all budgets of a list (the list serializer's)."""
        found = self.context.setdefault("figures", {})
        if budget.pk not in found:
            listed = getattr(self.parent, "instance", None)
            found.update(selectors.budget_figures(listed if listed is not None else [budget]))
        return found[budget.pk]

    @extend_schema_field(serializers.DictField())
    def get_figures(self, budget):
        return {
            key: {"budget": money.text(each.budget), "spent": money.text(each.spent),
                  "balance": money.text(each.balance), "rate": None if each.rate is None else str(each.rate)}
            for key, each in self._figures(budget).items()
        }  # fmt: skip


class PlatformBudgetViewSet(
    ServiceWrites, mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet
):
    """Platforms' budgets of the jurisdiction by year (``?year=``, ``?region=`` with those
    below), with budget, spending, balance and execution rate by category. The county's finance
    and approver open a budget (region, year, note) and change its note (``version`` required)."""

    queryset = PlatformBudget.objects.all()
    serializer_class = PlatformBudgetSerializer
    filterset_class = PlatformBudgetFilter
    create_service = staticmethod(services.budget_create)
    update_service = staticmethod(services.budget_update)
    record, fields = "budget", ("note",)

    def scope(self, queryset):
        return queryset.select_related("region").order_by("-year", "-id")


class BudgetLineSerializer(EditableChoices, serializers.ModelSerializer):
    editable = {"budget": PlatformBudget}
    budget = serializers.PrimaryKeyRelatedField(queryset=PlatformBudget.objects.none())
    spent = serializers.SerializerMethodField(help_text=_("已支出（元）"))
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "budget",
            "region",
            "category",
            "source",
            "title",
            "amount",
            "spent",
            "version",
        ]
        read_only_fields = ["region"]

    @extend_schema_field(AMOUNT)
    def get_spent(self, line):
        found = self.context.setdefault("spent", {})
        if line.pk not in found:
            listed = getattr(self.parent, "instance", None)
            listed = list(listed) if listed is not None else [line]
            spent = selectors.line_spent(listed)
            found.update({each.pk: spent.get(each.pk, money.ZERO) for each in listed})
        return money.text(found[line.pk])


class BudgetLineViewSet(
    ServiceWrites, mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet
):
    """The lines of the platforms' budgets: category (work 工作经费, staff 人员经费, project
    项目经费), source (own_budget 同级财政预算, purchase 政府购买服务, task_funds 费随事转, reward
    以奖代补), amount and what was spent. Kept by the county (``version`` required to change)."""

    queryset = BudgetLine.objects.all()
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    create_service = staticmethod(services.line_add)
    update_service = staticmethod(services.line_update)
    record, fields = "line", ("category", "source", "title", "amount")

    def scope(self, queryset):
        return queryset.order_by("-id")


class SpendingSerializer(EditableChoices, serializers.ModelSerializer):
    editable = {"line": BudgetLine}
    line = serializers.PrimaryKeyRelatedField(queryset=BudgetLine.objects.none())
    has_file = serializers.SerializerMethodField(help_text=_("是否有凭证附件（在页面上下载）"))
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Spending
        fields = ["id", "line", "region", "spent_on", "amount", "purpose", "voucher", "over_reason",
                  "has_file", "recorded_by", "recorded_on", "version"]  # fmt: skip
        read_only_fields = ["region", "recorded_by", "recorded_on"]

    def get_has_file(self, spending) -> bool:
        return bool(spending.file)


class SpendingViewSet(
    ServiceWrites, mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet
):
    """What was spent against each budget line: day, amount, purpose, voucher number. The
    township records its platform's spending; beyond a line's balance only with
    ``over_reason`` (超预算理由). A change needs ``version``."""

    queryset = Spending.objects.all()
    serializer_class = SpendingSerializer
    filterset_class = SpendingFilter
    create_service = staticmethod(services.spending_add)
    update_service = staticmethod(services.spending_update)
    record, fields = "spending", ("spent_on", "amount", "purpose", "voucher", "over_reason")

    def scope(self, queryset):
        return queryset.order_by("-id")


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("funds/budgets", PlatformBudgetViewSet, basename="funds-budget")
    router.register("funds/lines", BudgetLineViewSet, basename="funds-line")
    router.register("funds/spending", SpendingViewSet, basename="funds-spending")


urlpatterns = []
