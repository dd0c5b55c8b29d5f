from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from online import services


class Command(BaseCommand):
    help = (
        "Tự động nộp các lượt thi đã hết giờ và tổng hợp kết quả các đợt thi đã kết thúc "
        "(chạy định kỳ, ví dụ mỗi phút)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-finalize", action="store_true", help="Chỉ nộp bài hết giờ, không tổng hợp đợt."
        )

    def handle(self, *args, no_finalize: bool = False, **options):
        now = timezone.now()
        count = services.close_expired(now)
        self.stdout.write(_("Đã tự động nộp %(n)d lượt thi hết giờ.") % {"n": count})
        if not no_finalize:
            for period in services.finalize_due_periods(now):
                self.stdout.write(
                    _("Đã tổng hợp kết quả: %(p)s (đáp án dự đoán: %(v)s).")
                    % {"p": period, "v": period.actual_value}
                )
