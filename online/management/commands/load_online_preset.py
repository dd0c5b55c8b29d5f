from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from online import presets


class Command(BaseCommand):
    help = "Tạo (hoặc cập nhật) cuộc thi trực tuyến theo mẫu của một tỉnh."

    def add_arguments(self, parser):
        parser.add_argument("name", help=", ".join(presets.PRESETS))

    def handle(self, *args, name: str, **options):
        if name not in presets.PRESETS:
            raise CommandError(
                _("Không có mẫu “%(name)s”. Các mẫu có sẵn: %(all)s.")
                % {"name": name, "all": ", ".join(presets.PRESETS)}
            )
        round_ = presets.load(name)
        self.stdout.write(
            _("Đã nạp mẫu %(name)s: %(round)s (%(n)d đợt thi).")
            % {"name": name, "round": round_.name, "n": round_.periods.count()}
        )
