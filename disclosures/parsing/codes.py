"""Standard names of the 政府收支分类科目 a medical-insurance bureau uses.

Functional codes (功能分类) start with 2: 3 digits 类, 5 digits 款, 7 digits 项.
Department economic codes (部门经济分类) start with 3, government economic codes (政府经济分类) with 5.
The list is what county bureaus book, not the whole national catalogue: a code missing here is not an error,
it only means a cut name cannot be completed from the standard list.
"""

from __future__ import annotations

import re

from .text import is_abbreviation
from .types import Classification

FUNCTIONAL: dict[str, str] = {
    # 类 (the 收支总表 rows name them without codes)
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
    # 208 社会保障和就业支出
    "20801": "人力资源和社会保障管理事务",
    "2080101": "行政运行",
    "2080102": "一般行政管理事务",
    "2080103": "机关服务",
    "2080199": "其他人力资源和社会保障管理事务支出",
    "20805": "行政事业单位养老支出",
    "2080501": "行政单位离退休",
    "2080502": "事业单位离退休",
    "2080503": "离退休人员管理机构",
    "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出",
    "2080507": "对机关事业单位基本养老保险基金的补助",
    "2080508": "对机关事业单位职业年金的补助",
    "2080599": "其他行政事业单位养老支出",
    "20808": "抚恤",
    "2080801": "死亡抚恤",
    "20899": "其他社会保障和就业支出",
    "2089999": "其他社会保障和就业支出",
    # 210 卫生健康支出
    "21001": "卫生健康管理事务",
    "2100101": "行政运行",
    "2100102": "一般行政管理事务",
    "2100103": "机关服务",
    "2100199": "其他卫生健康管理事务支出",
    "21011": "行政事业单位医疗",
    "2101101": "行政单位医疗",
    "2101102": "事业单位医疗",
    "2101103": "公务员医疗补助",
    "2101199": "其他行政事业单位医疗支出",
    "21012": "财政对基本医疗保险基金的补助",
    "2101201": "财政对职工基本医疗保险基金的补助",
    "2101202": "财政对城乡居民基本医疗保险基金的补助",
    "2101299": "财政对其他基本医疗保险基金的补助",
    "21013": "医疗救助",
    "2101301": "城乡医疗救助",
    "2101302": "疾病应急救助",
    "2101399": "其他医疗救助支出",
    "21014": "优抚对象医疗",
    "2101401": "优抚对象医疗补助",
    "2101499": "其他优抚对象医疗支出",
    "21015": "医疗保障管理事务",
    "2101501": "行政运行",
    "2101502": "一般行政管理事务",
    "2101503": "机关服务",
    "2101504": "信息化建设",
    "2101505": "医疗保障政策管理",
    "2101506": "医疗保障经办事务",
    "2101550": "事业运行",
    "2101599": "其他医疗保障管理事务支出",
    "21099": "其他卫生健康支出",
    "2109999": "其他卫生健康支出",
    # 221 住房保障支出
    "22101": "保障性安居工程支出",
    "22102": "住房改革支出",
    "2210201": "住房公积金",
    "2210202": "提租补贴",
    "2210203": "购房补贴",
    "22103": "城乡社区住宅",
}

ECONOMIC_DEPARTMENT: dict[str, str] = {
    "301": "工资福利支出",
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30106": "伙食补助费",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30111": "公务员医疗补助缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30114": "医疗费",
    "30199": "其他工资福利支出",
    "302": "商品和服务支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30203": "咨询费",
    "30204": "手续费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30208": "取暖费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30212": "因公出国（境）费用",
    "30213": "维修（护）费",
    "30214": "租赁费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30218": "专用材料费",
    "30224": "被装购置费",
    "30225": "专用燃料费",
    "30226": "劳务费",
    "30227": "委托业务费",
    "30228": "工会经费",
    "30229": "福利费",
    "30231": "公务用车运行维护费",
    "30239": "其他交通费用",
    "30240": "税金及附加费用",
    "30299": "其他商品和服务支出",
    "303": "对个人和家庭的补助",
    "30301": "离休费",
    "30302": "退休费",
    "30303": "退职（役）费",
    "30304": "抚恤金",
    "30305": "生活补助",
    "30306": "救济费",
    "30307": "医疗费补助",
    "30308": "助学金",
    "30309": "奖励金",
    "30311": "代缴社会保险费",
    "30399": "其他对个人和家庭的补助",
    "310": "资本性支出",
    "31001": "房屋建筑物购建",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
    "31005": "基础设施建设",
    "31006": "大型修缮",
    "31007": "信息网络及软件购置更新",
    "31013": "公务用车购置",
    "31019": "其他交通工具购置",
    "31099": "其他资本性支出",
}

ECONOMIC_GOVERNMENT: dict[str, str] = {
    "501": "机关工资福利支出",
    "50101": "工资奖金津补贴",
    "50102": "社会保障缴费",
    "50103": "住房公积金",
    "50199": "其他工资福利支出",
    "502": "机关商品和服务支出",
    "50201": "办公经费",
    "50202": "会议费",
    "50203": "培训费",
    "50204": "专用材料购置费",
    "50205": "委托业务费",
    "50206": "公务接待费",
    "50207": "因公出国（境）费用",
    "50208": "公务用车运行维护费",
    "50209": "维修（护）费",
    "50299": "其他商品和服务支出",
    "503": "机关资本性支出（一）",
    "504": "机关资本性支出（二）",
    "505": "对事业单位经常性补助",
    "50501": "工资福利支出",
    "50502": "商品和服务支出",
    "50599": "其他对事业单位补助",
    "506": "对事业单位资本性补助",
    "509": "对个人和家庭的补助",
    "50901": "社会福利和救助",
    "50902": "助学金",
    "50905": "离退休费",
    "50999": "其他对个人和家庭的补助",
}

STANDARD_NAMES: dict[str, str] = {**FUNCTIONAL, **ECONOMIC_DEPARTMENT, **ECONOMIC_GOVERNMENT}

# Older or shortened 类 names printed in 收支总表 rows (郾城 prints "城乡社区事务", "卫生健康").
_CLASS_ALIASES = {"城乡社区事务": "212", "农林水事务": "213", "资源勘探信息等": "215", "医疗卫生与计划生育": "210"}
# "八、", "（三）", "3." in front of a class name in a 收支总表 row.
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十百零〇\d]+[)）、.．]?\s*")


def standard_name(code: str) -> str | None:
    """The standard name of a code, or None when the code is not in the list."""
    return STANDARD_NAMES.get(code)


_BY_FIRST_DIGIT = {
    "2": Classification.FUNCTIONAL,
    "3": Classification.ECONOMIC_DEPARTMENT,
    "5": Classification.ECONOMIC_GOVERNMENT,
}


def classification_of(code: str) -> Classification:
    """What kind of code this is, told by its first digit."""
    if not code:
        return Classification.OTHER
    return _BY_FIRST_DIGIT.get(code[0], Classification.OTHER)


def _bare(name: str) -> str:
    name = "".join(name.split())  # deletes whitespace, as re.sub(r"\s+", "", ...) would
    return name.removesuffix("支出") if len(name) > 3 else name


def _classes_by_bare_name(table: dict[str, str]) -> dict[str, str]:
    """Bare class name -> 3-digit code; where two classes share a bare name, the first listed wins."""
    out: dict[str, str] = {}
    for code, standard in table.items():
        if len(code) == 3:
            out.setdefault(_bare(standard), code)
    return out


# Built once: class_code_for_name is asked for every summary row, and the list never changes.
_FUNCTIONAL_CLASSES = _classes_by_bare_name(FUNCTIONAL)


def class_code_for_name(name: str, *, abbreviated: bool = False) -> str | None:
    """The 3-digit functional class whose name this is ("卫生健康" / "十、卫生健康支出" -> "210").

    With `abbreviated`, a class name shortened in order ("社保和就业") counts, where it keeps most of the standard
    name (so that a short income row never matches).
    """
    wanted = _bare(_NUMBERING.sub("", "".join((name or "").split())))
    if not wanted:
        return None
    if wanted in _FUNCTIONAL_CLASSES:
        return _FUNCTIONAL_CLASSES[wanted]
    if wanted in _CLASS_ALIASES:
        return _CLASS_ALIASES[wanted]
    if abbreviated and len(wanted) >= 2:
        for full, code in _FUNCTIONAL_CLASSES.items():
            fits = len(full) >= len(wanted) and len(wanted) * 5 >= len(full) * 3
            if fits and is_abbreviation(wanted, full):
                return code
    return None
