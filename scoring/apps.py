from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Chấm điểm và kết quả")
    default_auto_field = "django.db.models.BigAutoField"
