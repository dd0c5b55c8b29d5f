"""python manage.py import_questions PATH [--dry-run] [--pack NAME]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hall.importers import ImportFileError, import_questions, read_rows
from hall.management.commands._import_output import finish


class Command(BaseCommand):
    @property
    def help(self) -> str:  # translated when shown, not at import
        return _("Nhập câu hỏi trắc nghiệm từ tệp .csv hoặc .xlsx (mã trùng thì cập nhật).")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("Đường dẫn tệp .csv hoặc .xlsx"))
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi gì"))
        parser.add_argument(
            "--pack", help=_("Tên bộ câu hỏi nhận các câu vừa nhập (tạo mới nếu chưa có)")
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            rows = read_rows(options["path"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        report = import_questions(rows, dry_run=options["dry_run"], pack=options.get("pack"))
        finish(self, report)
