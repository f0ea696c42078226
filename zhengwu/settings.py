"""One settings file, configured from the environment; bad values fail loudly.

DATABASE_URL   sqlite:///path or postgres://user@host:port/db (default: ./zhengwu.sqlite3)
ZHENGWU_SECRET_KEY, ZHENGWU_DEBUG (0/1), ZHENGWU_ALLOWED_HOSTS (comma separated)
ZHENGWU_SITE_NAME  who runs the site, shown to staff (authenticator apps, mails); default 重庆市綦江区人民政府
"""
import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {value!r}")


DEBUG = envbool("ZHENGWU_DEBUG", False)
# A fixed development key is fine on a laptop; production must set its own.
SECRET_KEY = os.environ.get("ZHENGWU_SECRET_KEY") or "zhengwu-dev-only-key-change-me-in-production-8c1f"
ALLOWED_HOSTS = [h for h in os.environ.get("ZHENGWU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]
# The government running this site, as staff see it: the authenticator apps' account label, reset mails.
ZHENGWU_SITE_NAME = (os.environ.get("ZHENGWU_SITE_NAME") or "").strip() or "重庆市綦江区人民政府"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "zhengwu.core",
    "zhengwu.gazette",
    "zhengwu.org",
    "zhengwu.desk",  # below the programmes: login, second factor, the desk home every system registers with
    "zhengwu.reports",
    "zhengwu.subsidies",
    "zhengwu.waste",
    "zhengwu.supervision",
    "zhengwu.awards",
    "zhengwu.demo",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",  # last, as django-axes asks: its signal handlers see every other app's auth set up
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhengwu.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): second factor of this session
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "zhengwu.urls"
WSGI_APPLICATION = "zhengwu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

_default_db = f"sqlite:///{Path.cwd() / 'zhengwu.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or _default_db)}
except Exception as exc:  # dj_database_url raises several kinds; one clear message is enough
    raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from exc
# Keep a worker's connection between requests: a new PostgreSQL connection is a server process forked per
# request, which halved public intake (docs/PERFORMANCE.md). No health check per request (a SELECT 1 round
# trip each): after a database restart the first request on a stale connection fails and Django drops it.
_conn_age = os.environ.get("ZHENGWU_DB_CONN_MAX_AGE", "600")
if not _conn_age.isdigit():
    raise ImproperlyConfigured(f"ZHENGWU_DB_CONN_MAX_AGE must be a number of seconds (0 = close after each "
                               f"request), not {_conn_age!r}")
DATABASES["default"]["CONN_MAX_AGE"] = int(_conn_age)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the portal read while an import writes.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
DATABASES["default"]["TEST"] = {"NAME": None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only a production deployment collects static files (set ZHENGWU_STATIC_ROOT, run collectstatic);
# otherwise WhiteNoise serves them straight from the package.
STATIC_ROOT = os.environ.get("ZHENGWU_STATIC_ROOT") or None
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step for `make run`

# Reports' keys stay outside the database (綦应急发〔2021〕41号 第十条); BASE_DIR is the package, so var/ beside it.
REPORTS_KEY_FILE = Path(os.environ.get("ZHENGWU_REPORTS_KEY_FILE") or BASE_DIR.parent / "var" / "reports.keys")
MEDIA_ROOT = Path(os.environ.get("ZHENGWU_MEDIA_ROOT") or BASE_DIR.parent / "var" / "media")

# Staff accounts of every system (the desk app): login at /accounts/login/, strong passwords, lockout, TOTP;
# a login lands on the desk home, which lists the systems this user may open.
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/desk/"
LOGOUT_REDIRECT_URL = "/accounts/login/"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked account before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: 5 wrong passwords lock the user name for 30 minutes. By user name only, and neither the
# client's IP address nor its browser string is kept (the staff login needs neither).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "zhengwu.desk.accounts.no_client_ip"
AXES_HANDLER = "zhengwu.desk.accounts.LeanAxesHandler"
AXES_DISABLE_ACCESS_LOG = True  # no record of each successful login beyond Django's own last_login
AXES_LOCKOUT_TEMPLATE = "desk/accounts/locked_out.html"
OTP_TOTP_ISSUER = ZHENGWU_SITE_NAME  # one authenticator entry per person, whichever systems they work in
# axes.W006 warns that a lockout without the IP address can be dodged by rotating addresses; here the
# lockout is by user name alone on purpose (no addresses kept), so rotating anything does not help.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Password-reset mail: printed to the console on a developer's machine, sent by SMTP (Django's EMAIL_HOST,
# EMAIL_PORT… defaults: the local mail relay) otherwise.
EMAIL_BACKEND = ("django.core.mail.backends.console.EmailBackend" if DEBUG
                 else "django.core.mail.backends.smtp.EmailBackend")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy: everything from this origin, nothing from outside (intranets have no internet).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
