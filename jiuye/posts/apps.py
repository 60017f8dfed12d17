from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "jiuye.posts"
    label = "posts"
    verbose_name = _("公益性岗位")

    def ready(self):
        from jiuye.posts import parameters  # noqa: F401 - registers the parameters
        from jiuye.posts.selectors import SOURCE
        from jiuye.posts.subsidy import KINDS
        from jiuye.subsidies import figures, kinds

        for kind in KINDS:
            kinds.register(kind)
        figures.register(SOURCE)
