"""The policy parameters of this line of work (registered by its ``AppConfig.ready``)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.parameters import Parameter

PARAMETERS = (
    Parameter(
        "ledger.working_age_min", _("劳动年龄下限"), int, 16, _("周岁"), _("《劳动法》第十五条")
    ),
    Parameter(
        "ledger.retirement_age_male",
        _("男性法定退休年龄"),
        int,
        60,
        _("周岁"),
        _("国发〔1978〕104号；2025年起按渐进式延迟退休改革调整"),
    ),
    Parameter(
        "ledger.retirement_age_female",
        _("女性法定退休年龄"),
        int,
        55,
        _("周岁"),
        _("国发〔1978〕104号（女干部55周岁）；2025年起按渐进式延迟退休改革调整"),
    ),
)

PARAMETERS += (
    Parameter("ledger.import_max_mb", _("台账导入文件大小上限"), int, 10, "MB"),
    Parameter("ledger.import_max_rows", _("台账导入行数上限"), int, 50_000, _("行")),
    Parameter("ledger.export_max_rows", _("台账导出人数上限"), int, 100_000, _("人")),
)
