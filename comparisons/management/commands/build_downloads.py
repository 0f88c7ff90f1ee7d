import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.management.base import BaseCommand, CommandError
from django.test import RequestFactory
from django.utils import translation

from comparisons.download_files import download_build, download_path, downloads_dir
from comparisons.downloads import DOWNLOADS
from disclosures.versioning import data_version_get


class Command(BaseCommand):
    help = (
        "预先生成批量下载文件（lines.csv、indicators.csv，每种语言一份），供下载时直接发送。"
        "大批导入之后运行；不运行时，第一次下载会边传边生成。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            required=True,
            help="网站对外的地址，如 https://yibao.example.cn/（文件中的原文链接以此开头）",
        )

    def handle(self, *args, **options):
        folder = downloads_dir()
        if folder is None:
            raise CommandError("DOWNLOADS_DIR 未设置：下载不保存为文件。")
        address = urlsplit(options["base_url"])
        if address.scheme not in ("http", "https") or not address.netloc:
            raise CommandError(f"--base-url 应为 http(s)://主机/ 形式的地址，收到的是 {options['base_url']!r}。")
        request = RequestFactory().get("/", secure=address.scheme == "https", HTTP_HOST=address.netloc)
        try:
            base_url = request.build_absolute_uri("/")
        except DisallowedHost as exc:
            raise CommandError(f"{address.netloc} 不在 ALLOWED_HOSTS 中：{exc}") from exc
        folder.mkdir(parents=True, exist_ok=True)
        version = data_version_get()
        for language, _label in settings.LANGUAGES:
            with translation.override(language):
                for name, chunks in DOWNLOADS.items():
                    path = download_path(
                        folder=folder,
                        name=name,
                        version=version,
                        language=language,
                        base_url=base_url,
                    )
                    if path.exists():
                        self.stdout.write(f"{path.name}: 已有")
                        continue
                    start = time.perf_counter()
                    if not download_build(path=path, name=name, version=version, chunks=chunks(request)):
                        self.stdout.write(f"{path.name}: 另一进程正在生成，跳过")
                        continue
                    seconds = time.perf_counter() - start
                    size = path.stat().st_size / 2**20
                    self.stdout.write(f"{path.name}: {size:.1f} MiB（gzip），{seconds:.1f} 秒")
