from django.core.management.base import BaseCommand

from disclosures.services.demo import demo_remove


class Command(BaseCommand):
    help = "删除全部演示数据（generate_demo 生成的文件、其预算行和指标值，以及只有演示文件的单位）。真实文件不受影响。"

    def handle(self, *args, **options):
        documents, bureaus = demo_remove()
        self.stdout.write(f"已删除演示文件 {documents} 份、单位 {bureaus} 个。")
