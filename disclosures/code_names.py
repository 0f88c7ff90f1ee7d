"""What a functional classification code (2101501) is called on a page, in the reader's language.

The parsers name codes in Chinese, without Django (parsing/codes.py). A reader of Chinese sees the name the document
printed (else the standard name); a reader of English the English of the standard name, from the list below: each code
whose standard name the site knows, worded as the English of China's government functional classification has it
(the 类 as the Ministry of Finance's budget reports name them: "General public services", "Health"; the 款 and 项
as the site already calls them: "Administrative operation", "Institutional operation", "Government subsidy to the
urban and rural residents' basic medical insurance fund"). A code not in the list keeps the name as printed: a
translation made up for a name the site does not know would say more than the document.

The names are msgids in the context "功能分类科目": the same Chinese words are also the name of an indicator (行政运行,
"Administrative operation (2101501)") or of a figure, which read otherwise in English.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext, pgettext_lazy

from disclosures.parsing.codes import standard_name

ENGLISH_NAMED: dict[str, Promise] = {
    # 类
    "201": pgettext_lazy("功能分类科目", "一般公共服务支出"),
    "202": pgettext_lazy("功能分类科目", "外交支出"),
    "203": pgettext_lazy("功能分类科目", "国防支出"),
    "204": pgettext_lazy("功能分类科目", "公共安全支出"),
    "205": pgettext_lazy("功能分类科目", "教育支出"),
    "206": pgettext_lazy("功能分类科目", "科学技术支出"),
    "207": pgettext_lazy("功能分类科目", "文化旅游体育与传媒支出"),
    "208": pgettext_lazy("功能分类科目", "社会保障和就业支出"),
    "209": pgettext_lazy("功能分类科目", "社会保险基金支出"),
    "210": pgettext_lazy("功能分类科目", "卫生健康支出"),
    "211": pgettext_lazy("功能分类科目", "节能环保支出"),
    "212": pgettext_lazy("功能分类科目", "城乡社区支出"),
    "213": pgettext_lazy("功能分类科目", "农林水支出"),
    "214": pgettext_lazy("功能分类科目", "交通运输支出"),
    "215": pgettext_lazy("功能分类科目", "资源勘探工业信息等支出"),
    "216": pgettext_lazy("功能分类科目", "商业服务业等支出"),
    "217": pgettext_lazy("功能分类科目", "金融支出"),
    "219": pgettext_lazy("功能分类科目", "援助其他地区支出"),
    "220": pgettext_lazy("功能分类科目", "自然资源海洋气象等支出"),
    "221": pgettext_lazy("功能分类科目", "住房保障支出"),
    "222": pgettext_lazy("功能分类科目", "粮油物资储备支出"),
    "223": pgettext_lazy("功能分类科目", "国有资本经营预算支出"),
    "224": pgettext_lazy("功能分类科目", "灾害防治及应急管理支出"),
    "227": pgettext_lazy("功能分类科目", "预备费"),
    "229": pgettext_lazy("功能分类科目", "其他支出"),
    "230": pgettext_lazy("功能分类科目", "转移性支出"),
    "231": pgettext_lazy("功能分类科目", "债务还本支出"),
    "232": pgettext_lazy("功能分类科目", "债务付息支出"),
    "233": pgettext_lazy("功能分类科目", "债务发行费用支出"),
    "234": pgettext_lazy("功能分类科目", "抗疫特别国债安排的支出"),
    # 208 社会保障和就业支出
    "20801": pgettext_lazy("功能分类科目", "人力资源和社会保障管理事务"),
    "2080101": pgettext_lazy("功能分类科目", "行政运行"),
    "2080102": pgettext_lazy("功能分类科目", "一般行政管理事务"),
    "2080103": pgettext_lazy("功能分类科目", "机关服务"),
    "2080199": pgettext_lazy("功能分类科目", "其他人力资源和社会保障管理事务支出"),
    "20805": pgettext_lazy("功能分类科目", "行政事业单位养老支出"),
    "2080501": pgettext_lazy("功能分类科目", "行政单位离退休"),
    "2080502": pgettext_lazy("功能分类科目", "事业单位离退休"),
    "2080503": pgettext_lazy("功能分类科目", "离退休人员管理机构"),
    "2080505": pgettext_lazy("功能分类科目", "机关事业单位基本养老保险缴费支出"),
    "2080506": pgettext_lazy("功能分类科目", "机关事业单位职业年金缴费支出"),
    "2080507": pgettext_lazy("功能分类科目", "对机关事业单位基本养老保险基金的补助"),
    "2080508": pgettext_lazy("功能分类科目", "对机关事业单位职业年金的补助"),
    "2080599": pgettext_lazy("功能分类科目", "其他行政事业单位养老支出"),
    "20808": pgettext_lazy("功能分类科目", "抚恤"),
    "2080801": pgettext_lazy("功能分类科目", "死亡抚恤"),
    "20899": pgettext_lazy("功能分类科目", "其他社会保障和就业支出"),
    "2089999": pgettext_lazy("功能分类科目", "其他社会保障和就业支出"),
    # 210 卫生健康支出
    "21001": pgettext_lazy("功能分类科目", "卫生健康管理事务"),
    "2100101": pgettext_lazy("功能分类科目", "行政运行"),
    "2100102": pgettext_lazy("功能分类科目", "一般行政管理事务"),
    "2100103": pgettext_lazy("功能分类科目", "机关服务"),
    "2100199": pgettext_lazy("功能分类科目", "其他卫生健康管理事务支出"),
    "21011": pgettext_lazy("功能分类科目", "行政事业单位医疗"),
    "2101101": pgettext_lazy("功能分类科目", "行政单位医疗"),
    "2101102": pgettext_lazy("功能分类科目", "事业单位医疗"),
    "2101103": pgettext_lazy("功能分类科目", "公务员医疗补助"),
    "2101199": pgettext_lazy("功能分类科目", "其他行政事业单位医疗支出"),
    "21012": pgettext_lazy("功能分类科目", "财政对基本医疗保险基金的补助"),
    "2101201": pgettext_lazy("功能分类科目", "财政对职工基本医疗保险基金的补助"),
    "2101202": pgettext_lazy("功能分类科目", "财政对城乡居民基本医疗保险基金的补助"),
    "2101299": pgettext_lazy("功能分类科目", "财政对其他基本医疗保险基金的补助"),
    "21013": pgettext_lazy("功能分类科目", "医疗救助"),
    "2101301": pgettext_lazy("功能分类科目", "城乡医疗救助"),
    "2101302": pgettext_lazy("功能分类科目", "疾病应急救助"),
    "2101399": pgettext_lazy("功能分类科目", "其他医疗救助支出"),
    "21014": pgettext_lazy("功能分类科目", "优抚对象医疗"),
    "2101401": pgettext_lazy("功能分类科目", "优抚对象医疗补助"),
    "2101499": pgettext_lazy("功能分类科目", "其他优抚对象医疗支出"),
    "21015": pgettext_lazy("功能分类科目", "医疗保障管理事务"),
    "2101501": pgettext_lazy("功能分类科目", "行政运行"),
    "2101502": pgettext_lazy("功能分类科目", "一般行政管理事务"),
    "2101503": pgettext_lazy("功能分类科目", "机关服务"),
    "2101504": pgettext_lazy("功能分类科目", "信息化建设"),
    "2101505": pgettext_lazy("功能分类科目", "医疗保障政策管理"),
    "2101506": pgettext_lazy("功能分类科目", "医疗保障经办事务"),
    "2101550": pgettext_lazy("功能分类科目", "事业运行"),
    "2101599": pgettext_lazy("功能分类科目", "其他医疗保障管理事务支出"),
    "21099": pgettext_lazy("功能分类科目", "其他卫生健康支出"),
    "2109999": pgettext_lazy("功能分类科目", "其他卫生健康支出"),
    # 221 住房保障支出
    "22101": pgettext_lazy("功能分类科目", "保障性安居工程支出"),
    "22102": pgettext_lazy("功能分类科目", "住房改革支出"),
    "2210201": pgettext_lazy("功能分类科目", "住房公积金"),
    "2210202": pgettext_lazy("功能分类科目", "提租补贴"),
    "2210203": pgettext_lazy("功能分类科目", "购房补贴"),
    "22103": pgettext_lazy("功能分类科目", "城乡社区住宅"),
}


def code_display_name(code: str, printed: str = "") -> str:
    """A code's name in the active language: in Chinese as the document printed it (else the standard name); in
    another language the English of its standard name where the list has it, else the name as printed."""
    if (get_language() or "zh").startswith("zh") or code not in ENGLISH_NAMED:
        return printed or standard_name(code) or ""
    return str(ENGLISH_NAMED[code])


def code_display_label(code: str, printed: str = "") -> str:
    """A code with its name in the active language: "2101501 行政运行", "Administrative operation (2101501)"."""
    return code_with_name(code, code_display_name(code, printed))


def code_with_name(code: str, name: str) -> str:
    """A code and a name already in the active language, as that language writes them: the name first in English."""
    return gettext("%(code)s %(name)s") % {"code": code, "name": name}
