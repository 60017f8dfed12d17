import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jiuye.settings")
application = get_wsgi_application()
if settings.PRODUCTION:
    from jiuye.core.production import refuse_to_start

    refuse_to_start()  # DEBUG, the development key, demo accounts: gunicorn does not boot
