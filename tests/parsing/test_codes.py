from disclosures.parsing import codes
from disclosures.parsing.types import Classification


def test_standard_names_of_the_codes_a_bureau_books():
    assert codes.standard_name("2101202") == "财政对城乡居民基本医疗保险基金的补助"
    assert codes.standard_name("21013") == "医疗救助"
    assert codes.standard_name("2101501") == "行政运行"
    assert codes.standard_name("2101550") == "事业运行"
    assert codes.standard_name("208") == "社会保障和就业支出"
    assert codes.standard_name("221") == "住房保障支出"
    assert codes.standard_name("30201") == "办公费"
    assert codes.standard_name("502") == "机关商品和服务支出"
    assert codes.standard_name("9999999") is None


def test_every_code_has_a_standard_shape():
    for code in codes.STANDARD_NAMES:
        assert code.isdigit() and len(code) in (3, 5, 7), code
    for code in codes.FUNCTIONAL:
        if len(code) > 3:
            assert code[:3] in codes.FUNCTIONAL, code


def test_classification_by_first_digit():
    assert codes.classification_of("2101202") is Classification.FUNCTIONAL
    assert codes.classification_of("30201") is Classification.ECONOMIC_DEPARTMENT
    assert codes.classification_of("50201") is Classification.ECONOMIC_GOVERNMENT
    assert codes.classification_of("") is Classification.OTHER


def test_class_code_from_the_name_a_summary_table_prints():
    assert codes.class_code_for_name("卫生健康支出") == "210"
    assert codes.class_code_for_name("卫生健康") == "210"
    assert codes.class_code_for_name("社会保障和就业") == "208"
    assert codes.class_code_for_name("城乡社区事务") == "212"
    assert codes.class_code_for_name("一般公共预算拨款收入") is None
