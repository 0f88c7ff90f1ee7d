"""The admin: nothing published is deleted, a bureau change is validated, denominators keep their history."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from comparisons.models import Denominator, DenominatorChange
from comparisons.services import denominator_delete, denominator_set
from disclosures.models import BudgetLine, Disclosure, Region
from tests.factories import BudgetLineFactory, BureauFactory, DisclosureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1"))
    return client


@pytest.fixture
def line():
    return BudgetLineFactory()


def test_a_document_cannot_be_deleted_one_by_one_or_in_bulk(admin, line):
    d = line.disclosure
    assert admin.get(reverse("admin:disclosures_disclosure_delete", args=[d.pk])).status_code == 403
    assert admin.post(reverse("admin:disclosures_disclosure_delete", args=[d.pk]), {"post": "yes"}).status_code == 403
    changelist = admin.get(reverse("admin:disclosures_disclosure_changelist")).content.decode()
    assert "delete_selected" not in changelist
    admin.post(
        reverse("admin:disclosures_disclosure_changelist"), {"action": "delete_selected", "_selected_action": [d.pk]}
    )
    assert Disclosure.objects.filter(pk=d.pk).exists()
    assert "删除" not in admin.get(reverse("admin:disclosures_disclosure_change", args=[d.pk])).content.decode()


def test_a_budget_line_cannot_be_deleted(admin, line):
    assert admin.get(reverse("admin:disclosures_budgetline_delete", args=[line.pk])).status_code == 403
    admin.post(
        reverse("admin:disclosures_budgetline_changelist"), {"action": "delete_selected", "_selected_action": [line.pk]}
    )
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def _change(admin, d: Disclosure, bureau) -> str:
    url = reverse("admin:disclosures_disclosure_change", args=[d.pk])
    response = admin.post(
        url, {"bureau": bureau.pk, "title": d.title, "checks-TOTAL_FORMS": 0, "checks-INITIAL_FORMS": 0}
    )
    assert response.status_code in (200, 302)
    return response.content.decode()


def test_moving_a_document_to_a_bureau_that_has_that_version_is_refused_with_a_message(admin):
    mine = DisclosureFactory()
    other = DisclosureFactory(bureau=BureauFactory(region=Region.objects.get(code="130127")))
    html = _change(admin, mine, other.bureau)
    assert "已有现行的" in html and "替换" in html
    mine.refresh_from_db()
    assert mine.bureau_id != other.bureau_id


def test_moving_a_document_to_a_bureau_with_the_same_text_is_refused(admin):
    mine = DisclosureFactory()
    other = DisclosureFactory(
        bureau=BureauFactory(region=Region.objects.get(code="130127")),
        source_text=mine.source_text,
        fiscal_year=2020,
    )
    assert "已有同一文件" in _change(admin, mine, other.bureau)


def test_moving_a_document_to_a_free_bureau_works(admin):
    mine = DisclosureFactory()
    bureau = BureauFactory(region=Region.objects.get(code="130127"))
    _change(admin, mine, bureau)
    mine.refresh_from_db()
    assert mine.bureau_id == bureau.pk


def test_denominators_keep_who_when_and_the_old_value(django_user_model):
    alice = django_user_model.objects.create_user("alice", is_staff=True)
    bob = django_user_model.objects.create_user("bob", is_staff=True)
    region = Region.objects.get(code="411103")
    denominator_set(region=region, year=2024, kind="insured_residents", value=400000, source="a", user=alice)
    denominator_set(region=region, year=2024, kind="insured_residents", value=410000, source="b", user=bob)
    denominator_delete(denominator=Denominator.objects.get(), user=alice)
    history = list(
        DenominatorChange.objects.order_by("id").values_list(
            "action", "changed_by__username", "old_value", "new_value", "old_source"
        )
    )
    assert history == [
        ("entered", "alice", None, 400000, ""),
        ("corrected", "bob", 400000, 410000, "a"),
        ("deleted", "alice", 410000, None, "b"),
    ]
    assert all(c.changed_at for c in DenominatorChange.objects.all())
    assert DenominatorChange.objects.filter(region=region, year=2024).count() == 3  # kept after the deletion


def test_the_staff_page_shows_the_history(client, django_user_model):
    staff = django_user_model.objects.create_user("carol", is_staff=True)
    client.force_login(staff)
    region = Region.objects.get(code="411103")
    denominator_set(region=region, year=2024, kind="insured_residents", value=400000, source="统计公报", user=staff)
    denominator_set(region=region, year=2024, kind="insured_residents", value=410000, source="更正", user=staff)
    html = client.get(reverse("comparisons:denominators")).content.decode()
    history = html.split('id="denominator-history"')[1].split("</table>")[0]
    assert "更正" in history and "400,000" in history and "410,000" in history and "carol" in history


def test_an_admin_correction_is_kept_in_the_history(admin):
    region = Region.objects.get(code="411103")
    denominator, _ = denominator_set(region=region, year=2024, kind="population", value=1000, source="s", user=None)
    url = reverse("admin:comparisons_denominator_change", args=[denominator.pk])
    response = admin.post(
        url,
        {"value": 1200, "source": "t", "source_url": "", "changes-TOTAL_FORMS": 0, "changes-INITIAL_FORMS": 0},
    )
    assert response.status_code == 302
    assert Denominator.objects.get().value == 1200
    change = DenominatorChange.objects.get(action="corrected")
    assert (change.old_value, change.new_value, change.changed_by.username) == (1000, 1200, "root")


# --- the admin in the reader's language ---

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _text(html: str) -> str:
    """What a reader sees of a page: its text and the titles a browser shows, not its scripts."""
    html = re.sub(r"<script\b.*?</script>", "", html, flags=re.S)
    return " ".join(re.findall(r'title="([^"]*)"', html)) + re.sub(r"<[^>]+>", " ", html)


def test_the_english_pages_lead_staff_to_the_english_admin_and_the_chinese_ones_to_the_chinese(admin):
    assert 'href="/en/admin/"' in admin.get("/en/methods/").content.decode()
    assert 'href="/admin/"' in admin.get("/methods/").content.decode()


def test_the_english_admin_is_all_in_english(admin):
    html = admin.get("/en/admin/").content.decode()
    assert '<html lang="en"' in html
    for words in ("Welcome,", "Change password", "Log out", "Comparisons", "Denominator", "Budget disclosures"):
        assert words in html
    assert CJK.findall(_text(html)) == []
    assert 'href="/en/"' in html  # "View site" leads back to the English pages


def test_the_chinese_admin_stays_at_the_admin(admin):
    html = admin.get("/admin/").content.decode()
    assert '<html lang="zh-hans"' in html and "欢迎" in html and "修改密码" in html


def test_every_label_of_our_admin_has_english_words():
    """Model and field names, app names and filter titles the admin shows: each translated, none left Chinese."""
    from django.contrib import admin as django_admin
    from django.utils import translation

    labels = []
    with translation.override("en"):
        for model, model_admin in django_admin.site._registry.items():
            if model._meta.app_label not in ("disclosures", "comparisons"):
                continue
            meta = model._meta
            labels += [meta.app_config.verbose_name, meta.verbose_name, meta.verbose_name_plural]
            labels += [f.verbose_name for f in meta.get_fields() if hasattr(f, "verbose_name")]
            labels += [label for f in meta.fields for _, label in f.flatchoices]
            labels += [inline.model._meta.verbose_name for inline in model_admin.inlines]
        labels = [str(label) for label in labels]
    chinese = sorted({label for label in labels if CJK.search(label)})
    assert chinese == []
    assert len(labels) > 80


def test_the_english_admin_signs_in_with_its_csrf_token_and_nothing_else(django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-1")
    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/admin/login/?next=/en/admin/")
    assert "Log in" in page.content.decode()
    credentials = {"username": "root", "password": "a-long-password-1", "next": "/en/admin/"}
    assert client.post("/en/admin/login/", credentials).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post("/en/admin/login/", {**credentials, "csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == "/en/admin/"
    assert "Log out" in client.get("/en/admin/").content.decode()
