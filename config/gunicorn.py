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
# The application is loaded once, before the workers are forked; each worker then reads the URL patterns, templates
# and translations that Django otherwise reads on the first requests, so no visitor waits for that.
preload_app = True


def post_worker_init(worker):
    import gc

    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - read for its side effect: the URL patterns loaded
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("首页")
    for name in ("comparisons/dashboard.html", "comparisons/bureau.html", "disclosures/disclosure_detail.html"):
        try:
            get_template(name)
        except Exception:  # a warm-up only: a template that cannot be read shows on its page
            worker.log.warning("warm-up: template %s not found", name)
    # What the worker has loaded lives as long as it does: kept out of the collector's full passes, which otherwise
    # walk it all (~70 ms on this machine) whenever a request has made enough objects, as a table export does.
    gc.collect()
    gc.freeze()
