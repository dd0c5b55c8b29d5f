"""Pure rules for saving an attempt's answers in batches.

The attempt page keeps the participant's choices and sends them in batches, each
answer stamped with the moment it was chosen (server clock, as the page estimates
it). The server decides, against its own receipt time:

- before the deadline: every answer counts (its stamp is clamped to the receipt);
- after the deadline, up to ``grace`` later: only answers stamped before the
  deadline count (a page that lost its network retries what it answered in time);
- later than that: nothing counts, the attempt is closed.

A stamp is never trusted beyond the grace: it is clamped into
``[started_at, receipt]``, and a batch received after ``deadline + grace`` is
refused whole. No database access and no clock reads here: callers pass times in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _

# Far more than any round's questions: a bigger batch is refused before any work.
MAX_BATCH = 500
MAX_PREDICTION = 100_000_000


class BatchError(ValueError):
    """A batch that is malformed: ``message`` is for people, ``code`` for programs."""

    def __init__(self, message: str, code: str = "bad_request") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Entry:
    """One answer as the page sent it: question ``order``, display position ``choice``,
    and the page's stamp in milliseconds since the epoch (None: stamped at receipt)."""

    order: int
    choice: int
    at_ms: int | None = None


@dataclass(frozen=True)
class Batch:
    entries: tuple[Entry, ...]
    prediction: int | None = None


def _int(value: object) -> int:
    # bool is an int in Python; a JSON true is not a number here
    if isinstance(value, bool) or not isinstance(value, int):
        raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
    return value


def parse_batch(body: object) -> Batch:
    """A batch from decoded JSON: ``{"answers": [{"order", "choice", "at"?}, ...],
    "prediction"?}``, or the one-answer shape ``{"order", "choice"}``.

    Raises :class:`BatchError` on anything else: wrong types, too many entries,
    a negative number, a prediction out of range.
    """
    if not isinstance(body, dict):
        raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
    if "answers" not in body:
        if "order" not in body or "choice" not in body:
            raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
        raw_entries: object = [body]
    else:
        raw_entries = body["answers"]
    if not isinstance(raw_entries, list):
        raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
    if len(raw_entries) > MAX_BATCH:
        raise BatchError(_("Gửi quá nhiều câu trả lời trong một lần."), "too_many")
    entries = []
    for raw in raw_entries:
        if not isinstance(raw, dict):
            raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
        try:
            order, choice = _int(raw["order"]), _int(raw["choice"])
        except KeyError as missing:
            raise BatchError(_("Dữ liệu gửi lên không hợp lệ.")) from missing
        at = raw.get("at")
        at_ms = None if at is None else _int(at)
        if order < 0 or choice < 0 or (at_ms is not None and at_ms < 0):
            raise BatchError(_("Dữ liệu gửi lên không hợp lệ."))
        entries.append(Entry(order, choice, at_ms))
    prediction = body.get("prediction")
    if prediction is not None:
        prediction = _int(prediction)
        if not 0 <= prediction <= MAX_PREDICTION:
            raise BatchError(_("Số dự đoán phải là số nguyên không âm."), "bad_value")
    return Batch(tuple(entries), prediction)


def latest_per_order(entries: tuple[Entry, ...], receipt: datetime) -> list[Entry]:
    """One entry per question: the one stamped last (a later entry wins a tie)."""
    best: dict[int, Entry] = {}
    receipt_ms = to_ms(receipt)
    for entry in entries:
        held = best.get(entry.order)
        at = receipt_ms if entry.at_ms is None else entry.at_ms
        held_at = None if held is None else (receipt_ms if held.at_ms is None else held.at_ms)
        if held_at is None or at >= held_at:
            best[entry.order] = entry
    return sorted(best.values(), key=lambda e: e.order)


def to_ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def accepts_batches(receipt: datetime, deadline: datetime, grace: timedelta) -> bool:
    """Whether a batch received at ``receipt`` may save anything at all."""
    return receipt < deadline + grace


def effective_stamp(entry: Entry, receipt: datetime, started_at: datetime) -> datetime:
    """The moment an answer is taken to have been given: the page's stamp clamped into
    ``[started_at, receipt]`` (no stamp: the receipt)."""
    if entry.at_ms is None:
        return receipt
    return min(max(from_ms(entry.at_ms), started_at), receipt)


def counts(stamp: datetime, deadline: datetime) -> bool:
    """An answer counts when it was given before the deadline, to the millisecond
    (the page is given the deadline in milliseconds: at that value it is late)."""
    return to_ms(stamp) < to_ms(deadline)


def supersedes(stamp: datetime, saved_at: datetime | None) -> bool:
    """A retried older answer never overwrites a newer one already saved."""
    return saved_at is None or stamp >= saved_at
