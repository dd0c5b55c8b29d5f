"""Standings, per-judge marks and per-member results as XLSX and CSV.

Headers are Vietnamese. CSV is UTF-8 with a byte-order mark so Excel shows the
diacritics; XLSX stores numbers as numbers (Decimal), with a title row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

__all__ = ["EXPORTS", "Table", "build_table", "to_csv", "to_xlsx"]

EXPORTS = ("standings", "marks", "members")

Table = tuple[str, list[str], list[list[Any]]]


def _number(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


def _prize_of(results: Mapping[str, Any], block: str, name: str, team: str = "") -> str:
    for award in results.get(block, {}).get("awards", []):
        if award["name"] == name and (not team or award.get("team") == team):
            return award["label"]
    return ""


def standings_table(results: Mapping[str, Any]) -> Table:
    parts = results.get("parts", [])
    headers = [_("Hạng"), _("Đội thi"), _("Đơn vị")]
    headers += [p["title"] for p in parts]
    headers += [_("Điểm bị trừ"), _("Tổng điểm"), _("Xếp trên đội sau nhờ"), _("Giải")]
    rows = []
    for row in results.get("standings", {}).get("rows", []):
        line: list[Any] = [row["rank"], row["team"], row["unit"]]
        line += [_number(p["score"]) for p in row["parts"]]
        line += [
            _number(row["penalty_points"]),
            _number(row["total"]),
            row["reason"],
            _prize_of(results, "team_prizes", row["team"]),
        ]
        rows.append(line)
    return _("Bảng xếp hạng đồng đội"), headers, rows


def marks_table(results: Mapping[str, Any]) -> Table:
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
    for part in results.get("parts", []):
        if not part.get("judged"):
            continue
        for team in part.get("teams", []):
            for sheet in team.get("sheets", []):
                for criterion, mark in zip(part["criteria"], sheet["marks"], strict=False):
                    rows.append(
                        [
                            part["title"],
                            team["team"],
                            sheet["judge"],
                            criterion["name"],
                            _number(criterion["max_points"]),
                            _number(criterion["weight"]),
                            _number(mark),
                            _number(sheet["total"]),
                            sheet.get("correction_id") or "",
                        ]
                    )
    return _("Điểm chấm của từng giám khảo"), headers, rows


def members_table(results: Mapping[str, Any]) -> Table:
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
    for row in results.get("members", {}).get("rows", []):
        rows.append(
            [
                row["rank"],
                row["name"],
                row["team"],
                _number(row["points"]),
                row["correct"],
                row["wrong"],
                _prize_of(results, "individual_prizes", row["name"], row["team"]),
            ]
        )
    return _("Kết quả cá nhân phần kiến thức"), headers, rows


BUILDERS = {"standings": standings_table, "marks": marks_table, "members": members_table}


def build_table(results: Mapping[str, Any], what: str) -> Table:
    """The table for ``what`` (standings, marks or members)."""
    return BUILDERS[what](results)


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return "" if value is None else value


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
    for n, header in enumerate(headers, start=1):
        width = max([len(str(header))] + [len(str(r[n - 1])) for r in rows if len(r) >= n])
        sheet.column_dimensions[get_column_letter(n)].width = min(max(width + 2, 8), 50)
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
