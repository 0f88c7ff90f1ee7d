from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.services.regions import DEFAULT_REGIONS_CSV, RegionFileError, region_load_csv


class Command(BaseCommand):
    help = "载入或更新全国行政区划代码表（CSV：adcode/code, name）。"

    def add_arguments(self, parser):
        parser.add_argument("csv", nargs="?", default=str(DEFAULT_REGIONS_CSV), help="CSV 文件路径")

    def handle(self, *args, **options):
        try:
            summary = region_load_csv(path=Path(options["csv"]))
        except RegionFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"行政区划：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}。")
