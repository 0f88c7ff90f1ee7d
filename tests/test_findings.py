"""A finding is stored as a code and its parameters, and worded when shown: Chinese for the import record and the
Chinese pages, English on the English pages; money stays exact in the parameters."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from disclosures.findings import finding_text
from disclosures.models import CheckResult, Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.parsing.wording import PHRASES, SENTENCES, FindingCode

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"
SHUNPING = SEEDS / "000_3b77d72afb619b15.txt"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef《》「」]")


def _outside_quotes(text: str) -> str:
    """The words of the sentence itself: what is quoted (a table title, a row as printed) is the document's."""
    return re.sub(r"“[^”]*”", "", text)


@pytest.fixture(scope="module")
def shunping():
    return parse_disclosure(SHUNPING.read_text(encoding="utf-8"))


def test_every_sentence_and_phrase_has_english_with_the_same_placeholders():
    for msgid in [*SENTENCES.values(), *PHRASES.values()]:
        with translation.override("en"):
            english = translation.gettext(msgid)
        assert english != msgid or not CJK.search(msgid), msgid
        assert set(re.findall(r"%\((\w+)\)s", english)) == set(re.findall(r"%\((\w+)\)s", msgid)), msgid
        assert not CJK.search(_outside_quotes(english)), english


def test_a_finding_keeps_exact_amounts_in_plain_json(shunping):
    [total] = [p for p in shunping.problems if p.code == "prose_total" and "本年支出合计" in p.message]
    assert total.finding == FindingCode.PROSE_TOTAL
    stored = json.loads(json.dumps(total.params))  # as the JSON field stores it
    assert stored["value"] == {"yuan": "37984200.00", "unit": "万元"}
    assert total.message == (
        "说明第560行写明本年支出合计3798.42万元，而《部门预算支出总表》第202行「合计」为3798.25万元（相差0.17万元）。"
    )
    assert finding_text(total.finding, stored) == total.message  # Chinese is the default language
    with translation.override("en"):
        english = finding_text(total.finding, stored)
    assert english == (
        "The text (line 560) states total spending this year as 37,984,200 yuan, while “部门预算支出总表”, "
        "line 202, “合计” gives 37,982,500 yuan (a difference of 1,700 yuan)."
    )


def test_a_finding_found_in_several_tables_says_so_in_each_language(shunping):
    [three] = [p for p in shunping.problems if p.code == "three_public"]
    assert "声明为空表" in three.message
    with translation.override("en"):
        english = finding_text(three.finding, three.params)
    assert english.startswith("“部门预算财政拨款“三公”经费支出表” (line 498) is declared empty, but the text states")
    assert "“Three public” costs 1,260 yuan, official reception 1,260 yuan at line 572" in english
    assert not CJK.search(_outside_quotes(english.replace("“三公”", "")))


@pytest.mark.django_db
def test_imported_findings_read_in_the_pages_language_and_the_record_stays_chinese(client):
    out = StringIO()
    call_command("import_disclosures", str(SHUNPING), "--json", stdout=out, stderr=StringIO())
    record = json.loads(out.getvalue().splitlines()[0])
    messages = [f["message"] for f in record["findings"]]
    assert any(m.startswith("说明第560行写明本年支出合计3798.42万元") for m in messages)

    document = Disclosure.objects.get()
    row = CheckResult.objects.get(disclosure=document, code="prose_total", message__contains="本年支出合计")
    assert row.finding == "prose_total" and row.params["reference"] == {"yuan": "37982500.00", "unit": "万元"}
    chinese = client.get(f"/documents/{document.pk}/").content.decode()
    english = client.get(f"/en/documents/{document.pk}/").content.decode()
    assert "说明第560行写明本年支出合计3798.42万元" in chinese
    assert "The text (line 560) states total spending this year as 37,984,200 yuan" in english
    assert "写明" not in english


@pytest.mark.django_db
def test_a_finding_stored_before_parameters_shows_its_stored_message(client):
    call_command("import_disclosures", str(SHUNPING), stdout=StringIO(), stderr=StringIO())
    document = Disclosure.objects.get()
    CheckResult.objects.filter(disclosure=document).update(params=None, message="旧的核对结果。")
    assert "旧的核对结果。" in client.get(f"/en/documents/{document.pk}/").content.decode()
