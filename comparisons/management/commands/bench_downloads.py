import time
from io import StringIO
from itertools import cycle
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import override_settings

from comparisons.downloads import lines_csv
from disclosures.models import BudgetLine, Disclosure

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"
BATCH = 5000


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "基准：在回滚的事务中把样例文件的预算行复制到 --lines 行，然后完整下载 /downloads/lines.csv，"
        "打印每秒行数（不留数据）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--lines", type=int, default=500_000)
        parser.add_argument("--repeat", type=int, default=3, help="下载几次（每次都打印）")

    def handle(self, *args, **options):
        # As in production, no query log; the download written live (a file written earlier holds none of the copies).
        with override_settings(DEBUG=False, DOWNLOADS_DIR=""):
            try:
                with transaction.atomic():
                    self._bench(options["lines"], options["repeat"])
                    raise _Rollback
            except _Rollback:
                pass

    def _bench(self, wanted: int, repeat: int) -> None:
        if not Disclosure.objects.filter(status=Disclosure.Status.CURRENT).exists():
            call_command("import_disclosures", *sorted(str(p) for p in SEEDS.glob("*.txt")), stdout=StringIO())
        start = time.perf_counter()
        self._fill(wanted)
        self.stdout.write(f"database={connection.vendor}: {wanted} lines made in {time.perf_counter() - start:.0f} s")
        for _ in range(repeat):
            self._download()

    def _download(self) -> None:
        request = RequestFactory().get("/downloads/lines.csv", HTTP_HOST="127.0.0.1")
        start = time.perf_counter()
        response = lines_csv(request)
        first_byte = time.perf_counter() - start
        size, last = 0, ""
        for chunk in response.streaming_content:
            size += len(chunk)
            last = chunk[-200:]
        seconds = time.perf_counter() - start
        # The last 200 bytes may start inside a character; the trailer itself is ASCII.
        trailer = last.decode(errors="ignore").rstrip().rsplit("\n", 1)[-1]
        rows = int(trailer.removeprefix("# rows: "))
        if rows != BudgetLine.objects.filter(disclosure__status=Disclosure.Status.CURRENT).count():
            raise CommandError(f"the download has {rows} rows, the database more: {trailer}")
        self.stdout.write(
            f"lines.csv: rows={rows} bytes={size / 1024 / 1024:.1f} MiB "
            f"first_byte={first_byte:.2f} s total={seconds:.2f} s rate={rows / seconds:,.0f} rows/s"
        )

    def _fill(self, wanted: int) -> None:
        """Copies of the current documents' lines (same documents, later positions) until there are `wanted`."""
        fields = [f.attname for f in BudgetLine._meta.concrete_fields if not f.primary_key]
        lines = list(BudgetLine.objects.filter(disclosure__status=Disclosure.Status.CURRENT).values(*fields))
        if not lines:
            raise CommandError("no budget lines to copy: import some documents first")
        have = len(lines)
        position = max(line["position"] for line in lines) + 1
        source = cycle(lines)
        while have < wanted:
            count = min(BATCH, wanted - have)
            batch = [BudgetLine(**{**next(source), "position": position + n}) for n in range(count)]
            BudgetLine.objects.bulk_create(batch)
            position += count
            have += count
