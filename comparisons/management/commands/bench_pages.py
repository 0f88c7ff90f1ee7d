"""`make bench-pages`: every public page's server time, queries and weight, printed (never asserted).

Each page is requested through Django's test client (the whole stack but the network: middleware, views,
templates, gzip), `--runs` times after one warm-up. For each it prints the median and p95 server time, the
number of queries, the bytes sent (gzip, as a browser asks) and the raw size, the first-load weight (the page
and the scripts and stylesheets it loads, gzipped as whitenoise serves them), and the time of the same SQL
replayed raw on the database cursor with the ratio page ÷ SQL: what the page costs beyond its queries.
"""

from __future__ import annotations

import gc
import gzip
import json
import re
import statistics
import time
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from disclosures.models import Bureau, Disclosure

ASSET = re.compile(r'(?:src|href)="(/static/[^"]+\.(?:js|css))"')


def _pages() -> list[tuple[str, str, int]]:
    """(name, path, runs) of each public page, with real ids from the database."""
    bureaus = list(
        Bureau.objects.filter(disclosures__status=Disclosure.Status.CURRENT)
        .distinct()
        .order_by("region__code")
        .values_list("pk", flat=True)[:20]
    )
    document = (
        Disclosure.objects.filter(bureau_id=bureaus[0], status=Disclosure.Status.CURRENT)
        .order_by("-fiscal_year")
        .first()
    )
    county = Bureau.objects.get(pk=bureaus[0]).region.name
    compare = "&".join(f"bureau={pk}" for pk in bureaus)
    return [
        ("dashboard", "/", 0),
        ("dashboard, county found", f"/?county={county}", 0),
        ("compare 20", f"/compare/?{compare}", 0),
        ("bureau", f"/bureaus/{bureaus[0]}/", 0),
        ("document", f"/documents/{document.pk}/", 0),
        ("search", "/search/?q=县", 0),
        ("methods", "/methods/", 0),
        ("API docs", "/api/", 0),
        ("API indicators list", "/api/indicators/?limit=100", 0),
        ("API documents list", "/api/documents/?limit=100", 0),
        ("API document detail", f"/api/documents/{document.pk}/", 0),
        ("table CSV", "/?_export=csv&_table=running", 0),
        ("table XLSX", "/?_export=xlsx&_table=running", 0),
        ("bulk indicators CSV", "/downloads/indicators.csv", 1),
        ("bulk lines CSV", "/downloads/lines.csv", 1),
    ]


def _asset_bytes(html: str, cache: dict[str, int]) -> int:
    total = 0
    for url in set(ASSET.findall(html)):
        if url not in cache:
            path = finders.find(url.removeprefix("/static/"))
            cache[url] = len(gzip.compress(Path(path).read_bytes(), 9)) if path else 0
        total += cache[url]
    return total


def _replay(queries: list[dict]) -> float:
    """The page's SQL, run again raw on the cursor (no ORM, no Python around it), in seconds."""
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for q in queries:
            sql = q["sql"]
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute(sql)
            cursor.fetchall()
    return time.perf_counter() - start


DUMMY = "django.core.cache.backends.dummy.DummyCache"


class Command(BaseCommand):
    help = "基准：每个公开页面的服务器耗时（中位数、p95）、查询数、传输字节，以及同样 SQL 直接执行的耗时和比值。"

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=7, help="每个页面请求次数（另有一次预热）")
        parser.add_argument("--save", help="把结果写成 JSON（作为 --baseline 与另一数据量比较）")
        parser.add_argument(
            "--baseline",
            action="append",
            default=[],
            help="另一次 --save 的结果：打印页面耗时的增长倍数（可给多次，每个一列）",
        )
        parser.add_argument("--only", help="只测名称含此词的页面")
        parser.add_argument("--skip", help="不测名称含此词的页面（如 bulk）")
        parser.add_argument(
            "--no-freeze",
            action="store_true",
            help="不像 gunicorn 工作进程那样在预热后冻结已加载的对象（gc.freeze），以便与旧的测量比较",
        )
        parser.add_argument(
            "--cached",
            action="store_true",
            help="经页面缓存和已写好的下载文件测（默认不经缓存：每次都查询、渲染，下载实时生成）",
        )

    def handle(self, *args, **options):
        # By default every request does its whole work: no page cache, downloads streamed live.
        uncached = {} if options["cached"] else {"CACHES": {"default": {"BACKEND": DUMMY}}, "DOWNLOADS_DIR": ""}
        with override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"], **uncached):
            results = self._bench(options)
        results["cached"] = options["cached"]
        if options["save"]:
            Path(options["save"]).write_text(json.dumps(results, ensure_ascii=False, indent=1))
        baselines = [json.loads(Path(path).read_text()) for path in options["baseline"]]
        self._print(results, baselines)

    def _bench(self, options) -> dict:
        documents = Disclosure.objects.filter(status=Disclosure.Status.CURRENT).count()
        client = Client(HTTP_ACCEPT_ENCODING="gzip")
        cache: dict[str, int] = {}
        results = {"documents": documents, "database": connection.vendor, "pages": {}}
        frozen = False
        for name, path, runs in _pages():
            if options["only"] and options["only"] not in name:
                continue
            if options["skip"] and options["skip"] in name:
                continue
            runs = runs or options["runs"]
            times, sql_times = [], []
            warm = runs > 1  # the bulk downloads run once, cold: they take seconds to minutes
            for attempt in range(runs + int(warm)):
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = client.get(path)
                    if response.streaming:
                        body, first, complete = self._stream(response, start)
                    else:
                        body, first, complete = response.content, None, True
                    elapsed = time.perf_counter() - start
                if response.streaming:
                    # A bulk download: time to the first bytes and the rate; its SQL is a server-side cursor read
                    # as it streams, not replayed.
                    results["pages"][name] = self._bulk(path, response, body, first, elapsed, complete, ctx)
                    break
                if warm and attempt == 0:
                    if not frozen and not options["no_freeze"]:
                        # As a gunicorn worker after its warm-up (config/gunicorn.py): what is loaded is kept out
                        # of the collector's full passes.
                        gc.collect()
                        gc.freeze()
                        frozen = True
                    continue  # warm-up
                times.append(elapsed)
                sql_times.append(_replay(ctx.captured_queries))
            if response.streaming:
                continue
            sent = len(body)
            raw = len(gzip.decompress(body)) if response.get("Content-Encoding") == "gzip" else sent
            html = (
                gzip.decompress(body).decode("utf-8", "replace") if response.get("Content-Encoding") == "gzip" else ""
            )
            if not html and response.get("Content-Type", "").startswith("text/html"):
                html = body.decode("utf-8", "replace")
            first_load = sent + (_asset_bytes(html, cache) if html else 0)
            times.sort()
            results["pages"][name] = {
                "path": path,
                "status": response.status_code,
                "median_ms": statistics.median(times) * 1000,
                "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))] * 1000,
                "queries": len(ctx.captured_queries),
                "sent": sent,
                "raw": raw,
                "first_load": first_load,
                "sql_ms": statistics.median(sql_times) * 1000,
            }
        return results

    LIMIT = 30.0  # seconds a bulk download is read for

    def _stream(self, response, start: float) -> tuple[bytes, float | None, bool]:
        chunks, first = [], None
        for chunk in response.streaming_content:
            if first is None:
                first = time.perf_counter() - start
            chunks.append(chunk)
            if time.perf_counter() - start > self.LIMIT:
                response.close()
                return b"".join(chunks), first, False
        return b"".join(chunks), first, True

    def _bulk(self, path, response, body, first, elapsed, complete, ctx) -> dict:
        text = gzip.decompress(body) if response.get("Content-Encoding") == "gzip" and complete else body
        rows = text.count(b"\n") if complete else None
        return {
            "path": path,
            "status": response.status_code,
            "median_ms": elapsed * 1000,
            "p95_ms": elapsed * 1000,
            "queries": len(ctx.captured_queries),
            "sent": len(body),
            "raw": len(text),
            "first_load": len(body),
            "sql_ms": 0.0,
            "bulk": {"first_bytes_ms": (first or 0) * 1000, "complete": complete, "rows": rows},
        }

    def _print(self, results: dict, baselines: list[dict]) -> None:
        against = " and ".join(f"{b['documents']}" for b in baselines)
        self.stdout.write(
            f"{results['database']}, {results['documents']} current documents"
            + (f" (growth against {against} documents)" if baselines else "")
            + (
                "; served from the page cache"
                if results.get("cached")
                else "; no page cache: every request queries and renders"
            )
        )
        header = (
            f"{'page':<26}{'status':>6}{'median ms':>10}{'p95 ms':>8}{'queries':>8}{'sent KB':>9}{'raw KB':>9}"
            f"{'1st load KB':>12}{'SQL ms':>8}{'page/SQL':>9}"
            + "".join(f"{'from ' + str(b['documents']):>10}" for b in baselines)
        )
        self.stdout.write(header)
        for name, r in results["pages"].items():
            ratio = r["median_ms"] / r["sql_ms"] if r["sql_ms"] > 0.05 else float("nan")
            line = (
                f"{name:<26}{r['status']:>6}{r['median_ms']:>10.1f}{r['p95_ms']:>8.1f}{r['queries']:>8}"
                f"{r['sent'] / 1024:>9.1f}{r['raw'] / 1024:>9.1f}{r['first_load'] / 1024:>12.1f}"
                f"{r['sql_ms']:>8.1f}{ratio:>9.1f}"
            )
            for baseline in baselines:
                before = baseline.get("pages", {}).get(name)
                line += f"{r['median_ms'] / before['median_ms']:>10.2f}" if before else f"{'':>10}"
            if "bulk" in r:
                bulk = r["bulk"]
                done = f"{bulk['rows']} rows" if bulk["complete"] else f"stopped after {self.LIMIT:.0f} s"
                line += f"  (first bytes {bulk['first_bytes_ms']:.0f} ms; {done}; {r['sent'] / 1024:.0f} KB sent)"
            self.stdout.write(line)
