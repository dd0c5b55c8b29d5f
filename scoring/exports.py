"""Standings, per-judge marks and per-member results as XLSX and CSV.

Headers are Vietnamese. CSV is UTF-8 with a byte-order mark so Excel shows the
diacritics; every figure is written as its canonical string from ``scoring``
("85.13"), the same digits every screen shows. XLSX stores figures as numbers
(Decimal) with a number format showing exactly those digits, with a title row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from scoring.numbers import wire
from scoring.records import PrizesResult, Results

__all__ = ["EXPORTS", "Table", "build_table", "to_csv", "to_xlsx"]

EXPORTS = ("standings", "marks", "members")

Table = tuple[str, list[str], list[list[Any]]]


def _prize_of(block: PrizesResult, entry_id: int) -> str:
    return next((a.label for a in block.awards if a.id == entry_id), "")


def standings_table(results: Results) -> Table:
    headers = [_("Hạng"), _("Đội thi"), _("Đơn vị")]
    headers += [p.title for p in results.parts]
    headers += [_("Điểm bị trừ"), _("Tổng điểm"), _("Xếp trên đội sau nhờ"), _("Giải")]
    rows = []
    for row in results.standings.rows:
        line: list[Any] = [row.rank, row.team, row.unit]
        line += [p.score for p in row.parts]
        line += [
            row.penalty_points,
            row.total,
            row.reason,
            _prize_of(results.team_prizes, row.team_id),
        ]
        rows.append(line)
    return _("Bảng xếp hạng đồng đội"), headers, rows


def marks_table(results: Results) -> Table:
    headers = [
        _("Phần thi"),
        _("Đội thi"),
        _("Giám khảo"),
        _("Tiêu chí"),
        _("Điểm tối đa"),
        _("Trọng số"),
        _("Điểm"),
        _("Tổng điểm của giám khảo"),
        _("Điều chỉnh số"),
    ]
    rows = []
    for part in results.parts:
        for team in part.judged_teams:
            for sheet in team.sheets:
                for criterion, mark in zip(part.criteria, sheet.marks, strict=False):
                    rows.append(
                        [
                            part.title,
                            team.team,
                            sheet.judge,
                            criterion.name,
                            criterion.max_points,
                            criterion.weight,
                            mark,
                            sheet.total,
                            sheet.correction_id or "",
                        ]
                    )
    return _("Điểm chấm của từng giám khảo"), headers, rows


def members_table(results: Results) -> Table:
    headers = [
        _("Hạng"),
        _("Họ và tên"),
        _("Đội thi"),
        _("Điểm kiến thức"),
        _("Số câu đúng"),
        _("Số câu sai"),
        _("Giải"),
    ]
    rows = []
    for row in results.members.rows:
        rows.append(
            [
                row.rank,
                row.name,
                row.team,
                row.points,
                row.correct,
                row.wrong,
                _prize_of(results.individual_prizes, row.member_id),
            ]
        )
    return _("Kết quả cá nhân phần kiến thức"), headers, rows


BUILDERS = {"standings": standings_table, "marks": marks_table, "members": members_table}


def build_table(results: Results, what: str) -> Table:
    """The table for ``what`` (standings, marks or members)."""
    return BUILDERS[what](results)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return wire(value)
    return "" if value is None else value


def _number_format(value: Decimal) -> str:
    """An Excel number format showing the figure's own digits ("0.00" for 85.13)."""
    places = max(0, -value.as_tuple().exponent)
    return "0." + "0" * places if places else "0"


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """UTF-8 CSV with a BOM (Excel reads the diacritics correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(
    title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]], subtitle: str = ""
) -> bytes:
    """One worksheet: a title row, an optional subtitle, the header row, then the data."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append(list(headers))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append([v if v is not None else "" for v in row])
        for cell, value in zip(sheet[sheet.max_row], row, strict=False):
            if isinstance(value, Decimal):
                cell.number_format = _number_format(value)
    for n, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[n - 1])) for r in rows if len(r) >= n])
        sheet.column_dimensions[get_column_letter(n)].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
