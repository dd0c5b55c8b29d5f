"""``python manage.py load_demo``: the realistic Đắk Nông 2023 demo contest."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hall.demo.build import DEFAULT_BASE_URL, PASSWORD_ENV, load_demo
from hall.demo.files import DemoDataError
from hall.demo.summary import summary_lines


class Command(BaseCommand):
    help = gettext_lazy(
        "Nạp (hoặc cập nhật) hội thi mẫu “Chuyển đổi số - nhận thức và hành động” tỉnh Đắk "
        "Nông năm 2023: đơn vị, đội thi, giám khảo, tài khoản, thiết bị và câu hỏi mẫu. "
        "Chạy lại nhiều lần không tạo dữ liệu trùng."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--base-url",
            default=DEFAULT_BASE_URL,
            help=gettext_lazy("Địa chỉ gốc để in các đường dẫn (mặc định %(default)s)."),
        )
        parser.add_argument(
            "--password",
            default=None,
            help=gettext_lazy(
                "Mật khẩu chung cho các tài khoản mẫu (mặc định lấy từ biến môi trường "
                "DEMO_PASSWORD, nếu không có thì là hoithi2023)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        base_url: str = options["base_url"]
        if not base_url.startswith(("http://", "https://")):
            raise CommandError(
                _("Địa chỉ gốc phải bắt đầu bằng http:// hoặc https:// (nhận được: %(url)s).")
                % {"url": base_url}
            )
        password = options["password"]
        if password is not None and not password.strip():
            raise CommandError(
                _("Mật khẩu không được để trống (có thể đặt biến môi trường %(env)s).")
                % {"env": PASSWORD_ENV}
            )
        try:
            info = load_demo(password=password)
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary_lines(info, base_url):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(_("Hoàn tất.")))
