"""The bulk downloads kept as files, one per data version: written once, then sent without touching the database.

Writing every line of the country (2.2 million rows) keeps a CPU core busy for most of a minute; a site that did that
for each download would be brought down by a handful of visitors. So each download is written once per data version,
language and site address (its rows carry links), gzip-compressed, into settings.DOWNLOADS_DIR:

- the file of the current version exists: it is sent as it is (gzip to clients that take it, as every browser does)
  by the server's file transfer, with no work in Python;
- it does not: one background thread writes it (a lock file keeps it to one writer across worker processes), and
  every request meanwhile, the first included, is sent the file as it grows, so nobody waits for the whole of it and
  nothing is written twice. A writer that fails leaves no file, and the transfers that followed it break off before
  the `# rows:` line, so no client mistakes a part for the whole;
- `manage.py build_downloads` writes them ahead, after a large import.

A file's name holds the data version, so no file outlives the data it was made from; the files of older versions are
removed once a newer one is complete. DOWNLOADS_DIR empty turns the files off: every download is then written live.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import hashlib
import logging
import os
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from disclosures.versioning import data_version_get

logger = logging.getLogger(__name__)

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESS_LEVEL = 5  # of 9: nearly the size of the best, at twice its speed
READ_SIZE = 256 * 1024
WAIT = 0.2  # seconds between looks at a file that is being written
STARTING = 30  # seconds a reader waits for a writer to create the file
_VERSION = re.compile(r"\.v(\d+)\.")


class DownloadBroken(Exception):
    """The file a transfer was following stopped being written before its end."""


def downloads_dir() -> Path | None:
    folder = getattr(settings, "DOWNLOADS_DIR", "")
    return Path(folder) if folder else None


def download_path(*, folder: Path, name: str, version: int, language: str, base_url: str) -> Path:
    site = hashlib.sha256(base_url.encode()).hexdigest()[:12]
    return folder / f"{Path(name).stem}.v{version}.{language}.{site}.csv.gz"


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _take_lock(path: Path) -> IO | None:
    """The open lock file when this caller may write `path`; None when another is writing it. The lock is advisory
    and dies with its process, so a killed worker never leaves the file locked."""
    lock = open(_lock_path(path), "a")  # noqa: SIM115 - handed to the writer, which closes it
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        return None
    return lock


def _being_written(path: Path) -> bool:
    with open(_lock_path(path), "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(lock, fcntl.LOCK_UN)
        return False


def _remove_older(path: Path, name: str, version: int) -> None:
    """The files of this download made for older data versions, in every language and for every site address."""
    stem = Path(name).stem
    for other in path.parent.glob(f"{stem}.v*"):
        found = _VERSION.match(other.name.removeprefix(stem))
        if found and int(found[1]) < version:
            with contextlib.suppress(OSError):
                other.unlink()


def _write(path: Path, name: str, version: int, chunks: Iterator[str], lock: IO) -> None:
    """Write the chunks into the partial file, then give it its name; run by the one writer, holding `lock`."""
    partial = _partial(path)
    try:
        with gzip.open(partial, "wt", encoding="utf-8", newline="", compresslevel=COMPRESS_LEVEL) as f:
            for chunk in chunks:
                f.write(chunk)
        partial.replace(path)
        _remove_older(path, name, version)
    except BaseException:
        logger.exception("writing the download %s failed", path.name)
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def _write_in_background(
    path: Path, name: str, version: int, chunks: Callable[[], Iterator[str]], lock: IO, language: str
) -> None:
    def run() -> None:
        try:
            with translation.override(language), contextlib.suppress(Exception):  # _write logs; readers see it stop
                _write(path, name, version, chunks(), lock)
        finally:
            connections.close_all()  # this thread's own database connections

    threading.Thread(target=run, name=f"download {path.name}", daemon=True).start()


def _open_growing(path: Path) -> IO | None:
    """The file being written (or, if it was finished meanwhile, the whole file); None when no writer comes."""
    deadline = time.monotonic() + STARTING
    while True:
        for candidate in (_partial(path), path):
            with contextlib.suppress(FileNotFoundError):
                return candidate.open("rb")
        if time.monotonic() > deadline or not _being_written(path):
            return None
        time.sleep(WAIT)


def _same_file(path: Path, f: IO) -> bool:
    with contextlib.suppress(FileNotFoundError):
        return os.stat(path).st_ino == os.fstat(f.fileno()).st_ino
    return False


def _follow(path: Path, f: IO) -> Iterator[bytes]:
    """The bytes of a file that another thread is writing, as they come, until it has its final name."""
    with f:
        while True:
            chunk = f.read(READ_SIZE)
            if chunk:
                yield chunk
            elif _same_file(path, f):  # complete: what is left was written before the rename
                if rest := f.read():
                    yield rest
                return
            elif not _being_written(path) and not _same_file(path, f):
                raise DownloadBroken(path.name)
            else:
                time.sleep(WAIT)


def _unzipped(compressed: Iterator[bytes]) -> Iterator[bytes]:
    inflate = zlib.decompressobj(wbits=31)  # gzip
    for chunk in compressed:
        if out := inflate.decompress(chunk):
            yield out
    if out := inflate.flush():
        yield out


def _response(request: HttpRequest, filename: str, *, whole: IO | None = None, growing: Iterator[bytes] = ()):
    """The gzip bytes sent as they are to a client that takes gzip (a whole file by the server's file transfer),
    inflated here for one that does not."""
    gzip_ok = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    content_type = "text/csv; charset=utf-8"
    if whole is not None and gzip_ok:
        response = FileResponse(whole, content_type=content_type)
    else:
        stream = iter(lambda: whole.read(READ_SIZE), b"") if whole is not None else growing
        response = StreamingHttpResponse(stream if gzip_ok else _unzipped(stream), content_type=content_type)
    if gzip_ok:
        response["Content-Encoding"] = "gzip"  # also keeps GZipMiddleware from compressing it again
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_download(
    request: HttpRequest, *, name: str, chunks: Callable[[], Iterator[str]], live: Callable[[], HttpResponse]
) -> HttpResponse:
    """The download `name` from its file: sent whole when it exists, else followed while one writer makes it from
    `chunks()`. `live()` answers when files are off or no file can be had."""
    folder = downloads_dir()
    if folder is None:
        return live()
    try:
        version = data_version_get()
    except DatabaseError:
        return live()  # which says so with the right status
    language = translation.get_language()
    path = download_path(folder=folder, name=name, version=version, language=language, base_url=_base_url(request))
    with contextlib.suppress(FileNotFoundError):
        return _response(request, name, whole=path.open("rb"))
    folder.mkdir(parents=True, exist_ok=True)
    lock = _take_lock(path)
    if lock is not None:
        if path.exists():  # finished just now by another writer
            fcntl.flock(lock, fcntl.LOCK_UN)
            lock.close()
        else:
            _write_in_background(path, name, version, chunks, lock, language)
    growing = _open_growing(path)
    if growing is None:
        return live()
    return _response(request, name, growing=_follow(path, growing))


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def download_build(*, path: Path, name: str, version: int, chunks: Iterator[str]) -> bool:
    """Write the file of a download ahead of its first request; False when another process is writing it."""
    lock = _take_lock(path)
    if lock is None:
        return False
    _write(path, name, version, chunks, lock)
    return True
