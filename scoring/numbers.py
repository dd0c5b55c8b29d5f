"""The one number representation and the one rounding rule of the whole system.

Every figure a person sees (a judge's total, a part score, a team's total, a
member's points) is a ``Decimal`` computed by ``scoring``. Rounding happens in one
place, :func:`round_half_up` (half away from zero, as results are rounded by hand
in the minutes: 85.125 -> 85.13), computed from exact fractions so no binary
float ever decides a digit.

Figures travel to screens, documents and exports as the canonical string of that
``Decimal`` (:func:`wire`): "85.13", "208.00", "-5". Its digits are final: a
screen, the minutes or an export only changes the separators for its language
(``scoring.templatetags.results_tags.num`` and ``Live.num`` in ``static/js/live.js``),
never rounds again. Rounded figures keep their trailing zeros ("85.00": two
decimals were asked for); figures that are not rounded (marks as typed, sums of
recorded points) are written without trailing zeros (:func:`plain`).

Numbers recorded in the hall's log are JSON numbers (what a judge typed, the
points a rule gave); :func:`from_log` reads them back as the decimal that was
written (``repr`` of the float: 8.1 stays 8.1).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

__all__ = [
    "MAX_DECIMALS",
    "format_number",
    "set_localization",
    "ROUNDING",
    "ScoringError",
    "check_decimals",
    "from_log",
    "plain",
    "round_half_up",
    "to_decimal",
    "wire",
]

ROUNDING = ROUND_HALF_UP
MAX_DECIMALS = 6


class ScoringError(ValueError):
    """Input that the scoring rules refuse; the message is for the secretariat."""


# ------------------------------------------------------------------------- i18n
# User-facing text (errors, notes) is Vietnamese source text wrapped in ``_()`` so
# ``makemessages`` collects it. By default ``_`` returns it unchanged; the Django
# app installs its translator and its locale-aware number format (apps.py).


def _identity(message: str) -> str:
    return message


def _plain_number(value: Decimal) -> str:
    return str(value)


_translate: Callable[[str], str] = _identity
_format_number: Callable[[Decimal], str] = _plain_number


def set_localization(
    translate: Callable[[str], str] | None = None,
    number_format: Callable[[Decimal], str] | None = None,
) -> None:
    """Install a translator (e.g. Django's ``gettext``) and a number formatter.

    Called without arguments it restores the defaults: Vietnamese source text and
    plain ``str(Decimal)`` numbers.
    """
    global _translate, _format_number
    _translate = translate or _identity
    _format_number = number_format or _plain_number


def _(message: str) -> str:
    """Translate a Vietnamese source message with the installed translator."""
    return _translate(message)


def format_number(value: Decimal | int) -> str:
    """A figure inside a sentence for people (a note): its own digits, local separators."""
    return _format_number(Decimal(value))


def to_decimal(value: Any, what: str | Callable[[], str]) -> Decimal:
    """Convert an int, str, float or Decimal to a finite Decimal or raise ScoringError.

    ``what`` names the value in the error message (e.g. "điểm tiêu chí Nội dung"), or
    is a function making that name (translated only when there is an error).
    Floats go through ``repr`` so 8.1 stays 8.1.
    """
    if isinstance(value, Decimal) and value.is_finite():
        return value
    args = {"what": what() if callable(what) else what, "value": value}
    if isinstance(value, bool):
        raise ScoringError(_("%(what)s phải là một số (đang là %(value)r).") % args)
    try:
        if isinstance(value, Decimal):
            result = value
        elif isinstance(value, int):
            result = Decimal(value)
        elif isinstance(value, float):
            result = Decimal(repr(value))
        elif isinstance(value, str):
            result = Decimal(value.strip().replace(",", "."))
        else:
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        raise ScoringError(_("%(what)s phải là một số (đang là %(value)r).") % args) from None
    if not result.is_finite():
        raise ScoringError(_("%(what)s phải là một số (đang là %(value)r).") % args)
    return result


@functools.lru_cache(maxsize=8192)
def from_log(value: float | int | str | Decimal) -> Decimal:
    """A number recorded in the log as the decimal that was written (10.0 -> 10, 8.1 -> 8.1)."""
    return plain(to_decimal(value, "số trong nhật ký"))


def check_decimals(decimals: int) -> int:
    """Validate a number of decimal places (0 to 6)."""
    if isinstance(decimals, bool) or not isinstance(decimals, int):
        raise ScoringError(_("Số chữ số thập phân phải là số nguyên."))
    if not 0 <= decimals <= MAX_DECIMALS:
        raise ScoringError(
            _("Số chữ số thập phân phải từ 0 đến %(max)d (đang là %(value)d).")
            % {"max": MAX_DECIMALS, "value": decimals}
        )
    return decimals


def round_half_up(value: Fraction | Decimal | int, decimals: int) -> Decimal:
    """Round exactly, half away from zero, to ``decimals`` places (85.125 -> 85.13)."""
    check_decimals(decimals)
    exact = Fraction(value)
    scaled = abs(exact) * 10**decimals
    units = int(scaled + Fraction(1, 2))  # floor of a non-negative number
    sign = -1 if exact < 0 and units else 1
    return (
        Decimal(sign * units)
        .scaleb(-decimals)
        .quantize(Decimal(1).scaleb(-decimals), rounding=ROUNDING)
    )


def plain(value: Decimal) -> Decimal:
    """The same number without trailing zeros and never in exponent form (10.0 -> 10)."""
    if value == 0:
        return Decimal(0)
    normal = value.normalize()
    if normal.as_tuple().exponent > 0:
        return normal.quantize(Decimal(1))
    return normal


def wire(value: Decimal | None) -> str | None:
    """The canonical string of a figure: its digits are what every screen shows."""
    if value is None:
        return None
    return format(value, "f")
