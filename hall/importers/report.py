"""What an import did (or would do in a dry run), and the one transaction that writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

# What an import's ``apply`` step returns: created, updated, unchanged, notes.
Written = tuple[int, int, int, list[str]]


@dataclass(frozen=True)
class RowError:
    """One problem; ``row_number`` as in the spreadsheet (header = 1), None for the file."""

    row_number: int | None
    message: str

    def __str__(self) -> str:
        if self.row_number is None:
            return self.message
        return _("Dòng %(row)d: %(message)s") % {"row": self.row_number, "message": self.message}


@dataclass
class PreviewRow:
    row_number: int
    cells: list[str]
    action: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    """What an import did, or would do in a dry run."""

    kind: str
    dry_run: bool
    columns: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    preview: list[PreviewRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def row_count(self) -> int:
        return len(self.preview)

    def error(self, row_number: int | None, message: str) -> None:
        self.errors.append(RowError(row_number, message))

    def attach_errors_to_preview(self) -> None:
        by_row: dict[int, list[str]] = {}
        for err in self.errors:
            if err.row_number is not None:
                by_row.setdefault(err.row_number, []).append(err.message)
        for row in self.preview:
            row.errors = by_row.get(row.row_number, [])

    def summary(self) -> str:
        if self.errors:
            return _("Có %(n)d lỗi; không có dữ liệu nào được ghi. Hãy sửa tệp rồi nhập lại.") % {
                "n": len(self.errors)
            }
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return (
                _(
                    "Chạy thử: sẽ thêm mới %(created)d, cập nhật %(updated)d, giữ nguyên "
                    "%(unchanged)d. Chưa ghi gì vào cơ sở dữ liệu."
                )
                % counts
            )
        return (
            _("Đã thêm mới %(created)d, cập nhật %(updated)d, giữ nguyên %(unchanged)d.") % counts
        )


def write_all_or_nothing(report: ImportReport, apply: Callable[[], Written]) -> None:
    """Run ``apply`` in one transaction; any database error leaves nothing written."""
    try:
        with transaction.atomic():
            created, updated, unchanged, notes = apply()
    except DatabaseError as exc:
        report.error(
            None,
            _("Không ghi được dữ liệu (%(error)s); không có gì được lưu, hãy thử lại.")
            % {"error": exc},
        )
        return
    report.created, report.updated, report.unchanged = created, updated, unchanged
    report.notes.extend(notes)
    report.written = True
