"""WSGI entry point; production runs `gunicorn netvaerk.config.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netvaerk.config.settings.production")
application = get_wsgi_application()
