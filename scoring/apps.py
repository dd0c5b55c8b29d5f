from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = _("Chấm điểm và kết quả")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The pure rules speak Vietnamese by default; inside Django they follow
        # the active language and its number format.
        from django.utils.formats import number_format
        from django.utils.translation import gettext

        from scoring import rules

        rules.set_localization(gettext, number_format)
