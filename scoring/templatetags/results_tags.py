"""Filters for results pages and documents: numbers, times and durations, Vietnamese style."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def num(value: object) -> str:
    """A figure from scoring ("85.13", "208.00", "-5") in the active language's format,
    with exactly its own digits: scoring already rounded it (one rule, see
    ``scoring.numbers``); this only changes the separators ("85,13" in Vietnamese).
    ``Live.num`` in static/js/live.js is the same formatter for the screens."""
    if value is None or value == "":
        return "—"
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    if not number.is_finite():
        return str(value)
    places = max(0, -number.as_tuple().exponent)
    return number_format(number, decimal_pos=places)


def to_local(ms: object) -> datetime | None:
    """Server milliseconds since the epoch as an aware local datetime."""
    if ms in (None, ""):
        return None
    return timezone.localtime(datetime.fromtimestamp(int(ms) / 1000, tz=UTC))


@register.filter
def ms_clock(ms: object) -> str:
    """HH:MM:SS local time."""
    moment = to_local(ms)
    return moment.strftime("%H:%M:%S") if moment else "—"


@register.filter
def ms_datetime(ms: object) -> str:
    """HH:MM:SS dd/mm/yyyy local time."""
    moment = to_local(ms)
    return moment.strftime("%H:%M:%S %d/%m/%Y") if moment else "—"


@register.filter
def ms_date(ms: object) -> str:
    moment = to_local(ms)
    return moment.strftime("%d/%m/%Y") if moment else "—"


@register.filter
def duration(ms: object) -> str:
    """A duration in seconds with one decimal ("5,9 giây")."""
    if ms in (None, ""):
        return "—"
    seconds = Decimal(int(ms)) / 1000
    return _("%(s)s giây") % {"s": number_format(seconds, decimal_pos=1)}


@register.filter
def index(sequence: object, position: int) -> object:
    """``list|index:i``."""
    try:
        return sequence[position]  # type: ignore[index]
    except (IndexError, KeyError, TypeError):
        return ""
