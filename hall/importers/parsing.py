"""Shared by every import: headers mapped to canonical columns, and cells read with checks.

Each check appends a Vietnamese message to the row's error list and returns a value
(or None), so one row reports all of its problems at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from hall.import_files import ROW_KEY, normalize_key
from hall.importers.report import ImportReport

HEADER_ROW = 1

# canonical column -> other headers accepted for it (already normalized)
Aliases = dict[str, tuple[str, ...]]


def map_columns(
    rows: list[dict], aliases: Aliases, required: Iterable[str], report: ImportReport
) -> list[dict[str, Any]] | None:
    """Rename each row's headers to the canonical column names; None if columns are wrong."""
    if not rows:
        report.error(None, _("Tệp không có dòng dữ liệu nào."))
        return None
    lookup = {alias: canon for canon, names in aliases.items() for alias in (canon, *names)}
    headers = [key for key in rows[0] if key != ROW_KEY]
    source_of: dict[str, str] = {}
    ignored: list[str] = []
    for header in headers:
        canon = lookup.get(header)
        if canon is None:
            ignored.append(header)
        elif canon in source_of:
            report.error(
                HEADER_ROW,
                _("Cột “%(a)s” và cột “%(b)s” cùng là %(canon)s; chỉ giữ một cột.")
                % {"a": source_of[canon], "b": header, "canon": canon},
            )
        else:
            source_of[canon] = header
    missing = [name for name in required if name not in source_of]
    if missing:
        report.error(
            HEADER_ROW,
            _("Thiếu cột bắt buộc: %(columns)s.") % {"columns": ", ".join(missing)},
        )
    if ignored:
        report.notes.append(
            _("Bỏ qua các cột không dùng: %(columns)s.") % {"columns": ", ".join(ignored)}
        )
    if report.errors:
        return None
    mapped = []
    for row in rows:
        item: dict[str, Any] = {canon: row.get(header, "") for canon, header in source_of.items()}
        item[ROW_KEY] = row[ROW_KEY]
        mapped.append(item)
    return mapped


def name_key(text: str) -> str:
    """Names compared the way a person would: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def clean_text(row: dict, column: str, max_length: int, errors: list[str]) -> str:
    value = " ".join(str(row.get(column, "") or "").split())
    if len(value) > max_length:
        errors.append(
            _("Cột %(column)s dài quá %(max)d ký tự.") % {"column": column, "max": max_length}
        )
    return value


def parse_int(
    row: dict, column: str, errors: list[str], minimum: int, maximum: int = 32767
) -> int | None:
    raw = str(row.get(column, "") or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not minimum <= value <= maximum:
        errors.append(
            _("Cột %(column)s phải là số nguyên từ %(min)d (đang ghi “%(value)s”).")
            % {"column": column, "min": minimum, "value": raw}
        )
        return None
    return value


def choice_lookup(choices: Iterable[tuple[str, Any]], extra: dict[str, str]) -> dict[str, str]:
    """Map normalized codes and labels (Vietnamese and the active language) to codes."""
    lookup = {normalize_key(k): v for k, v in extra.items()}
    pairs = list(choices)
    with override("vi"):
        vi_labels = [(code, str(label)) for code, label in pairs]
    for code, label in [*vi_labels, *((c, str(lbl)) for c, lbl in pairs)]:
        lookup[normalize_key(code)] = code
        lookup[normalize_key(label)] = code
    return lookup


def vi_labels(choices: Iterable[tuple[str, Any]]) -> str:
    return ", ".join(str(label).lower() for _code, label in choices)
