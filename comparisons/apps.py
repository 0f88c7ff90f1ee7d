from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"
    # The admin's heading for this app's models: in English "Comparisons", where the menu's 比较 is "Compare".
    verbose_name = pgettext_lazy("应用名称", "比较")
