"""What production (``JIUYE_ENV=production``) refuses to start with: DEBUG on, the development
secret key, or a demo account still active with the demo password.

The web application checks at start (jiuye/wsgi.py: gunicorn does not boot), and
``manage.py check --deploy`` reports the same as errors (the services run it before the worker
starts). No password is hashed for a database without demo accounts: the seed gives every demo
account one hash with a salt of its own (``seeding.DEMO_SALT``) that ``set_password`` never
draws, so a query finds them; hashes that several active accounts share (a seed made before
that salt) are checked against the demo password once each.
"""

import logging

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connection, connections
from django.db.models import Count, Q

from jiuye.core.seeding import DEMO_SALT

logger = logging.getLogger(__name__)
DEFAULT_DEMO_PASSWORD = "jiuye-demo"
# The messages are in both languages at once: an operator reads them in a terminal or a log.
NO_SEED = (
    "生产环境（JIUYE_ENV=production）不能生成演示数据。"
    " / The demo data cannot be seeded in production (JIUYE_ENV=production)."
)


def demo_accounts():
    """The active accounts that still have the demo password the seed gave them."""
    from jiuye.staff.models import User

    active = User.objects.filter(is_active=True)
    shared = (
        active.order_by()
        .values("password")
        .annotate(accounts=Count("pk"))
        .filter(accounts__gt=1)
        .values_list("password", flat=True)
    )
    demo = {settings.JIUYE_DEMO_PASSWORD, DEFAULT_DEMO_PASSWORD}
    shared_demo = [h for h in shared if any(check_password(raw, h) for raw in demo)]
    return active.filter(Q(password__contains=f"${DEMO_SALT}$") | Q(password__in=shared_demo))


def problems() -> list[str]:
    """Why production must not start, each in Chinese and English (none when not production)."""
    if not settings.PRODUCTION:
        return []
    found = []
    if settings.DEBUG:
        found.append(
            "生产环境不能打开调试模式：去掉 JIUYE_DEBUG 或设为 false。"
            " / DEBUG is on in production: unset JIUYE_DEBUG or set it to false."
        )
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY or settings.SECRET_KEY.startswith(
        "django-insecure"
    ):
        found.append(
            "生产环境使用了开发用的密钥：把 SECRET_KEY 设为一个长的随机值。"
            " / SECRET_KEY is the development key: set it to a long random value."
        )
    from jiuye.staff.models import User

    try:
        migrated = User._meta.db_table in connection.introspection.table_names()
        accounts = demo_accounts() if migrated else User.objects.none()
        count = accounts.count()
    except DatabaseError as error:
        # The database is down: every page fails until it is back, and each gunicorn process
        # started after that (max_requests) checks again.
        logger.warning("The demo accounts could not be checked: %s", error)
        count = 0
    if count:
        names = "、".join(accounts.order_by("username").values_list("username", flat=True)[:3])
        found.append(
            f"仍有 {count} 个演示账号有效且使用演示密码（{names}…）：停用这些账号或修改其密码"
            "（见 docs/operations.md）。"
            f" / {count} demo accounts are still active with the demo password ({names}…):"
            " deactivate them or change their passwords (see docs/operations.md)."
        )
    return found


def refuse_to_start() -> None:
    """Raise if production must not start; called when the web application loads."""
    found = problems()
    connections.close_all()  # not to hand a connection to the processes a server forks
    if found:
        raise ImproperlyConfigured(
            "拒绝在生产环境启动 / Refusing to start in production:\n"
            + "\n".join(f"- {text}" for text in found)
        )


def check(app_configs, **kwargs):
    """``manage.py check --deploy``: the same as errors."""
    return [checks.Error(text, id="jiuye.E001") for text in problems()]
