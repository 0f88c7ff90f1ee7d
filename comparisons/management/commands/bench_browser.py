"""`make bench-browser`: each public page in headless Chromium against a running server: the time from the start of
the navigation to the first chart drawn (the mark the page sets when plotly has drawn it) and the bytes transferred on
a first load (the page, its scripts and styles, compressed as served), printed, never asserted."""

from __future__ import annotations

import shutil
import statistics

from django.core.management.base import BaseCommand, CommandError

from disclosures.models import Bureau, Disclosure

FIRST_CHART = """() => new Promise(resolve => {
    // The page marks each chart when plotly has drawn it (static/js/charts.js): the first mark's time, as the page
    // recorded it. Read by polling, whose own time would count the next charts drawn before a poll gets its turn.
    const check = () => {
        const drawn = performance.getEntriesByName('chart-drawn');
        if (drawn.length) resolve(drawn[0].startTime);
        else if (!document.querySelector('[data-plotly]') || performance.now() > 20000) resolve(null);
        else setTimeout(check, 25);
    };
    check();
})"""
TRANSFERRED = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((sum, e) => sum + (e.transferSize || 0), 0)"""


class Command(BaseCommand):
    help = "基准：在无头 Chromium 中打开各公开页面（需已运行的服务器），打印首个图表绘出的时间和首次加载传输的字节数。"

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8765")
        parser.add_argument("--runs", type=int, default=5)

    def handle(self, *args, **options):
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as exc:
            raise CommandError("需要 playwright（requirements/dev.txt）。") from exc
        chromium = shutil.which("chromium") or "/usr/bin/chromium"
        bureau = Bureau.objects.filter(disclosures__status=Disclosure.Status.CURRENT).order_by("region__code").first()
        document = bureau.disclosures.filter(status=Disclosure.Status.CURRENT).order_by("-fiscal_year").first()
        ids = Bureau.objects.order_by("region__code").values_list("pk", flat=True)[:20]
        pages = {
            "dashboard": "/",
            "dashboard, county found": f"/?county={bureau.region.name}",
            "compare 20": "/compare/?" + "&".join(f"bureau={pk}" for pk in ids),
            "bureau": f"/bureaus/{bureau.pk}/",
            "document": f"/documents/{document.pk}/",
            "search": "/search/?q=县",
            "methods": "/methods/",
        }
        self.stdout.write(f"{'page':<26}{'first chart ms (median)':>24}{'first load KB':>15}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless=new", "--no-sandbox"])
            for name, path in pages.items():
                charts, sizes = [], []
                for _ in range(options["runs"]):
                    context = browser.new_context(viewport={"width": 1366, "height": 900})  # a cold cache each time
                    page = context.new_page()
                    page.goto(options["base_url"] + path, wait_until="domcontentloaded")
                    drawn = page.evaluate(FIRST_CHART)
                    page.wait_for_load_state("load")
                    if drawn is not None:
                        charts.append(drawn)
                    sizes.append(page.evaluate(TRANSFERRED))
                    context.close()
                chart = f"{statistics.median(charts):.0f}" if charts else "no chart"
                self.stdout.write(f"{name:<26}{chart:>24}{statistics.median(sizes) / 1024:>15.1f}")
            browser.close()
