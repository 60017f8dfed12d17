from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "jiuye.posts"
    label = "posts"
    verbose_name = _("公益性岗位")

    def ready(self):
        from jiuye.core.registry import Task, Urls, register, register_permissions
        from jiuye.posts import (
            indicators,
            parameters,
            permissions,
            seeding,
            selectors,
            subsidy,
            urls,
        )
        from jiuye.subsidies import kinds

        register_permissions(permissions.PERMISSIONS)
        register("menu", urls.MENU)
        register("parameters", *parameters.PARAMETERS)
        register("urls", Urls("posts/", "jiuye.posts.urls", api="jiuye.posts.api"))
        for kind in subsidy.KINDS:
            kinds.register(kind)
        register("indicators", *indicators.INDICATORS)
        register("contracts", selectors.contracts)
        register("seeders", Task("posts", _("公益性岗位"), seeding.seed))
