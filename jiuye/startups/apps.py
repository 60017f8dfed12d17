from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StartupsConfig(AppConfig):
    name = "jiuye.startups"
    label = "startups"
    verbose_name = _("创业服务")

    def ready(self):
        from jiuye.core.navigation import HOME_PANELS
        from jiuye.startups import parameters  # noqa: F401 - registers the parameters
        from jiuye.startups.selectors import home_panel, loan_figures
        from jiuye.startups.subsidy import LOAN_INTEREST
        from jiuye.subsidies import figures, kinds

        kinds.register(LOAN_INTEREST)
        HOME_PANELS.append(home_panel)
        figures.register(
            figures.Source(
                label=_("小额担保贷款"),
                columns=(
                    figures.Column("loan_disbursed", _("当月发放笔数")),
                    figures.Column("loan_disbursed_amount", _("当月发放金额（元）")),
                    figures.Column("loan_outstanding", _("月末未结清笔数")),
                    figures.Column("loan_balance", _("月末贷款余额（元）")),
                    figures.Column("loan_overdue", _("逾期笔数")),
                    figures.Column("loan_overdue_amount", _("逾期金额（元）")),
                ),
                collect=loan_figures,
            )
        )
