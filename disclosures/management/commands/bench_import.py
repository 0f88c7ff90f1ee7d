import resource
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from disclosures.parsing import parse_disclosure
from disclosures.parsing.reading import decode_disclosure
from disclosures.services.imports import disclosure_import

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "基准：反复导入样例文件，打印每秒文件数和内存峰值（每轮回滚，不留数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("paths", nargs="*", help="默认 data/seeds/*.txt")

    def handle(self, *args, **options):
        paths = [Path(p) for p in options["paths"]] or sorted(SEEDS.glob("*.txt"))
        files = [(p.name, p.read_bytes()) for p in paths]
        rounds = options["rounds"]

        start = time.perf_counter()
        for _ in range(rounds):
            for _name, data in files:
                parse_disclosure(decode_disclosure(data, max_bytes=settings.DISCLOSURE_MAX_BYTES))
        parse_seconds = time.perf_counter() - start

        tracemalloc.start()
        start = time.perf_counter()
        for _ in range(rounds):
            try:
                with transaction.atomic():
                    for name, data in files:
                        outcome = disclosure_import(data=data, filename=name)
                        if outcome.status != "imported":
                            raise CommandError(f"{name}: {outcome.status} {outcome.error}")
                    raise _Rollback
            except _Rollback:
                pass
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        documents = rounds * len(files)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"database={connection.vendor} documents={documents} "
            f"parse_only={documents / parse_seconds:.1f} docs/s "
            f"end_to_end={documents / seconds:.1f} docs/s ({seconds / documents * 1000:.1f} ms/doc) "
            f"peak_traced={peak / 1024 / 1024:.1f} MiB max_rss={rss:.0f} MiB"
        )
