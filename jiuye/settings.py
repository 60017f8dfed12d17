"""Settings of jiuye, read from environment variables (see docs/operations.md)."""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from jiuye.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

# JIUYE_ENV=production switches on every setting `manage.py check --deploy` asks for.
PRODUCTION = env_str("JIUYE_ENV", "development") == "production"
DEBUG = env_bool("JIUYE_DEBUG", default=not PRODUCTION)

# In production the app refuses to start with DEBUG on, this key or an active demo account
# (jiuye/core/production.py).
DEVELOPMENT_SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when JIUYE_ENV=production")
    SECRET_KEY = DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "jiuye.core",
    "jiuye.regions",
    "jiuye.staff",
    "jiuye.ledger",
    "jiuye.registration",
    "jiuye.assistance",
    "jiuye.jobs",
    "jiuye.posts",
    "jiuye.flexible",
    "jiuye.training",
    "jiuye.startups",
    "jiuye.communities",
    "jiuye.supervision",
    "jiuye.funds",
    "jiuye.performance",
    "jiuye.policies",
    "jiuye.complaints",
    "jiuye.notices",
    "jiuye.assessment",
    "jiuye.statistics",
    "jiuye.books",
    "jiuye.visits",
    "jiuye.subsidies",  # last: the claims of every line of work (its seeder runs last)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jiuye.core.middleware.SecurityHeadersMiddleware",
    "jiuye.core.audit.AddressMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jiuye.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jiuye.staff.passwords.PasswordExpiryMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jiuye.urls"
WSGI_APPLICATION = "jiuye.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "jiuye" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jiuye.core.context_processors.navigation",
            ],
        },
    },
]

# Database: SQLite by default, anything else through DATABASE_URL
# (e.g. postgres://postgres@127.0.0.1:5432/jiuye).
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Reports group up to a province's million residents in one query: compiling it (JIT)
        # costs more than it saves on queries of a second, and with the default 4 MB the
        # planner sorts on disk what it could hash in memory.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c jit=off -c work_mem={env_str('PG_WORK_MEM', '32MB')}"
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # BEGIN IMMEDIATE takes the write lock up front, so two writers queue
                # instead of one failing half-way; WAL lets readers go on meanwhile.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "staff.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jiuye.staff.backends.RoleBackend",
]
# Passwords (等保): length, character classes, history and expiry (docs/operations.md). Checked
# when a password is set through a form or a service; seeded demo accounts are not.
PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10)
PASSWORD_MIN_CLASSES = env_int("PASSWORD_MIN_CLASSES", 3)
PASSWORD_HISTORY = env_int("PASSWORD_HISTORY", 5)
PASSWORD_EXPIRY_DAYS = env_int("PASSWORD_EXPIRY_DAYS", 90)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "jiuye.staff.passwords.LengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {
        "NAME": "jiuye.staff.passwords.ClassesValidator",
        "OPTIONS": {"min_classes": PASSWORD_MIN_CLASSES},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jiuye.staff.passwords.HistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after this many seconds without a request.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
MESSAGE_STORAGE = "django.contrib.messages.storage.fallback.FallbackStorage"

# Lockout after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "jiuye.staff.views.lockout"
AXES_VERBOSE = False
# Offices share one NAT address: locking by IP would lock out a whole township at once,
# so accounts are locked by user name (axes.W006 asks for the IP as well). Guessing across
# many accounts from one address is slowed by a higher limit per address, counted on the
# audit log's failed logins (jiuye.core.audit.address_blocked).
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
SILENCED_AXES_CHECKS = ["axes.W006"]

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = [
    *SILENCED_AXES_CHECKS,
    *(["security.W021"] if PRODUCTION and not SECURE_HSTS_PRELOAD else []),
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "jiuye" / "locale"]
# Chinese numbers grouped by thousands with a comma, as reports print them (jiuye/formats)
FORMAT_MODULE_PATH = ["jiuye.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Uploaded evidence: kept outside the static files and served only through scoped views.
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
STATIC_ROOT = env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "jiuye" / "static"]
STORAGES = {
    "default": {"BACKEND": "jiuye.core.storage.EvidenceStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_COMPRESS", True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "jiuye.core.drf.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["jiuye.core.drf.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "jiuye.core.drf.Pagination",
    "DEFAULT_SCHEMA_CLASS": "jiuye.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "jiuye.core.drf.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": ["jiuye.core.drf.AddressThrottle", "jiuye.core.drf.UserThrottle"],
    "PAGE_SIZE": 50,
}
# API tokens end after this many days without use; requests are throttled per client address
# (anonymous) and per account (signed in): "<number>/<second|minute|hour|day>".
API_TOKEN_IDLE_DAYS = env_int("API_TOKEN_IDLE_DAYS", 7)
API_THROTTLE_ANON = env_str("API_THROTTLE_ANON", "60/minute")
API_THROTTLE_USER = env_str("API_THROTTLE_USER", "1200/minute")

# The audit log (core.models.AccessLog) keeps rows this many days; 等保 asks six months at least.
AUDIT_KEEP_DAYS = env_int("AUDIT_KEEP_DAYS", 365)
if AUDIT_KEEP_DAYS < 183:
    raise ImproperlyConfigured("AUDIT_KEEP_DAYS must be at least 183 (six months)")

# The status page for monitoring (/status/): open to these addresses, or to anyone sending
# the token as "Authorization: Bearer <token>"; unhealthy when a task waits longer than this.
STATUS_ADDRESSES = env_list("STATUS_ADDRESSES", ["127.0.0.1", "::1"])
STATUS_TOKEN = env_str("STATUS_TOKEN")
STATUS_TASK_WAIT_SECONDS = env_int("STATUS_TASK_WAIT_SECONDS", 600)

SPECTACULAR_SETTINGS = {
    "TITLE": "jiuye API",
    "DESCRIPTION": "基层公共就业服务平台接口 / API of the grassroots public employment service platform",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "EndReasonEnum": "jiuye.registration.choices.EndReason",
        "RegistrationKindEnum": "jiuye.registration.choices.RegistrationKind",
        "ServiceKindEnum": "jiuye.assistance.choices.ServiceKind",
        "HouseholdKindEnum": "jiuye.assistance.choices.HouseholdKind",
        "NotHiredReasonEnum": "jiuye.jobs.choices.NotHiredReason",
        "VacancyStateEnum": "jiuye.jobs.choices.VacancyState",
        "SeekerStatusEnum": "jiuye.jobs.choices.SeekerStatus",
        "LabourStatusEnum": "jiuye.ledger.choices.LabourStatus",
        "CourseKindEnum": "jiuye.training.choices.CourseKind",
        "FlexibleEndReasonEnum": "jiuye.flexible.choices.EndReason",
        "FlexibleWorkFormEnum": "jiuye.flexible.choices.WorkForm",
        "StandardKindEnum": "jiuye.communities.choices.StandardKind",
        "ScorerLevelEnum": "jiuye.assessment.choices.ScorerLevel",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A task running longer than this lost its worker (killed, out of memory): it is reported
# failed (core.tasks.reap_lost). Longer than any task may take.
TASKS_LOST_MINUTES = env_int("TASKS_LOST_MINUTES", 120)
# A list's export of more rows than this is made in the background (core.exporting), and its
# file kept this many hours for the user who asked.
EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 10_000)
EXPORT_KEEP_HOURS = env_int("EXPORT_KEEP_HOURS", 24)

# The ledger books (books/): above this many rows a book is not printed to PDF at once (print
# it community by community); its Excel is made in the background like a list's export.
BOOKS_PDF_MAX_ROWS = env_int("BOOKS_PDF_MAX_ROWS", 3_000)

# Backups (manage.py backup, docs/operations.md): where the dated archives go, and which of them
# a backup keeps: the newest of each of the last BACKUP_KEEP_DAILY days and of each of the last
# BACKUP_KEEP_MONTHLY months.
BACKUP_DIR = env_str("BACKUP_DIR", str(BASE_DIR / "backups"))
BACKUP_KEEP_DAILY = env_int("BACKUP_KEEP_DAILY", 30)
BACKUP_KEEP_MONTHLY = env_int("BACKUP_KEEP_MONTHLY", 12)

JIUYE_DEMO_PASSWORD = env_str("JIUYE_DEMO_PASSWORD", "jiuye-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
