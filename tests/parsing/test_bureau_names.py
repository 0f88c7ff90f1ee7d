"""One county, one bureau: the spellings of one body give one key; two bodies give two."""

from disclosures.parsing.bureau_names import body_key

YANCHENG = ("河南省", "河南", "漯河市", "漯河", "郾城区", "郾城")


def test_the_prefecture_in_front_or_not_is_one_bureau():
    assert body_key("漯河市郾城区医疗保障局", YANCHENG) == body_key("郾城区医疗保障局", YANCHENG)
    assert body_key("河南省漯河市郾城区医疗保障局", YANCHENG) == body_key("郾城医疗保障局", YANCHENG)


def test_a_short_form_and_full_width_characters_are_one_bureau():
    assert body_key("郾城区医保局", YANCHENG) == body_key("郾城区医疗保障局", YANCHENG)
    assert body_key("郾城区　医疗保障局", YANCHENG) == body_key("郾城区医疗保障局", YANCHENG)
    assert body_key("漯河市郾城区医疗保险经办中心", YANCHENG) == body_key("郾城区医疗保险经办机构", YANCHENG)


def test_the_bureau_and_its_agency_stay_two():
    keys = {body_key(n, YANCHENG) for n in ("郾城区医疗保障局", "郾城区医疗保险经办中心", "郾城区医疗保障事务中心")}
    assert len(keys) == 3


def test_a_county_named_like_a_prefix_keeps_its_name():
    # 和平县 of 河源市: "和平" is its name, not words in front of it.
    heping = ("广东省", "广东", "河源市", "河源", "和平县", "和平")
    assert body_key("和平县医疗保障局", heping) == body_key("河源市和平县医疗保障局", heping) == "医疗保障局"
