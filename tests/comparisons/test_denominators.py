"""The staff denominator page: only staff may write, with a CSRF token; a figure entered there feeds the indicators."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from comparisons.models import Denominator
from comparisons.selectors import disclosure_list_current, indicator_rows
from comparisons.services import denominator_delete, denominator_set
from disclosures.models import Region
from tests.factories import StaffFactory

from .seeded import import_seeds, per_head

pytestmark = pytest.mark.django_db

URL = "/staff/denominators/"
YANCHENG = {
    "region": "411103",
    "year": "2024",
    "kind": "insured_residents",
    "value": "400000",
    "source": "漯河市郾城区医疗保障局《2024年城乡居民医保参保情况》",
    "source_url": "https://example.org/yancheng-2024",
}


@pytest.fixture
def staff_client(client):
    user = StaffFactory()
    client.force_login(user)
    client.user = user
    return client


# --- who may write ---


def test_anonymous_users_are_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={URL}"
    response = client.post(URL, YANCHENG)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not Denominator.objects.exists()


def test_logged_in_users_who_are_not_staff_cannot_write(client):
    user = get_user_model().objects.create_user("reader", password="a-long-test-password")
    client.force_login(user)
    assert client.get(URL).status_code == 302
    client.post(URL, YANCHENG)
    assert not Denominator.objects.exists()


def test_a_post_without_the_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    response = client.post(URL, YANCHENG)
    assert response.status_code == 403
    assert not Denominator.objects.exists()


def test_a_post_with_the_csrf_token_from_the_form_is_accepted():
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffFactory())
    page = client.get(URL).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post(URL, YANCHENG | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Denominator.objects.count() == 1


def test_a_staff_member_can_only_delete_with_a_post(staff_client):
    denominator = Denominator.objects.create(
        region=Region.objects.get(code="411103"), year=2024, kind="insured_residents", value=1, source="s"
    )
    url = reverse("comparisons:denominator_delete", args=[denominator.pk])
    confirm = staff_client.get(url)
    assert confirm.status_code == 200
    assert "河南省 漯河市 郾城区" in confirm.content.decode()
    assert Denominator.objects.filter(pk=denominator.pk).exists()  # the GET only asks
    response = staff_client.post(url)
    assert response.status_code == 302
    assert not Denominator.objects.filter(pk=denominator.pk).exists()


def test_anonymous_users_cannot_delete(client):
    denominator = Denominator.objects.create(
        region=Region.objects.get(code="411103"), year=2024, kind="insured_residents", value=1, source="s"
    )
    response = client.post(reverse("comparisons:denominator_delete", args=[denominator.pk]))
    assert response.status_code == 302
    assert Denominator.objects.filter(pk=denominator.pk).exists()


# --- entering and correcting ---


def test_staff_enter_a_denominator_and_see_it_listed(staff_client):
    response = staff_client.post(URL, YANCHENG, follow=True)
    assert response.status_code == 200
    denominator = Denominator.objects.get()
    assert denominator.region.code == "411103"
    assert (denominator.year, denominator.kind, denominator.value) == (2024, "insured_residents", 400000)
    assert denominator.source == YANCHENG["source"]
    assert denominator.source_url == YANCHENG["source_url"]
    assert denominator.entered_by == staff_client.user
    page = response.content.decode()
    assert "已录入" in page
    assert "河南省 漯河市 郾城区" in page
    assert "400,000" in page
    assert 'href="https://example.org/yancheng-2024"' in page


@pytest.mark.parametrize("region", ["411103", "郾城区", "郾城", "411103 郾城区"])
def test_the_region_is_picked_by_code_or_name(staff_client, region):
    staff_client.post(URL, YANCHENG | {"region": region})
    assert Denominator.objects.get().region.code == "411103"


def test_an_ambiguous_or_unknown_name_is_refused_with_the_choices(staff_client):
    response = staff_client.post(URL, YANCHENG | {"region": "朝阳区"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "110105" in page  # 北京 朝阳区
    assert "220104" in page  # 长春 朝阳区
    response = staff_client.post(URL, YANCHENG | {"region": "没有这个县"})
    assert "找不到" in response.content.decode()
    assert not Denominator.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("source", ""), ("source", "   "), ("value", "0"), ("value", "-5"), ("year", "1800"), ("kind", "households")],
)
def test_invalid_input_is_refused(staff_client, field, value):
    response = staff_client.post(URL, YANCHENG | {field: value})
    assert response.status_code == 200
    assert not Denominator.objects.exists()


def test_entering_the_same_region_year_and_kind_again_corrects_it(staff_client):
    staff_client.post(URL, YANCHENG)
    other = StaffFactory()
    staff_client.force_login(other)
    response = staff_client.post(URL, YANCHENG | {"value": "410000", "source": "更正后的来源"}, follow=True)
    assert "已更正" in response.content.decode()
    denominator = Denominator.objects.get()
    assert (denominator.value, denominator.source, denominator.entered_by) == (410000, "更正后的来源", other)


def test_the_correct_link_fills_the_form(staff_client):
    staff_client.post(URL, YANCHENG)
    denominator = Denominator.objects.get()
    page = staff_client.get(URL, {"edit": denominator.pk}).content.decode()
    assert 'value="411103 郾城区"' in page
    assert 'value="400000"' in page


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_runs_a_bounded_number_of_queries(staff_client, django_assert_max_num_queries, count):
    for region in Region.objects.filter(level="county").order_by("code")[:count]:
        denominator_set(region=region, year=2024, kind="population", value=1000, source="s", user=staff_client.user)
    # session, user, denominators (with regions and who entered them), regions for the choices, the history,
    # the demo banner: the same for one figure as for many
    with django_assert_max_num_queries(6):
        response = staff_client.get(URL)
    assert response.status_code == 200


# --- the services ---


def test_denominator_set_takes_keyword_arguments_only_and_requires_a_source():
    region = Region.objects.get(code="411103")
    with pytest.raises(TypeError):
        denominator_set(region, 2024, "population", 1, "s", "", None)  # type: ignore[misc]
    with pytest.raises(ValueError):
        denominator_set(region=region, year=2024, kind="population", value=1, source=" ", user=None)
    with pytest.raises(ValueError):
        denominator_set(region=region, year=2024, kind="population", value=0, source="s", user=None)
    denominator, created = denominator_set(region=region, year=2024, kind="population", value=1, source="s", user=None)
    assert created
    assert denominator.entered_by is None
    again, created = denominator_set(region=region, year=2024, kind="population", value=2, source="t", user=None)
    assert (again.pk, created, again.value) == (denominator.pk, False, 2)
    denominator_delete(denominator=again, user=None)
    assert not Denominator.objects.exists()


# --- the figure it feeds, with the sample documents ---


def test_after_staff_enter_yanchengs_insured_residents_its_contribution_per_insured_appears(staff_client, client):
    import_seeds()
    before = client.get("/api/indicators/", {"indicator": "contribution_per_insured", "year": 2024}).json()
    assert before["results"][0]["values"]["contribution_per_insured"]["value"] is None

    staff_client.post(URL, YANCHENG | {"region": "郾城区"})

    rows = indicator_rows(disclosures=list(disclosure_list_current(year=2024)))
    value = next(r for r in rows if "郾城" in r.bureau.name).values["contribution_per_insured"]
    # 6,984.07万元 ÷ 400,000 = 174.60175 元
    assert per_head(value.value) == "174.60"
    assert value.value == (Decimal("69840700") / 400000).quantize(Decimal("0.01"))
    after = client.get("/api/indicators/", {"indicator": "contribution_per_insured", "year": 2024}).json()
    shown = after["results"][0]["values"]["contribution_per_insured"]
    assert shown["value"] == "174.60"
    entered = shown["sources"][1]
    assert entered["document"] is None
    assert entered["note"] == YANCHENG["source"]
    assert entered["url"] == YANCHENG["source_url"]
    assert "400,000" in entered["label"]
    assert YANCHENG["source"] in shown["note"]
