import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from comparisons.pages.dashboard import dashboard_periods
from comparisons.pages.headlines import HEADLINES
from comparisons.views import EXPORT_FORMATS
from disclosures.models import Disclosure


def pages() -> list[str]:
    """The pages every visitor can reach from the home page, as its links write them: the dashboard of each year and
    kind, the exports of the home page's tables, the methods and the API documentation."""
    paths = ["/", "/methods/", "/api/", "/search/"]
    paths += [f"/?kind={kind}" for kind in Disclosure.Kind.values]
    paths += [f"/?year={p.year}&kind={p.kind}" for p in dashboard_periods()]
    paths += [f"/?_export={fmt}&_table={h.slug}" for h in HEADLINES for fmt in EXPORT_FORMATS]
    return paths


class Command(BaseCommand):
    help = (
        "把首页、各年度和类型的首页、首页表格的导出、方法说明和接口说明预先生成到页面缓存中（每种语言），"
        "让导入后的第一批访问者不必等待。大批导入之后运行；页面缓存须为各进程共用的（生产设置的文件缓存）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--base-url", required=True, help="网站对外的地址，如 https://yibao.example.cn/")

    def handle(self, *args, **options):
        if isinstance(caches["default"], DummyCache | LocMemCache):
            raise CommandError("页面缓存只在各进程内部（或未启用），预先生成的页面别的进程用不上：请用生产设置运行。")
        address = urlsplit(options["base_url"])
        if address.scheme not in ("http", "https") or not address.netloc:
            raise CommandError(f"--base-url 应为 http(s)://主机/ 形式的地址，收到的是 {options['base_url']!r}。")
        for language, _label in settings.LANGUAGES:
            https = {"wsgi.url_scheme": "https", "HTTP_X_FORWARDED_PROTO": "https"} if address.scheme == "https" else {}
            client = Client(HTTP_HOST=address.netloc, **https)
            # The language is in the address (Chinese at /, English at /en/…), as readers' links write it.
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            start, done = time.perf_counter(), 0
            for path in (prefix + p for p in pages()):
                response = client.get(path)
                if response.status_code != 200:
                    self.stderr.write(f"{language} {path}: {response.status_code}")
                    continue
                done += 1
            seconds = time.perf_counter() - start
            self.stdout.write(f"{language}: {done} 个页面，{seconds:.1f} 秒")
