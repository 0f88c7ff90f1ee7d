import json
import logging
from functools import partial
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection
from django.test.utils import override_settings

from disclosures.parallel import in_workers, jobs_for
from disclosures.remedies import for_command
from disclosures.reports import outcome_as_json
from disclosures.services.imports import (
    ImportOutcome,
    Overrides,
    Parsed,
    disclosure_file_parse,
    disclosure_import,
    disclosure_import_batch,
)
from disclosures.vocabulary import ImportStatus

logger = logging.getLogger(__name__)
SKIPPED = {
    "superseded": "已跳过（这个文件导入过，已被新版本替换）",
    "other_version": "已跳过（已有另一现行版本，没有替换）",
}


class Command(BaseCommand):
    # The system checks (settings, models, every URL pattern loaded) are for serving the site: an import reads none
    # of what they look at, and they were a fifth of a second of each command's start.
    requires_system_checks = []
    help = (
        "导入预决算公开文件（PDF 原件，或从 PDF 提取的文字）。每个文件要么全部导入，要么什么也不写；"
        "--check 只读取和核对，不写入，适用于任何部门的公开文件。"
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="PDF 或文本文件路径")
        parser.add_argument("--check", action="store_true", help="只读取和核对，不写入（任何部门的公开文件都可以）")
        parser.add_argument("--replace", action="store_true", help="确认用新文件替换同一单位、年度、类型的现有版本")
        parser.add_argument(
            "--skip-existing",
            action="store_true",
            help="跳过已有的文件：已被替换的旧版本，或同一单位、年度、类型、范围已有现行版本的文件（不替换，不算错误）",
        )
        parser.add_argument("--json", action="store_true", help="每个文件输出一行 JSON")
        parser.add_argument("--region", help="6 位区划代码，文中无法判断时指定")
        parser.add_argument("--year", type=int, help="年度，文中无法判断时指定")
        parser.add_argument("--kind", choices=["budget", "final"], help="预算 budget 或决算 final")
        parser.add_argument("--scope", choices=["department", "unit"], help="部门 department 或单位 unit")
        parser.add_argument("--publisher", help="发布单位名称，文中无法判断时指定")
        parser.add_argument(
            "--jobs",
            type=int,
            default=None,
            help="读取和解析文件的并行进程数（仅 PostgreSQL；SQLite 总是 1；默认：多个文件时为处理器数，至多 4）；"
            "写入仍逐个文件、按顺序进行",
        )

    def handle(self, *args, **options):
        # With DEBUG on (the local settings) Django keeps the last 9,000 statements, each with a document's text and
        # rows, for nobody to read in a command: a batch runs as in production.
        with override_settings(DEBUG=False):
            self._handle(options)

    def _handle(self, options):
        overrides = Overrides(
            region_code=options["region"],
            year=options["year"],
            kind=options["kind"],
            scope=options["scope"],
            publisher=options["publisher"],
        )
        if options["skip_existing"] and options["replace"]:
            raise CommandError("--skip-existing 与 --replace 不能同时使用。")
        flags = {"replace": options["replace"], "check": options["check"], "skip_existing": options["skip_existing"]}
        failed = 0
        # Files are read and parsed in the workers, ahead of the writes; each is then written here, in order.
        paths = [Path(name) for name in options["paths"]]
        jobs = jobs_for(asked=options["jobs"], items=len(paths), vendor=connection.vendor)
        try:
            with (
                in_workers(partial(_parse_file, overrides=overrides), paths, jobs=jobs) as parsed_files,
                disclosure_import_batch() as batch,
            ):
                for path, parsed in parsed_files:
                    outcome = self._import_one(path, parsed, overrides=overrides, **flags)
                    batch.file_done(outcome)
                    failed += outcome.status == ImportStatus.ERROR
                    if options["json"]:
                        self.stdout.write(json.dumps(outcome_as_json(outcome), ensure_ascii=False))
                    else:
                        self._describe(outcome)
        except DatabaseError as exc:  # each file's own errors are its record: this is the batch's wait at its end
            raise CommandError(
                f"导入结束时数据库无法访问（{type(exc).__name__}）：最后写入的文件可能没有保存。"
                "请重新运行同一命令（已保存的文件不会重复导入）。"
            ) from exc
        if failed:
            raise CommandError(f"{failed} 个文件未能导入。", returncode=1)

    def _import_one(
        self, path: Path, parsed: Parsed | ImportOutcome, *, overrides: Overrides, **flags
    ) -> ImportOutcome:
        try:
            return disclosure_import(parsed=parsed, filename=str(path), overrides=overrides, **flags)
        except Exception as exc:  # one file's failure is its own record: the batch goes on
            logger.exception("import of %s failed", path)
            return ImportOutcome(
                str(path), ImportStatus.ERROR, error=f"内部错误（{type(exc).__name__}），这个文件没有写入任何数据。"
            )

    def _describe(self, outcome: ImportOutcome) -> None:
        if outcome.status == ImportStatus.ERROR:
            where = f"第 {outcome.line} 行：" if outcome.line else ""
            message = for_command(outcome.error, outcome.remedy)
            self.stderr.write(self.style.ERROR(f"{outcome.filename}: 错误：{where}{message}"))
            return
        result = outcome.prepared.result
        counts = {s: sum(p.severity == s for p in result.problems) for s in ("error", "warning", "info")}
        found = (
            f"{outcome.prepared.rows.line_count} 行，{len(result.figures)} 个文中数字，"
            f"核对：{counts['warning']} 处不一致，{counts['info']} 条提示。"
        )
        if outcome.status == ImportStatus.CHECKED:
            meta, region = result.meta, outcome.prepared.region
            where = f"（{region.full_name} {region.code}）" if region else ""
            self.stdout.write(
                f"{outcome.filename}: 已核对（未导入）：{outcome.prepared.publisher}{where} "
                f"{meta.year}年{'决算' if meta.kind == 'final' else '预算'}，{found}"
            )
            return
        d = outcome.disclosure
        words = {
            ImportStatus.IMPORTED: "已导入",
            ImportStatus.UNCHANGED: "未变（同一文件已导入过）",
            ImportStatus.REPLACED: "已替换旧版本",
            ImportStatus.SKIPPED: SKIPPED.get(outcome.skipped, "已跳过"),
        }
        self.stdout.write(
            f"{outcome.filename}: {words[outcome.status]}：{d}（{d.bureau.region.full_name} {d.bureau.region.code}），"
            f"{found}"
        )


def _parse_file(path: Path, *, overrides: Overrides) -> Parsed | ImportOutcome:
    """The file read and parsed (in a worker process with --jobs): what needs no database."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ImportOutcome(str(path), ImportStatus.ERROR, error=f"无法读取文件：{exc.strerror or exc}")
    return disclosure_file_parse(data=data, filename=str(path), overrides=overrides)
