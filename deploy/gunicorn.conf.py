"""gunicorn's settings for jiuye (jiuye-web.service runs ``gunicorn -c this-file jiuye.wsgi``).

Each can be changed in the environment (the service's env file) without editing this file.
"""

import os

# nginx in front forwards to this address (deploy/nginx/jiuye.conf).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Two processes a core: the pages wait on the database more than they compute.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1)))
worker_class = "sync"
# Exports and PDFs of up to BOOKS_PDF_MAX_ROWS rows are made in the request; larger work goes
# to the task worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
graceful_timeout = 30
keepalive = 5
# A process is replaced after this many requests, so a slow leak never grows for ever.
max_requests = 2000
max_requests_jitter = 200
# Each process loads the app itself: a refusal to start in production (jiuye/core/production.py)
# stops gunicorn ("Worker failed to boot", exit status 3) instead of serving.
preload_app = False
# The client's address and scheme come from nginx on this machine only.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "jiuye"
