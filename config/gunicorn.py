"""gunicorn settings for production: `gunicorn -c config/gunicorn.py config.wsgi`.

Threaded workers (gthread), sized for a 2-core machine: 2 processes, each serving GUNICORN_THREADS requests at once,
so static files and quick pages are never queued behind a slow page or a long download. A gthread worker tells the
arbiter it is alive while its threads work, so `timeout` never cuts off a download in progress: it only restarts a
worker whose process has hung. Every value can be set from the environment.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle a worker now and then, so memory lost to fragmentation comes back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
