import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from disclosures.parallel import jobs_for
from disclosures.services.demo import demo_counties, demo_documents, demo_import


def _years(text: str) -> range:
    first, _, last = text.partition("-")
    try:
        return range(int(first), int(last or first) + 1)
    except ValueError:
        raise CommandError(f"--years 应为 2019-2026 这样的年份范围，而不是 {text!r}。") from None


class Command(BaseCommand):
    help = (
        "生成全国规模的演示数据：用样例文件为真实的县级区划写出预算公开文本（金额按比例改变，合计关系不变），"
        "经导入程序导入，并标为演示数据。删除：manage.py remove_demo。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--counties", type=int, default=60, help="县（区）数，按区划代码顺序（默认 60）")
        parser.add_argument("--years", default="2023", help="年度范围，如 2019-2026（默认 2023）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子：同一种子生成同样的文本")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="生成和解析文本的并行进程数（仅 PostgreSQL；SQLite 总是 1；默认：处理器数，至多 4）",
        )

    def handle(self, *args, **options):
        # With DEBUG on (the local settings) Django keeps the last 9,000 statements, each with a document's text and
        # rows, for nobody to read in a command: a batch runs as in production.
        with override_settings(DEBUG=False):
            self._handle(options)

    def _handle(self, options):
        years = _years(options["years"])
        counties = demo_counties(count=options["counties"])
        total = len(counties) * len(years)
        jobs = jobs_for(asked=options["jobs"], items=total, vendor=connection.vendor)
        self.stdout.write(f"演示数据：{len(counties)} 个县（区）× {len(years)} 年 = {total} 份文件，{jobs} 个进程。")
        start = time.perf_counter()
        # With several processes the texts are written and parsed in the workers, imported here in order.
        outcome = demo_import(
            documents=demo_documents(counties=counties, years=years, seed=options["seed"]),
            progress=lambda done: self._progress(done, total, start),
            jobs=jobs,
        )
        elapsed = time.perf_counter() - start
        imported, skipped, errors = outcome.imported, outcome.skipped, outcome.errors
        self.stderr.write("")
        self.stdout.write(
            f"导入 {imported} 份，跳过 {skipped} 份（已有同年同类文件），失败 {errors} 份；"
            f"{elapsed:.0f} 秒，{imported / elapsed if elapsed else 0:.1f} 份/秒。"
        )
        if outcome.first_error:
            self.stderr.write(f"第一个错误：{outcome.first_error}")

    def _progress(self, done: int, total: int, start: float) -> None:
        elapsed = time.perf_counter() - start
        rate = done / elapsed if elapsed else 0
        self.stderr.write(f"\r{done}/{total} 份，{rate:.1f} 份/秒", ending="")
        sys.stderr.flush()
