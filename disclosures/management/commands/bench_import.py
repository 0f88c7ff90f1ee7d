import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from disclosures.models import Bureau, Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.parsing.reading import decode_disclosure
from disclosures.services.demo import demo_counties, demo_documents
from disclosures.services.imports import disclosure_import
from disclosures.vocabulary import ImportStatus

SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"


class _Rollback(Exception):
    pass


class Command(BaseCommand):
    help = (
        "基准：反复导入样例文件，打印每秒文件数和内存峰值（每轮在回滚的事务中进行，不留数据）。"
        "--demo N：把 N 份不同的演示文本写成文件，用 import_disclosures 导入空数据库（每个 --jobs 各一次，"
        "导入后删除），打印每秒文件数和进程内存峰值。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=20)
        parser.add_argument("paths", nargs="*", help="默认 data/seeds/*.txt")
        parser.add_argument("--demo", type=int, default=0, help="演示文本份数（各不相同，按区划代码顺序的县）")
        parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--demo 时依次测量的进程数")
        parser.add_argument("--seed", type=int, default=8, help="--demo 文本的随机种子")

    def handle(self, *args, **options):
        if options["demo"]:
            self._bench_demo(options)
            return
        # As in production: with DEBUG on, Django records every query, which is slower and grows memory.
        with override_settings(DEBUG=False):
            self._bench(options)

    def _bench_demo(self, options):
        """The user's path: distinct files on disk, one `manage.py import_disclosures` process per measure (its
        start included), committing file by file into a database with no document, then the documents removed."""
        if Disclosure.objects.exists():
            raise CommandError("--demo 需要一个没有任何公开文件的数据库（导入后会删除本次导入的全部文件）。")
        counties = demo_counties(count=options["demo"])
        if not counties:
            raise CommandError("数据库中没有行政区划：先运行 manage.py load_regions。")
        with tempfile.TemporaryDirectory(prefix="bench-import-") as folder:
            paths = []
            for doc in demo_documents(counties=counties, years=range(2026, 2027), seed=options["seed"]):
                path = Path(folder) / doc.filename
                path.write_text(doc.text, encoding="utf-8")
                paths.append(str(path))
            for jobs in options["jobs"]:
                self._demo_round(paths, jobs)

    def _demo_round(self, paths: list[str], jobs: int) -> None:
        bureaus_before = Bureau.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        manage = str(Path(settings.BASE_DIR) / "manage.py")
        command = [sys.executable, manage, "import_disclosures", "--json", "--jobs", str(jobs), *paths]
        reader, writer = os.pipe()
        start = time.perf_counter()
        pid = os.posix_spawn(
            sys.executable,
            command,
            os.environ,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, writer, 1),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_CLOSE, reader),
            ],
        )
        os.close(writer)
        with os.fdopen(reader, "rb") as pipe:
            out = pipe.read()
        # wait4: this run's own figures (the command and the workers it waited for), not those of earlier runs.
        _, _, usage = os.wait4(pid, 0)
        seconds = time.perf_counter() - start
        statuses = [json.loads(line)["status"] for line in out.splitlines() if line.strip()]
        imported = statuses.count(ImportStatus.IMPORTED)
        self.stdout.write(
            f"database={connection.vendor} jobs={jobs} files={len(paths)} imported={imported} "
            f"errors={statuses.count(ImportStatus.ERROR)} seconds={seconds:.1f} "
            f"files_per_second={len(paths) / seconds:.1f} imported_per_second={imported / seconds:.1f} "
            f"peak_rss={usage.ru_maxrss / 1024:.0f} MiB (the largest process: the command or one worker) "
            f"cpu={usage.ru_utime + usage.ru_stime:.1f} s"
        )
        # Removed a few documents at a time: a process started later counts this one's memory as its own starting
        # peak (a fork copies it), so this one stays small.
        Disclosure.objects.update(superseded_by=None)
        ids = list(Disclosure.objects.values_list("pk", flat=True))
        for start in range(0, len(ids), 20):
            Disclosure.objects.filter(pk__in=ids[start : start + 20]).delete()
        Bureau.objects.filter(pk__gt=bureaus_before).delete()

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
