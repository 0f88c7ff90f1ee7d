"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from .env import env, env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-local-only-key-do-not-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "axes",
    "disclosures",
    "comparisons",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RejectNulMiddleware",
    "config.middleware.BoundedPagingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and JSON compressed on the way out (Django mitigates BREACH since 4.2); static files come compressed
    # from whitenoise (CompressedManifestStaticFilesStorage writes .gz beside each file at collectstatic).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "disclosures.context_processors.demo",
                "disclosures.context_processors.languages",
            ],
        },
    },
]

# No DATABASE_URL: a SQLite file in the project, so a fresh clone runs with nothing configured.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
# An index of StoredIndicator (stored_indicator_ranked) INCLUDEs region and document, so that PostgreSQL reads the
# slices from the index alone; SQLite has no INCLUDE and builds it on its key columns, which is all it needs there.
# Django's check of that (models.W040) would warn every new user on SQLite at each migrate: silenced on SQLite only,
# so that on PostgreSQL any such warning still shows.
SILENCED_SYSTEM_CHECKS = ["models.W040"] if DATABASES["default"]["ENGINE"].endswith("sqlite3") else []
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
# Each language named in its own words: the menu offers 中文 to a reader of English and English to a reader of Chinese.
LANGUAGES = [("zh-hans", "中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "comparisons:home"
LOGOUT_REDIRECT_URL = "comparisons:home"

# Disclosures are text; anything larger is not one (issue: a 20 MB file gets a clear error).
DISCLOSURE_MAX_BYTES = int(env("DISCLOSURE_MAX_BYTES", str(5 * 1024 * 1024)))
# Published PDFs carry fonts and images: a 30-page disclosure is 0.2–5 MB, a few reach 20.
DISCLOSURE_MAX_PDF_BYTES = int(env("DISCLOSURE_MAX_PDF_BYTES", str(30 * 1024 * 1024)))
# Seconds one document may take to parse before it is refused with a message (disclosures/parsing/budget.py).
DISCLOSURE_PARSE_SECONDS = float(env("DISCLOSURE_PARSE_SECONDS", "20"))

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# Login throttling (django-axes) for the staff login and the admin alike: after AXES_FAILURE_LIMIT wrong passwords
# from one address, or for one user name, logins are refused for the cool-off time (`manage.py axes_reset` unlocks).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"
AXES_CLIENT_IP_CALLABLE = "config.middleware.client_ip"
# Behind a reverse proxy every request comes from the proxy: it must set X-Real-IP, and this says to believe it.
TRUST_X_REAL_IP = env_bool("DJANGO_TRUST_X_REAL_IP", False)

# Content-Security-Policy (django-csp): scripts only from this site, no inline script. Styles may be inline because
# plotly.js writes its own style rules into the page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Public pages are cached per data version (comparisons/caching.py): in each process's memory unless a shared cache is
# configured; an import or a denominator change is seen at once either way, as the key changes.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_ENTRIES", "500"))},
    }
}
# The bulk downloads as files, one per data version (comparisons/download_files.py); empty: always streamed live.
DOWNLOADS_DIR = env("DOWNLOADS_DIR", str(BASE_DIR / "var" / "downloads"))
PUBLIC_PAGE_SECONDS = int(env("PUBLIC_PAGE_SECONDS", "3600"))
