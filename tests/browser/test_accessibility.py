"""Accessibility: axe-core's WCAG 2.0/2.1 A and AA rules over every public page and the staff upload and home pages,
in Chinese and English, on a phone (390 px) and a wide screen (1366 px), after the charts are drawn. No violation of
impact serious or critical may remain; each one found is printed with its rule, impact, help and first targets.

axe-core is vendored under tests/browser/vendor/axe-core/ (test-only, never served) and injected into each page:
nothing is fetched at test time. One test, so the samples are loaded once; one browser context per language and width.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from disclosures.models import Bureau, Disclosure

from .conftest import PHONE

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
AXE_SOURCE = AXE.read_text(encoding="utf-8") + "\n;true"
WIDE = {"width": 1366, "height": 900}
SERIOUS = {"serious", "critical"}
PASSWORD = "s3cret-pass-word"

# Every chart is drawn: charts.js sets a "chart-drawn" User Timing mark per chart it draws, one chart per frame.
CHARTS_DRAWN = """() => performance.getEntriesByName("chart-drawn").length
    >= document.querySelectorAll("[data-plotly]").length"""

# Nothing is excluded, plotly's SVG included: the chart container carries role="img" and an aria-label (its summary;
# the numbers are in the table below), and charts.js draws without the mode bar, whose buttons were focusable
# controls inside that image (nested-interactive).
RUN_AXE = """async () => {
    const options = {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                     resultTypes: ["violations"]};
    const results = await axe.run(document, options);
    return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                         targets: v.nodes.map(n => n.target.join(" "))}));
}"""

# axe leaves a reference to a missing id "to review" (incomplete), not a violation; a field's help text that was never
# on the page was one (aria-describedby="id_county_helptext"). Every id these attributes name must be on the page.
MISSING_REFERENCES = """() => {
    const attributes = ["aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for"];
    const missing = [];
    for (const name of attributes) {
        for (const el of document.querySelectorAll(`[${name}]`)) {
            if (name === "for" && el.tagName !== "LABEL") continue;
            for (const id of el.getAttribute(name).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) missing.push(`${el.tagName.toLowerCase()}[${name}=${id}]`);
            }
        }
    }
    return missing;
}"""


def audit(page: Page, path: str) -> list[dict]:
    """axe's serious and critical violations on `path`, once the page and its charts are in place."""
    response = page.goto(page.base_url + path, wait_until="load")
    assert response.ok, (path, response.status)
    page.wait_for_function(CHARTS_DRAWN)
    # Evaluated through the DevTools protocol: the site's Content-Security-Policy (script-src 'self') refuses an
    # injected <script>, and the audit should run under the policy the site really sends.
    page.evaluate(AXE_SOURCE)
    found = [v for v in page.evaluate(RUN_AXE) if v["impact"] in SERIOUS]
    if missing := page.evaluate(MISSING_REFERENCES):
        found.append(
            {
                "id": "missing-id-reference",
                "impact": "serious",
                "help": "Names an id not on the page",
                "targets": missing,
            }
        )
    return found


def report(found: dict[tuple[str, str], list[dict]]) -> str:
    lines = []
    for (where, path), violations in found.items():
        for v in violations:
            targets = ", ".join(v["targets"][:3]) + (" …" if len(v["targets"]) > 3 else "")
            lines.append(f"{where} {path}: {v['id']} ({v['impact']}, {len(v['targets'])}x) {v['help']} — {targets}")
    return "\n".join(lines)


def test_no_serious_accessibility_violations_on_any_page(browser, live_server, samples, django_user_model):
    django_user_model.objects.create_user(username="analyst", password=PASSWORD, is_staff=True)
    shunping = Disclosure.objects.get(bureau__region__name="顺平县", status=Disclosure.Status.CURRENT)
    compared = Bureau.objects.filter(region__name__in=["顺平县", "盐边县", "镇安县"]).order_by("pk")
    public = [
        "/",
        "/?county=顺平县",
        "/compare/?" + "&".join(f"bureau={b.pk}" for b in compared),
        f"/bureaus/{shunping.bureau_id}/",
        f"/documents/{shunping.pk}/",
        "/search/?q=县",
        "/methods/",
        "/api/",
        "/accounts/login/",
    ]
    staff = ["/import/", "/staff/"]
    found: dict[tuple[str, str], list[dict]] = {}
    for language, prefix, locale in (("zh-hans", "", "zh-CN"), ("en", "/en", "en-US")):
        for viewport in (PHONE, WIDE):
            where = f"{language}@{viewport['width']}"
            context = browser.new_context(locale=locale, viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            page.base_url = live_server.url
            errors = []
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            try:
                for path in [prefix + p for p in public]:
                    found[(where, path)] = audit(page, path)
                page.goto(f"{live_server.url}{prefix}/accounts/login/?next={prefix}/staff/", wait_until="load")
                page.locator("#id_username").fill("analyst")
                page.locator("#id_password").fill(PASSWORD)
                page.locator("main form button[type=submit]").click()
                expect(page).to_have_url(re.compile(r"/staff/$"))
                for path in staff:
                    found[(where, prefix + path)] = audit(page, prefix + path)
            finally:
                context.close()
            assert not errors, (where, errors)
    found = {key: violations for key, violations in found.items() if violations}
    if found:
        print(json.dumps({f"{w} {p}": v for (w, p), v in found.items()}, ensure_ascii=False, indent=1))
    assert not found, "axe: serious or critical WCAG 2.0/2.1 A/AA violations:\n" + report(found)
