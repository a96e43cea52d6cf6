"""Settings for Netværksstedet, read from environment variables.

The defaults give a working first run on SQLite on one machine; production.py tightens them.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/netvaerk
BASE_DIR = PACKAGE_DIR.parents[1]  # the repository root
VAR_DIR = Path(os.environ.get("NETVAERK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The development default is only ever used on a developer's machine; production.py refuses it.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "netvaerk.core",
    "netvaerk.organisation",
    "netvaerk.networks",
    "netvaerk.networks.contracts",
    "netvaerk.networks.meetings",
    "netvaerk.networks.logbook",
    "netvaerk.evaluation",
    "netvaerk.evaluation.surveys",
    "netvaerk.evaluation.questionnaires",
    "netvaerk.handbook",
    "netvaerk.insights",
    "netvaerk.insights.silos",
    "netvaerk.insights.reports",
    "netvaerk.api",
    "netvaerk.ideas",
    "netvaerk.sso",
    "netvaerk.privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The SAML request/response bookkeeping, in its own cookie (the IdP POSTs back cross-site).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "netvaerk.core.middleware.DanishByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netvaerk.config.urls"
WSGI_APPLICATION = "netvaerk.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "netvaerk.core.context_processors.site",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the first-run SQLite database lives here
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'netvaerk.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTHENTICATION_BACKENDS = [
    # Axes must come first so locked-out users are refused before any password check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Refuses user name and password sign-ins when LOCAL_LOGIN is off (before ModelBackend).
    "netvaerk.sso.backends.LocalLoginSwitch",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on; each does nothing until configured (docs/SSO.md).
    "netvaerk.sso.backends.OIDCBackend",
    "netvaerk.sso.backends.SAMLBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:login"

# Failed sign-ins: five per user name and address, then a cool-off.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_VERBOSE = False

# Single sign-on (docs/SSO.md): OpenID Connect and SAML 2.0, each off until configured here.
# The user name and password form: "true" for everyone, "guests" for invited guests only (the
# staff use single sign-on), "false" for nobody.
LOCAL_LOGIN: bool | str = os.environ.get("LOCAL_LOGIN", "true").strip().lower()
SSO_CREATE_PEOPLE = env_bool("SSO_CREATE_PEOPLE", False)  # unknown people: create or refuse
SSO_SUPPORT_EMAIL = os.environ.get("SSO_SUPPORT_EMAIL", "")  # shown when sign-in is refused
# OpenID Connect (mozilla-django-oidc), e.g. Microsoft Entra ID.
# Trust an e-mail address without an `email_verified` claim (Entra ID sends none): only for a
# single-tenant provider with OIDC_OP_ISSUER set, whose administrators set the addresses.
SSO_OIDC_TRUST_EMAIL = env_bool("SSO_OIDC_TRUST_EMAIL", False)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.environ.get("OIDC_OP_ISSUER", "")  # checked against the ID token when set
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_NONCE = True
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = float(os.environ.get("OIDC_TIMEOUT", "10"))
SSO_OIDC_LABEL = os.environ.get("SSO_OIDC_LABEL", "")  # the button, e.g. "Log ind med Microsoft"
SSO_OIDC_EMAIL_CLAIM = os.environ.get("SSO_OIDC_EMAIL_CLAIM", "email")
SSO_OIDC_EXTERNAL_ID_CLAIM = os.environ.get("SSO_OIDC_EXTERNAL_ID_CLAIM", "oid")
SSO_OIDC_NAME_CLAIM = os.environ.get("SSO_OIDC_NAME_CLAIM", "name")
# SAML 2.0 (djangosaml2, pysaml2 and xmlsec1), e.g. ADFS or KOMBIT's context handler.
SAML_IDP_METADATA_URL = os.environ.get("SAML_IDP_METADATA_URL", "")
SAML_IDP_METADATA_FILE = os.environ.get("SAML_IDP_METADATA_FILE", "")
SAML_IDP_METADATA_CERT = os.environ.get("SAML_IDP_METADATA_CERT", "")
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "")
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "")
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "")
SAML_WANT_RESPONSE_SIGNED = env_bool("SAML_WANT_RESPONSE_SIGNED", True)
SAML_WANT_ASSERTIONS_SIGNED = env_bool("SAML_WANT_ASSERTIONS_SIGNED", True)
SAML_NAME_ID_FORMAT = os.environ.get("SAML_NAME_ID_FORMAT", "")
SAML_ACCEPTED_TIME_DIFF = int(os.environ.get("SAML_ACCEPTED_TIME_DIFF", "60"))  # clock skew (s)
# Attribute names, first present wins: KOMBIT (OIOSAML 3), ADFS claims, then LDAP/OIDs.
SAML_ATTR_EMAIL = os.environ.get(
    "SAML_ATTR_EMAIL",
    "https://data.gov.dk/model/core/eid/email,"
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress,"
    "urn:oid:0.9.2342.19200300.100.1.3,mail,email",
)
SAML_ATTR_EXTERNAL_ID = os.environ.get(
    "SAML_ATTR_EXTERNAL_ID",
    "https://data.gov.dk/model/core/eid/professional/uuid/persistent,"
    "http://schemas.microsoft.com/identity/claims/objectidentifier",
)
SAML_ATTR_NAME = os.environ.get(
    "SAML_ATTR_NAME",
    "https://data.gov.dk/model/core/eid/fullName,"
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name,urn:oid:2.5.4.3,displayName",
)
SAML_ATTR_GIVEN_NAME = os.environ.get(
    "SAML_ATTR_GIVEN_NAME",
    "https://data.gov.dk/model/core/eid/firstName,"
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname,urn:oid:2.5.4.42",
)
SAML_ATTR_SURNAME = os.environ.get(
    "SAML_ATTR_SURNAME",
    "https://data.gov.dk/model/core/eid/lastName,"
    "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname,urn:oid:2.5.4.4",
)
SSO_SAML_LABEL = os.environ.get("SSO_SAML_LABEL", "")  # the button, e.g. "Log ind med KOMBIT"
SAML_CONFIG_LOADER = "netvaerk.sso.saml.config_loader"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"  # no inline script
SAML_SESSION_COOKIE_NAME = "netvaerk_saml"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "netvaerk_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    # The design system comes straight from its npm package (see package-lock.json).
    ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist"),
    ("htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Import files can hold a whole organisation.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
ORG_IMPORT_MAX_BYTES = int(os.environ.get("ORG_IMPORT_MAX_BYTES", str(30 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netvaerksstedet@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The largest file a network may upload (bytes).
NETWORK_DOCUMENT_MAX_BYTES = int(os.environ.get("NETWORK_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024))
# Survey results of a group (or questionnaire) with fewer respondents than this are never shown.
EVALUATION_MIN_GROUP_SIZE = int(os.environ.get("EVALUATION_MIN_GROUP_SIZE", 5))
# The address people reach the platform at, for links in e-mails.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Background work (e-mail, reports) goes through django-tasks; `manage.py db_worker` runs the
# queue. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs it in the request.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline scripts or styles anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Shown in the footer; every Danish public body must publish one (webtilgængelighedsloven).
ACCESSIBILITY_STATEMENT_URL = os.environ.get(
    "ACCESSIBILITY_STATEMENT_URL", "https://www.was.digst.dk/"
)
SITE_NAME = os.environ.get("SITE_NAME", "Netværksstedet")
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "Albertslund Kommune")

PAGE_SIZE = 25

# Retention (`manage.py apply_retention`): guest accounts not signed in to for this many days are
# removed (the person is anonymised), and notifications older than this many days deleted.
RETENTION_GUEST_IDLE_DAYS = int(os.environ.get("RETENTION_GUEST_IDLE_DAYS", "365"))
RETENTION_NOTIFICATION_DAYS = int(os.environ.get("RETENTION_NOTIFICATION_DAYS", "180"))
# Uploaded organisation files (names, e-mail addresses) this old; a preview never applied expires.
RETENTION_IMPORT_FILE_DAYS = int(os.environ.get("RETENTION_IMPORT_FILE_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        # weasyprint tells every layout step at INFO; its warnings still show.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # pysaml2 and its XML schema library tell every step at INFO.
        "saml2": {"level": "WARNING"},
        "xmlschema": {"level": "WARNING"},
    },
}
