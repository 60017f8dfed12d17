from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostsConfig(AppConfig):
    name = "jiuye.posts"
    label = "posts"
    verbose_name = _("公益性岗位")
