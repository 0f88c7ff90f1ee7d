"""A finding is stored as a code and its parameters, and worded when shown: Chinese for the import record and the
Chinese pages, English on the English pages; money stays exact in the parameters."""

import json
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from disclosures.findings import finding_text
from disclosures.models import CheckResult, Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.parsing.wording import PHRASES, SENTENCES, FindingCode, amount, phrase, sentence, term

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
        "说明第560行写明本年支出合计3,798.42万元，而《部门预算支出总表》第202行「合计」为3,798.25万元（相差0.17万元）。"
    )
    assert finding_text(total.finding, stored) == total.message  # Chinese is the default language
    with translation.override("en"):
        english = finding_text(total.finding, stored)
    assert english == (
        "The text (line 560) states total spending this year as 3,798.42 10k yuan, while “部门预算支出总表”, "
        "line 202, “合计” gives 3,798.25 10k yuan (a difference of 0.17 10k yuan)."
    )


def test_a_finding_found_in_several_tables_says_so_in_each_language(shunping):
    [three] = [p for p in shunping.problems if p.code == "three_public"]
    assert "声明为空表" in three.message
    with translation.override("en"):
        english = finding_text(three.finding, three.params)
    assert english.startswith("“部门预算财政拨款“三公”经费支出表” (line 498) is declared empty, but the text states")
    assert "“Three public” costs 0.126 10k yuan, official reception 0.126 10k yuan at line 572" in english
    assert "“30217 公务接待费” at 0.13 10k yuan." in english
    assert not CJK.search(_outside_quotes(english.replace("“三公”", "")))


@pytest.mark.django_db
def test_imported_findings_read_in_the_pages_language_and_the_record_stays_chinese(client):
    out = StringIO()
    call_command("import_disclosures", str(SHUNPING), "--json", stdout=out, stderr=StringIO())
    record = json.loads(out.getvalue().splitlines()[0])
    messages = [f["message"] for f in record["findings"]]
    assert any(m.startswith("说明第560行写明本年支出合计3,798.42万元") for m in messages)

    document = Disclosure.objects.get()
    row = CheckResult.objects.get(disclosure=document, code="prose_total", message__contains="本年支出合计")
    assert row.finding == "prose_total" and row.params["reference"] == {"yuan": "37982500.00", "unit": "万元"}
    chinese = client.get(f"/documents/{document.pk}/").content.decode()
    english = client.get(f"/en/documents/{document.pk}/").content.decode()
    assert "说明第560行写明本年支出合计3,798.42万元" in chinese
    assert "The text (line 560) states total spending this year as 3,798.42 10k yuan" in english
    assert "写明" not in english


@pytest.mark.django_db
def test_a_finding_stored_before_parameters_shows_its_stored_message(client):
    call_command("import_disclosures", str(SHUNPING), stdout=StringIO(), stderr=StringIO())
    document = Disclosure.objects.get()
    CheckResult.objects.filter(disclosure=document).update(params=None, message="旧的核对结果。")
    assert "旧的核对结果。" in client.get(f"/en/documents/{document.pk}/").content.decode()


def _prose_item(value: str, printed: str) -> dict:
    """A sentence of the prose against a table printed in 元 (as 普陀区万里街道 2024 prints its functional table)."""
    a, b = Decimal(value), Decimal(printed)
    return {
        "line": "147",
        "quote": "住房公积金",
        "value": amount(a, "万元"),
        "table": phrase("table", title="部门一般公共预算支出功能分类预算表"),
        "table_line": "404",
        "printed": amount(b, "元"),
        "difference": phrase("difference", amount=amount(abs(a - b), "元")),
    }


def test_amounts_of_a_table_in_yuan_are_written_in_wan_yuan_like_the_prose_exact_in_both_languages():
    params = _prose_item("3526700", "3503499")
    assert sentence(FindingCode.PROSE_ITEM, params) == (
        "说明第147行写明「住房公积金」352.67万元，而《部门一般公共预算支出功能分类预算表》第404行为350.3499万元"
        "（相差2.3201万元）。"
    )
    with translation.override("en"):
        english = finding_text(FindingCode.PROSE_ITEM, params)
    assert english == (
        "The text (line 147) states “住房公积金” as 352.67 10k yuan, while “部门一般公共预算支出功能分类预算表” "
        "gives 350.3499 10k yuan at line 404 (a difference of 2.3201 10k yuan)."
    )


def test_a_difference_under_a_hundred_yuan_puts_the_whole_finding_in_yuan_never_0_00():
    # 0.17元 would be 0.000017万元: every amount of the finding is written in 元 instead, two decimals, exact.
    params = _prose_item("37982500.17", "37982500")
    chinese = sentence(FindingCode.PROSE_ITEM, params)
    assert "37,982,500.17元，而" in chinese and "为37,982,500.00元（相差0.17元）。" in chinese
    assert "万元" not in chinese
    with translation.override("en"):
        english = finding_text(FindingCode.PROSE_ITEM, params)
    assert "as 37,982,500.17 yuan, while" in english and "gives 37,982,500.00 yuan at line 404" in english
    assert english.endswith("(a difference of 0.17 yuan).") and "10k" not in english

    # 37元 is 0.0037万元: also in 元, rather than a figure of four decimals a reader may take for zero.
    rounding = sentence(FindingCode.PROSE_ITEM, _prose_item("37982537", "37982500"))
    assert rounding.endswith("为37,982,500.00元（相差37.00元）。") and "37,982,537.00元" in rounding


def test_an_amount_with_fen_in_a_list_of_conflicts_puts_that_finding_in_yuan():
    # One amount that 万元 cannot write in four decimals (1,234.56元) decides the unit of the whole sentence.
    params = {
        "where": phrase("where.table_line", table=phrase("table", title="支出表"), line="12"),
        "row": "合计",
        "detail": phrase(
            "sum.total",
            parent=amount(Decimal("1234.56"), "元"),
            what=term("下级之和"),
            sum=amount(Decimal("1200"), "元"),
            difference=phrase("difference", amount=amount(Decimal("34.56"), "元")),
        ),
    }
    assert sentence(FindingCode.CHILDREN_SUM, params) == (
        "《支出表》第12行「合计」与其下级科目之和不一致：合计为1,234.56元，下级之和为1,200.00元（相差34.56元）。"
    )


def test_a_finding_stored_with_the_old_plain_amounts_is_written_like_the_others():
    old = {"yuan": "125000", "unit": "万元", "plain": True}
    params = {
        "code": "2101301",
        "name": "城乡医疗救助",
        "first_line": "40",
        "first": old,
        "second_line": "52",
        "second": {"yuan": "1250000", "unit": "万元", "plain": True},
    }
    assert sentence(FindingCode.NARRATIVE_REPEATED, params) == (
        "说明中科目2101301「城乡医疗救助」写了两个不同的决算数：第40行12.50万元，第52行125.00万元。"
    )
