"""What a user can do about a refused file, in the words of the place they are in: the command line or the upload
page. The services name the remedy; the entry points word it (a page never speaks of command-line flags)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

COMMAND = {
    "year": "请用 --year YYYY 指定年度。",
    "kind": "请用 --kind budget|final 指定预算或决算。",
    "scope": "请用 --scope department|unit 指定部门或单位。",
    "meta": "请用 --year、--kind、--scope 指定。",
    "region": "请用 --region 指定 6 位区划代码。",
    "publisher": "请用 --publisher 指定发布单位的全称。",
    "check": "只核对不导入，请加 --check。",
    "replace": "确认替换请加 --replace，旧版本会保留并标为已替换。",
    "restore": "如要恢复为现行版本，请加 --replace。",
}
PAGE = {
    "year": _("请在“年度”一栏填写。"),
    "kind": _("请在“类型”一栏选择预算或决算。"),
    "scope": _("请在“范围”一栏选择部门或单位。"),
    "meta": _("请在“年度”“类型”“范围”栏填写。"),
    "region": _("请在“区划代码”一栏填写 6 位区划代码。"),
    "publisher": _("请在“发布单位”一栏填写全称。"),
    "check": _("只核对不导入，请勾选“只核对，不导入”。"),
    "replace": _("确认替换请勾选“我确认用这份文件替换现有版本”，再按“替换”；旧版本会保留并标为已替换。"),
    "restore": _("如要恢复为现行版本，请勾选“我确认用这份文件替换现有版本”，再按“替换”。"),
}
# Several files at once are saved without a preview: a replacement needs its own preview and confirmation.
BATCH = PAGE | {
    "replace": _("要替换，请单独上传这个文件，预览后确认替换；旧版本会保留并标为已替换。"),
    "restore": _("要恢复为现行版本，请单独上传这个文件，预览后确认替换。"),
}


def for_command(message: str, remedy: str | None) -> str:
    return f"{message}{COMMAND[remedy]}" if remedy in COMMAND else message


def for_page(message: str, remedy: str | None) -> str:
    return _then(message, PAGE[remedy]) if remedy in PAGE else message


def for_batch(message: str, remedy: str | None) -> str:
    return _then(message, BATCH[remedy]) if remedy in BATCH else message


def _then(message: str, remedy: str) -> str:
    # Chinese runs the two sentences together; English needs a space between them.
    return _("%(message)s%(remedy)s") % {"message": message, "remedy": remedy}
