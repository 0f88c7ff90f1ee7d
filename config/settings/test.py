"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Pages are not cached in tests, where factories change data without the services that bump the data version;
# tests/comparisons/test_caching.py turns a real cache on.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Downloads stream live: factories change data without bumping the data version the files are named by;
# tests/comparisons/test_download_files.py turns the files on.
DOWNLOADS_DIR = ""
