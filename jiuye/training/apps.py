from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "jiuye.training"
    label = "training"
    verbose_name = _("职业培训")

    def ready(self):
        from jiuye.subsidies import figures, kinds
        from jiuye.training import parameters  # noqa: F401 - registers the parameters
        from jiuye.training.figures import TRAINING_FIGURES
        from jiuye.training.subsidy import TRAINING_STARTUP, TRAINING_VOCATIONAL

        kinds.register(TRAINING_VOCATIONAL)
        kinds.register(TRAINING_STARTUP)
        figures.register(TRAINING_FIGURES)
