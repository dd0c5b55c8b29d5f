from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreensConfig(AppConfig):
    name = "screens"
    verbose_name = _("Thiết bị và màn hình")
    default_auto_field = "django.db.models.BigAutoField"
