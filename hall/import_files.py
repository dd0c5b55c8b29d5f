"""Read the spreadsheets organizers keep (.csv or .xlsx) into plain rows.

Each row is a dict keyed by a normalized header (lower case, no diacritics, words
joined by ``_``: "Họ và tên" becomes ``ho_va_ten``), plus ``ROW_KEY`` holding the row
number as the person sees it in the spreadsheet (the header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

ROW_KEY = "_row"
SUPPORTED_EXTENSIONS = (".csv", ".xlsx")
MAX_ROWS = 20000


class ImportFileError(ValueError):
    """The file as a whole cannot be read (wrong type, encoding, empty)."""


def strip_accents(text: str) -> str:
    """Vietnamese text without diacritics ("Đơn vị" -> "Don vi")."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def normalize_key(text: str) -> str:
    """A header or a choice label reduced to ``lower_snake`` ASCII for matching."""
    ascii_text = strip_accents(str(text)).lower()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def _rows_to_dicts(numbered: Iterable[tuple[int, list[str]]]) -> list[dict[str, Any]]:
    """Turn (row number, cells) into dicts keyed by the first non-blank row's headers."""
    header: list[str] | None = None
    rows: list[dict[str, Any]] = []
    for number, cells in numbered:
        if not any(cells):
            continue
        if header is None:
            header = [normalize_key(c) for c in cells]
            named = [key for key in header if key]
            duplicates = sorted({key for key in named if named.count(key) > 1})
            if duplicates:
                raise ImportFileError(
                    _("Dòng %(row)d: cột “%(columns)s” xuất hiện nhiều lần.")
                    % {"row": number, "columns": "”, “".join(duplicates)}
                )
            continue
        if len(rows) >= MAX_ROWS:
            raise ImportFileError(
                _("Tệp có quá nhiều dòng (tối đa %(max)d dòng dữ liệu).") % {"max": MAX_ROWS}
            )
        row: dict[str, Any] = {ROW_KEY: number}
        for index, key in enumerate(header):
            if key:
                row[key] = cells[index] if index < len(cells) else ""
        rows.append(row)
    if header is None:
        raise ImportFileError(_("Tệp trống: không có dòng tiêu đề."))
    if not rows:
        raise ImportFileError(_("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."))
    return rows


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "Tệp CSV không dùng mã UTF-8. Trong Excel hãy chọn Lưu thành "
                "“CSV UTF-8 (Comma delimited)”, hoặc dùng tệp .xlsx."
            )
        ) from exc


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = _decode(data)
    lines = text.splitlines(keepends=True)
    delimiter = None
    if lines and lines[0].strip().lower().startswith("sep="):
        # Excel's hint line ("sep=;") is hidden when the file is opened: not a row.
        delimiter = lines[0].strip()[4:5] or ","
        text = "".join(lines[1:])
    if delimiter is None:
        first = next((line for line in lines if line.strip()), "")
        counts = {d: first.count(d) for d in (";", ",", "\t")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [_cell_text(c) for c in cells]
    except csv.Error as exc:
        raise ImportFileError(_("Không đọc được tệp CSV: %(error)s") % {"error": exc}) from exc


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise ImportFileError(
            _("Không mở được tệp Excel (.xlsx). Tệp có thể bị hỏng hoặc không phải .xlsx.")
        ) from exc
    sheet = workbook.worksheets[0]
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        yield number, [_cell_text(v) for v in values]


def read_rows(source: str | Path | IO[bytes] | bytes, filename: str | None = None) -> list[dict]:
    """Read a .csv (UTF-8 with or without BOM; comma, semicolon or tab) or .xlsx file.

    ``source`` is a path, raw bytes or a binary file object; ``filename`` decides the
    type (defaults to the path's name). Raises ``ImportFileError`` with a Vietnamese
    message when the file as a whole is unusable.
    """
    if isinstance(source, str | Path):
        path = Path(source)
        filename = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ImportFileError(_("Không đọc được tệp %(name)s.") % {"name": path}) from exc
    elif isinstance(source, bytes):
        data = source
    else:
        data = source.read()
    suffix = Path(filename or "").suffix.lower()
    if suffix == ".csv":
        return _rows_to_dicts(_csv_rows(data))
    if suffix == ".xlsx":
        return _rows_to_dicts(_xlsx_rows(data))
    raise ImportFileError(
        _("Chỉ nhận tệp .csv hoặc .xlsx (tệp đã chọn: %(name)s).") % {"name": filename or "?"}
    )
