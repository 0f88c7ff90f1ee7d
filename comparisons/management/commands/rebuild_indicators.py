import sys
import time

from django.core.management.base import BaseCommand

from comparisons.services import indicator_values_drop_retired, indicator_values_refresh, indicator_values_stale
from disclosures.models import Disclosure


class Command(BaseCommand):
    help = (
        "重新计算存储的指标值：默认只算定义版本已变（或缺少某个指标）的文件；--all 全部重算。"
        "分批进行（每批一个事务），显示进度。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="重算全部文件，而不只是版本已变的")
        parser.add_argument("--batch-size", type=int, default=200, help="每批文件数（默认 200）")

    def handle(self, *args, **options):
        dropped = indicator_values_drop_retired()
        if options["all"]:
            ids = list(Disclosure.objects.order_by("pk").values_list("pk", flat=True))
        else:
            ids = indicator_values_stale()
        total = len(ids)
        start = time.perf_counter()
        show = self.stderr.isatty() if hasattr(self.stderr, "isatty") else False

        def progress(done: int) -> None:
            elapsed = time.perf_counter() - start
            width = 30
            filled = int(width * done / total) if total else width
            line = (
                f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} 份文件 "
                f"{done / elapsed if elapsed else 0:.0f} 份/秒"
            )
            if show or sys.stderr.isatty():
                self.stderr.write("\r" + line, ending="")
            else:
                self.stderr.write(line)

        done = indicator_values_refresh(disclosure_ids=ids, batch_size=max(1, options["batch_size"]), progress=progress)
        if total:
            self.stderr.write("")
        self.stdout.write(
            f"指标值：重算 {done} 份文件（{time.perf_counter() - start:.1f} 秒）；删除已停用指标的值 {dropped} 条。"
        )
