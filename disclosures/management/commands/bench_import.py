import resource
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from disclosures.models import Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.parsing.reading import decode_disclosure
from disclosures.services.imports import disclosure_import
from disclosures.vocabulary import ImportStatus

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "基准：反复导入样例文件，打印每秒文件数和内存峰值（每轮在回滚的事务中进行，不留数据）。"

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("paths", nargs="*", help="默认 data/seeds/*.txt")

    def handle(self, *args, **options):
        # As in production: with DEBUG on, Django records every query, which is slower and grows memory.
        with override_settings(DEBUG=False):
            self._bench(options)

    def _bench(self, options):
        paths = [Path(p) for p in options["paths"]] or sorted(SEEDS.glob("*.txt"))
        files = [(p.name, p.read_bytes()) for p in paths]
        rounds = options["rounds"]
        documents = rounds * len(files)

        start = time.perf_counter()
        for _ in range(rounds):
            for _name, data in files:
                parse_disclosure(decode_disclosure(data, max_bytes=settings.DISCLOSURE_MAX_BYTES))
        parse_rate = documents / (time.perf_counter() - start)

        seconds = sum(self._round(files) for _ in range(rounds))
        # Memory is traced in a separate pass: tracemalloc slows allocation-heavy code several times over.
        tracemalloc.start()
        self._round(files)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self.stdout.write(
            f"database={connection.vendor} documents={documents} "
            f"parse_only={parse_rate:.1f} docs/s "
            f"end_to_end={documents / seconds:.1f} docs/s ({seconds / documents * 1000:.1f} ms/doc) "
            f"peak_traced_per_round={peak / 1024 / 1024:.1f} MiB max_rss={rss:.0f} MiB"
        )

    def _round(self, files) -> float:
        """Import every file into an emptied database, timed; then roll everything back."""
        elapsed = 0.0
        try:
            with transaction.atomic():
                Disclosure.objects.all().delete()
                start = time.perf_counter()
                for name, data in files:
                    outcome = disclosure_import(data=data, filename=name)
                    if outcome.status != ImportStatus.IMPORTED:
                        raise CommandError(f"{name}: {outcome.status} {outcome.error}")
                elapsed = time.perf_counter() - start
                raise _Rollback
        except _Rollback:
            pass
        return elapsed
