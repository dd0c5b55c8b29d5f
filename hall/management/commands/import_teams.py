"""python manage.py import_teams PATH [--contest SLUG] [--dry-run]"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hall.importers import ImportFileError, import_teams, read_rows
from hall.management.commands._import_output import finish
from hall.models import Contest


class Command(BaseCommand):
    @property
    def help(self) -> str:  # translated when shown, not at import
        return _(
            "Nhập đơn vị, đội thi và thành viên từ tệp .csv hoặc .xlsx (mỗi dòng một thành viên)."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help=_("Đường dẫn tệp .csv hoặc .xlsx"))
        parser.add_argument(
            "--contest", help=_("Mã (slug) hội thi; bỏ qua được khi chỉ có một hội thi")
        )
        parser.add_argument("--dry-run", action="store_true", help=_("Chỉ kiểm tra, không ghi gì"))

    def handle(self, *args: Any, **options: Any) -> None:
        contest = self._contest(options.get("contest"))
        try:
            rows = read_rows(options["path"])
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        finish(self, import_teams(contest, rows, dry_run=options["dry_run"]))

    def _contest(self, slug: str | None) -> Contest:
        if slug:
            try:
                return Contest.objects.get(slug=slug)
            except Contest.DoesNotExist as exc:
                raise CommandError(_("Không có hội thi mã “%(slug)s”.") % {"slug": slug}) from exc
        contests = list(Contest.objects.all()[:2])
        if len(contests) == 1:
            return contests[0]
        if not contests:
            raise CommandError(_("Chưa có hội thi nào; hãy tạo hội thi trong trang quản trị."))
        raise CommandError(_("Có nhiều hội thi; hãy chọn một bằng --contest MÃ."))
