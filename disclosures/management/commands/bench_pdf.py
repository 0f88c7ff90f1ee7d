"""Benchmark of the user's path for a published PDF: `import_disclosures --check FILE.pdf`, file after file."""

import resource
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from disclosures.parsing.pages import page_per_line
from disclosures.services.imports import disclosure_import
from disclosures.vocabulary import ImportStatus

REAL = Path(settings.BASE_DIR) / "tests" / "data" / "real"


class Command(BaseCommand):
    help = (
        "基准：逐个读取并核对 PDF（与 import_disclosures --check 相同的路径），打印每秒文件数、每秒页数，"
        "以及读取 PDF 的子进程的内存峰值。默认用 tests/data/real 中的三份真实 PDF。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5)
        parser.add_argument("paths", nargs="*", help="PDF 文件；默认 tests/data/real/putuo_*.pdf")

    def handle(self, *args, **options):
        with override_settings(DEBUG=False):
            self._bench(options)

    def _bench(self, options):
        paths = [Path(p) for p in options["paths"]] or sorted(REAL.glob("putuo_*.pdf"))
        files = [(p.name, p.read_bytes()) for p in paths]
        documents = pages = 0
        start = time.perf_counter()
        for _ in range(options["rounds"]):
            for name, data in files:
                outcome = disclosure_import(data=data, filename=name, check=True)
                if outcome.status != ImportStatus.CHECKED:
                    raise CommandError(f"{name}: {outcome.status} {outcome.error}")
                documents += 1
                pages += len(set(page_per_line(outcome.prepared.text) or [1]))
        seconds = time.perf_counter() - start
        child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"pdf documents={documents} pages={pages} ({pages / documents:.0f} per document) "
            f"check={documents / seconds:.1f} docs/s ({seconds / documents * 1000:.0f} ms/doc, "
            f"{pages / seconds:.0f} pages/s) "
            f"peak_rss_pdf_reader={child_peak:.0f} MiB peak_rss_command={own_peak:.0f} MiB"
        )
        for name, data in files:
            self.stdout.write(f"  {name}: {len(data) / 1024 / 1024:.1f} MB")
