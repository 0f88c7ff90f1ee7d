from django.core.management.base import BaseCommand, CommandError

from disclosures.models import Bureau
from disclosures.services.bureaus import MergeRefused, bureau_merge


class Command(BaseCommand):
    help = (
        "把一个单位并入另一个（同一机构的两种写法）：文件、版本和别名移到保留的单位，"
        "被并入的单位标为已并入，不删除任何数据。"
    )

    def add_arguments(self, parser):
        parser.add_argument("keep", type=int, help="保留的单位 id")
        parser.add_argument("other", type=int, help="并入它的单位 id")

    def handle(self, *args, **options):
        try:
            keep = Bureau.objects.get(pk=options["keep"])
            other = Bureau.objects.get(pk=options["other"])
        except Bureau.DoesNotExist:
            raise CommandError("没有这个单位：请用 /staff/bureaus/ 页面上列出的单位 id。") from None
        try:
            summary = bureau_merge(keep=keep, other=other)
        except MergeRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"已将“{other.name}”（{other.pk}）并入“{keep.name}”（{keep.pk}）：移入 {summary.moved} 份文件，"
            f"其中 {summary.superseded} 份由同年同类的现行版本替换；"
            f"{summary.duplicates} 份与保留单位的文件相同，留在原处并标为已替换。"
        )
