"""The bulk downloads as files: what a downloader receives is what the live stream would have sent, whole, and a file
never outlives the data it was made from.

The files are written by a background thread with its own database connection, so these tests commit their data
(transactional_db) instead of keeping it in the test's transaction.
"""

from __future__ import annotations

import gzip
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.http import FileResponse

from comparisons import downloads
from comparisons.download_files import DownloadBroken
from disclosures.models import Region
from disclosures.services.regions import region_load_csv
from disclosures.versioning import data_version_bump

from .test_downloads import COUNTIES, _document, break_lines_midway

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def files_on(settings, tmp_path):
    if not Region.objects.exists():  # a transactional test starts from the flushed database
        region_load_csv()
    settings.DOWNLOADS_DIR = str(tmp_path)
    return tmp_path


def received(response) -> bytes:
    """What a client ends up with: the body, inflated when it came gzip-encoded."""
    body = b"".join(response.streaming_content)
    return gzip.decompress(body) if response.get("Content-Encoding") == "gzip" else body


def live(client, settings, url: str) -> bytes:
    folder, settings.DOWNLOADS_DIR = settings.DOWNLOADS_DIR, ""
    try:
        return received(client.get(url))
    finally:
        settings.DOWNLOADS_DIR = folder


def written(folder, stem: str) -> list[str]:
    return sorted(p.name for p in folder.glob(f"{stem}.v*.csv.gz"))


@pytest.mark.parametrize("url", ["/downloads/lines.csv", "/downloads/indicators.csv"])
def test_the_first_download_is_written_once_and_every_later_one_is_the_same_file(client, settings, files_on, url):
    for code in COUNTIES[:3]:
        _document(code)
    data_version_bump()
    expected = live(client, settings, url)
    assert expected.startswith("\ufeff".encode()) and b"# rows: " in expected[-40:]

    first = client.get(url)  # follows the file while the background writer makes it
    filename = url.rsplit("/", 1)[1]
    assert first["Content-Disposition"].endswith(f'filename="{filename}"')
    assert received(first) == expected
    stem = filename.removesuffix(".csv")
    assert len(written(files_on, stem)) == 1
    assert not list(files_on.glob("*.partial"))

    again = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert isinstance(again, FileResponse)  # the server's file transfer, no rows made in Python
    assert again["Content-Encoding"] == "gzip" and "Accept-Encoding" in again["Vary"]
    assert received(again) == expected
    assert received(client.get(url)) == expected  # inflated for a client that takes no gzip


def test_a_file_is_read_without_touching_the_lines(client, files_on, django_assert_max_num_queries):
    _document()
    data_version_bump()
    received(client.get("/downloads/lines.csv"))
    with django_assert_max_num_queries(1):  # the data version, to name the file
        response = client.get("/downloads/lines.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert isinstance(response, FileResponse)


def test_new_data_gets_a_new_file_and_the_old_one_goes(client, settings, files_on):
    _document("130636")
    data_version_bump()
    before = received(client.get("/downloads/lines.csv"))
    old = written(files_on, "lines")

    _document("411103")
    data_version_bump()
    after = received(client.get("/downloads/lines.csv"))
    assert "郾城区".encode() in after and "郾城区".encode() not in before
    assert after == live(client, settings, "/downloads/lines.csv")
    # The writer removes the older file just after it names the new one, which the client may have finished first.
    deadline = time.monotonic() + 30
    while len(written(files_on, "lines")) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert written(files_on, "lines") != old and len(written(files_on, "lines")) == 1


def test_each_language_has_its_own_file(client, files_on):
    _document()
    data_version_bump()
    chinese = received(client.get("/downloads/lines.csv"))
    english = received(client.get("/en/downloads/lines.csv"))
    assert "科目编码".encode() in chinese.splitlines()[0]
    assert b"Item code" in english.splitlines()[0]
    assert len(written(files_on, "lines")) == 2


def test_a_writer_that_fails_leaves_no_file_and_the_transfer_breaks_off(client, files_on, monkeypatch):
    for code in COUNTIES[:3]:
        _document(code)
    data_version_bump()
    real = downloads.line_rows
    break_lines_midway(monkeypatch)
    response = client.get("/downloads/lines.csv")
    chunks = []
    # The client sees a broken transfer, never a `# rows:` line: it was following the file when the writer failed,
    # or, when the writer failed before the client came to its file, it was sent the rows live, which fail too.
    with pytest.raises((DownloadBroken, OperationalError)):
        for chunk in response.streaming_content:
            chunks.append(chunk)
    assert b"# rows:" not in b"".join(chunks)  # inflated: the test client asks for no gzip
    assert written(files_on, "lines") == [] and not list(files_on.glob("*.partial"))

    monkeypatch.setattr(downloads, "line_rows", real)
    assert b"# rows: 6" in received(client.get("/downloads/lines.csv"))[-20:]  # the next one writes it whole


def test_build_downloads_writes_every_file_ahead(client, settings, files_on):
    settings.ALLOWED_HOSTS = ["testserver"]
    _document()
    data_version_bump()
    out = StringIO()
    call_command("build_downloads", "--base-url", "http://testserver/", stdout=out)
    assert len(list(files_on.glob("*.csv.gz"))) == 4  # two downloads in two languages
    response = client.get("/downloads/indicators.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert isinstance(response, FileResponse)
    assert received(response) == live(client, settings, "/downloads/indicators.csv")
