"""Everything that changes the online round's data: one function per action.

Each action takes ``now`` from the caller (the server clock in views, a fixed time
in tests). Refusals raise :class:`OnlineError` with a Vietnamese message and a
machine code; refusals of answers are also recorded in :class:`Refusal` (in their
own transaction, so the record survives the refusal).
"""

from __future__ import annotations

import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from hall.models import Option, Question
from online import rules, saving
from online.models import (
    Attempt,
    AttemptQuestion,
    OnlineRound,
    Participant,
    Period,
    Refusal,
    Winner,
)
from scoring import attempts
from scoring.prizes import PrizeAllocation
from scoring.standings import LotsDraw


class OnlineError(Exception):
    """A refused action: ``message`` is for people, ``code`` for programs and tests."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Owner:
    """Who is acting on an attempt: a registered participant or an anonymous session."""

    participant_id: int | None = None
    session_key: str = ""
    user_id: int | None = None

    def owns(self, attempt: Attempt) -> bool:
        if attempt.participant_id is not None:
            if self.participant_id is not None:
                return attempt.participant_id == self.participant_id
            # known by the login only: the participant's user (no query when the
            # attempt was read with its participant)
            return self.user_id is not None and attempt.participant.user_id == self.user_id
        return bool(self.session_key) and attempt.session_key == self.session_key


# --- registration -------------------------------------------------------------------


def register(round_: OnlineRound, data: dict, password: str) -> Participant:
    """Create the login and the participant; ``data`` is already validated."""
    username = data.get("phone") or data.get("email")
    with transaction.atomic():
        user = get_user_model().objects.create_user(
            username=username, email=data.get("email") or "", password=password
        )
        return Participant.objects.create(
            user=user,
            round=round_,
            full_name=data["full_name"],
            date_of_birth=data.get("date_of_birth"),
            phone=data.get("phone") or "",
            email=data.get("email") or "",
            unit=data.get("unit"),
            unit_name=data.get("unit_name") or "",
            address=data.get("address") or "",
            role=data["role"],
        )


# --- drawing questions --------------------------------------------------------------


def draw_questions(round_: OnlineRound, rng: random.Random) -> list[Question]:
    """A random draw from the active bank, spread over the areas when configured."""
    ids_by_area: dict[str, list[int]] = defaultdict(list)
    for qid, area in Question.objects.filter(active=True).values_list("id", "area"):
        ids_by_area[area].append(qid)
    total = round_.questions_per_attempt
    if not ids_by_area:
        raise OnlineError(_("Ngân hàng câu hỏi chưa có câu hỏi nào."), "empty_bank")
    if round_.spread_over_areas:
        plan = rules.spread(total, {a: len(ids) for a, ids in ids_by_area.items()})
        chosen = [q for a, n in plan.items() for q in rng.sample(sorted(ids_by_area[a]), n)]
    else:
        pool = sorted(q for ids in ids_by_area.values() for q in ids)
        chosen = rng.sample(pool, min(total, len(pool)))
    rng.shuffle(chosen)
    by_id = Question.objects.prefetch_related("options").in_bulk(chosen)
    return [by_id[q] for q in chosen]


def _create_items(attempt: Attempt, questions: list[Question], rng: random.Random) -> None:
    items = []
    for order, question in enumerate(questions, start=1):
        option_ids = [o.id for o in question.options.all()]
        rng.shuffle(option_ids)
        items.append(
            AttemptQuestion(
                attempt=attempt, order=order, question=question, option_order=option_ids
            )
        )
    AttemptQuestion.objects.bulk_create(items)
    attempt.question_count = len(items)
    attempt.save(update_fields=["question_count"])


# --- starting -----------------------------------------------------------------------


def start_attempt(
    participant: Participant, now: datetime, rng: random.Random | None = None
) -> tuple[Attempt, bool]:
    """Start (or resume) an official attempt in the open period.

    Returns ``(attempt, created)``. An unfinished attempt is resumed rather than a
    second one opened. The participant row is locked, and the unique
    (participant, period, number) constraint backs the lock, so parallel starts
    never exceed ``attempts_per_period``.
    """
    try:
        return _start_attempt(participant, now, rng or random.SystemRandom())
    except IntegrityError:
        # A parallel start won the race for this number: look again.
        return _start_attempt(participant, now, rng or random.SystemRandom())


def _start_attempt(
    participant: Participant, now: datetime, rng: random.Random
) -> tuple[Attempt, bool]:
    round_ = participant.round
    period = round_.current_period(now)
    if period is None:
        raise OnlineError(_("Hiện không có đợt thi nào đang mở."), "closed")
    close_expired(now, participant=participant)
    with transaction.atomic():
        Participant.objects.select_for_update().get(pk=participant.pk)
        attempts = Attempt.objects.filter(
            participant=participant, period=period, mode=Attempt.Mode.OFFICIAL
        )
        running = attempts.filter(submitted_at__isnull=True).first()
        if running is not None:
            return running, False
        used = attempts.count()
        if used >= round_.attempts_per_period:
            raise OnlineError(
                _("Bạn đã dùng hết %(n)d lượt thi của đợt này.")
                % {"n": round_.attempts_per_period},
                "limit",
            )
        questions = draw_questions(round_, rng)
        attempt = Attempt.objects.create(
            round=round_,
            period=period,
            participant=participant,
            mode=Attempt.Mode.OFFICIAL,
            number=used + 1,
            started_at=now,
            deadline=now + round_.time_limit,
        )
        _create_items(attempt, questions, rng)
        return attempt, True


def start_practice(
    round_: OnlineRound, owner: Owner, now: datetime, rng: random.Random | None = None
) -> Attempt:
    """A practice attempt: anyone, any number of times, never ranked."""
    rng = rng or random.SystemRandom()
    with transaction.atomic():
        questions = draw_questions(round_, rng)
        attempt = Attempt.objects.create(
            round=round_,
            participant_id=owner.participant_id,
            session_key="" if owner.participant_id else owner.session_key,
            mode=Attempt.Mode.PRACTICE,
            started_at=now,
            deadline=now + round_.time_limit,
        )
        _create_items(attempt, questions, rng)
    return attempt


# --- answering ----------------------------------------------------------------------


def _refuse(
    attempt: Attempt | None, owner: Owner, code: str, message: str, payload: dict, ip: str | None
) -> OnlineError:
    Refusal.objects.create(
        attempt=attempt,
        user_id=owner.user_id,
        code=code,
        reason=message,
        payload=payload,
        ip=ip,
    )
    return OnlineError(message, code)


def save_grace() -> timedelta:
    """How long after the deadline answers stamped before it are still taken."""
    return timedelta(seconds=settings.ONLINE["SAVE_GRACE_SECONDS"])


def is_closed_for_answers(attempt: Attempt, now: datetime) -> bool:
    """Past the deadline and its grace: nothing more is saved, the attempt is submitted."""
    return not saving.accepts_batches(now, attempt.deadline, save_grace())


def save_answers(
    attempt_id: int,
    owner: Owner,
    batch: saving.Batch,
    now: datetime,
    ip: str | None = None,
) -> dict:
    """Save a batch of stamped answers (and the prediction) under the attempt's lock.

    Answers stamped before the deadline count if the batch arrives before
    ``deadline + grace`` (``online.saving``); later ones are refused one by one
    and recorded. A question that is not in the attempt or a position that is not
    an option refuses the whole batch (nothing is saved). A retried answer older
    than the one saved is ignored. The reply never says whether an answer of an
    official attempt is right; in practice it carries the feedback.
    """
    payload = {
        "answers": [[e.order, e.choice, e.at_ms] for e in batch.entries[:50]],
        "prediction": batch.prediction,
        "at": now.isoformat(),
    }
    refusal: tuple[Attempt | None, str, str] | None = None
    with transaction.atomic():
        attempt = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("round", "participant")
            .filter(pk=attempt_id)
            .first()
        )
        if attempt is None:
            refusal = (None, "unknown", _("Không tìm thấy lượt thi."))
        elif not owner.owns(attempt):
            refusal = (attempt, "foreign", _("Lượt thi này không phải của bạn."))
        elif attempt.is_submitted:
            refusal = (attempt, "submitted", _("Bài thi đã nộp, không thể sửa đáp án."))
        elif is_closed_for_answers(attempt, now):
            refusal = (
                attempt,
                "late",
                _("Đã hết thời gian làm bài; câu trả lời này không được ghi nhận."),
            )
        elif batch.prediction is not None and (
            not attempt.is_official or attempt.round.prediction == OnlineRound.Prediction.NONE
        ):
            refusal = (attempt, "no_prediction", _("Lượt thi này không có câu hỏi dự đoán."))
        else:
            reply = _save_batch(attempt, owner, batch, now, ip, payload)
            if isinstance(reply, dict):
                return reply
            refusal = (attempt, *reply)
    # Nothing was written: record the refusal on its own, then refuse.
    target, code, message = refusal
    if code == "late" and target is not None:
        submit(target.pk, now, auto=True)
    raise _refuse(target, owner, code, message, payload, ip)


def _save_batch(
    attempt: Attempt,
    owner: Owner,
    batch: saving.Batch,
    now: datetime,
    ip: str | None,
    payload: dict,
) -> dict | tuple[str, str]:
    """Inside the lock: the reply, or ``(code, message)`` when the batch is refused."""
    items = {
        item.order: item
        for item in AttemptQuestion.objects.filter(attempt_id=attempt.pk).only(
            "id", "order", "question_id", "option_order", "chosen_id", "answered_at"
        )
    }
    entries = saving.latest_per_order(batch.entries, now)
    for entry in entries:
        item = items.get(entry.order)
        if item is None:
            return "not_in_attempt", _("Câu hỏi này không thuộc lượt thi của bạn.")
        if entry.choice >= len(item.option_order):
            return "bad_option", _("Phương án trả lời không hợp lệ.")
    saved, late, changed = [], [], []
    for entry in entries:
        item = items[entry.order]
        stamp = saving.effective_stamp(entry, now, attempt.started_at)
        if not saving.counts(stamp, attempt.deadline):
            late.append(entry.order)
            continue
        saved.append(entry.order)
        if saving.supersedes(stamp, item.answered_at):
            item.chosen_id = item.option_order[entry.choice]
            item.answered_at = stamp
            changed.append(item)
    if changed:
        AttemptQuestion.objects.bulk_update(changed, ["chosen_id", "answered_at"])
    if late:
        message = _("Đã hết thời gian làm bài; câu trả lời này không được ghi nhận.")
        Refusal.objects.bulk_create(
            Refusal(
                attempt=attempt,
                user_id=owner.user_id,
                code="late",
                reason=message,
                payload={**payload, "order": order},
                ip=ip,
            )
            for order in late
        )
    if batch.prediction is not None:
        Attempt.objects.filter(pk=attempt.pk).update(prediction=batch.prediction)
    reply: dict = {
        "saved": saved,
        "late": late,
        "answered": sum(1 for item in items.values() if item.chosen_id),
        "remaining": attempt.remaining_seconds(now),
        "server_ms": saving.to_ms(now),
        "deadline_ms": saving.to_ms(attempt.deadline),
    }
    if batch.prediction is not None:
        reply["prediction"] = batch.prediction
    if not attempt.is_official:
        reply["feedback"] = _practice_feedback([items[o] for o in saved])
    return reply


def _practice_feedback(items: list[AttemptQuestion]) -> dict[str, dict]:
    """For practice only: the correct position and the explanation of each saved answer."""
    correct = dict(
        Option.objects.filter(
            question_id__in=[i.question_id for i in items], is_correct=True
        ).values_list("question_id", "id")
    )
    explanations = dict(
        Question.objects.filter(pk__in=[i.question_id for i in items]).values_list(
            "id", "explanation"
        )
    )
    out = {}
    for item in items:
        right = correct.get(item.question_id)
        position = item.option_order.index(right) if right in item.option_order else None
        out[str(item.order)] = {
            "choice": item.option_order.index(item.chosen_id),
            "correct_choice": position,
            "is_correct": right is not None and right == item.chosen_id,
            "explanation": explanations.get(item.question_id, ""),
        }
    return out


def save_answer(
    attempt_id: int,
    owner: Owner,
    order: int,
    choice: int,
    now: datetime,
    ip: str | None = None,
) -> dict:
    """One answer, stamped at its receipt (the one-answer request and the form without
    JavaScript): a batch of one, with the one-answer reply."""
    reply = save_answers(attempt_id, owner, saving.Batch((saving.Entry(order, choice),)), now, ip)
    if reply["late"]:
        raise OnlineError(
            _("Đã hết thời gian làm bài; câu trả lời này không được ghi nhận."), "late"
        )
    out = {
        "saved": True,
        "order": order,
        "choice": choice,
        "answered": reply["answered"],
        "remaining": reply["remaining"],
    }
    feedback = reply.get("feedback", {}).get(str(order))
    if feedback:
        out.update(
            correct_choice=feedback["correct_choice"],
            is_correct=feedback["is_correct"],
            explanation=feedback["explanation"],
        )
    return out


def set_prediction(attempt_id: int, owner: Owner, value: int, now: datetime) -> Attempt:
    """The side question: changeable until submission, then given once, before the close."""
    attempt = Attempt.objects.select_related("round", "period").get(pk=attempt_id)
    if not owner.owns(attempt):
        raise _refuse(
            attempt, owner, "foreign", _("Lượt thi này không phải của bạn."), {"v": value}, None
        )
    if not attempt.is_official or attempt.round.prediction == OnlineRound.Prediction.NONE:
        raise OnlineError(_("Lượt thi này không có câu hỏi dự đoán."), "no_prediction")
    if not 0 <= value <= saving.MAX_PREDICTION:
        raise OnlineError(_("Số dự đoán phải là số nguyên không âm."), "bad_value")
    if attempt.period and attempt.period.is_closed(now):
        raise OnlineError(_("Đợt thi đã kết thúc, không thể dự đoán."), "closed")
    if attempt.is_submitted and attempt.prediction is not None:
        raise OnlineError(_("Bạn đã trả lời câu hỏi dự đoán cho lượt thi này."), "already")
    Attempt.objects.filter(pk=attempt.pk).update(prediction=value)
    attempt.prediction = value
    return attempt


# --- submitting ---------------------------------------------------------------------


def submit(attempt_id: int, now: datetime, auto: bool = False) -> Attempt:
    """Grade and close an attempt. After the deadline it counts as submitted at the deadline."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.submitted_at is not None:
            return attempt
        late = now >= attempt.deadline
        items = list(attempt.items.select_related("chosen"))
        for item in items:
            item.is_correct = bool(item.chosen and item.chosen.is_correct)
        AttemptQuestion.objects.bulk_update(items, ["is_correct"])
        attempt.correct_count = sum(1 for i in items if i.is_correct)
        attempt.question_count = len(items)
        attempt.submitted_at = attempt.deadline if late else now
        attempt.auto_submitted = auto or late
        attempt.save(
            update_fields=["correct_count", "question_count", "submitted_at", "auto_submitted"]
        )
        return attempt


def refresh(attempt: Attempt, now: datetime) -> Attempt:
    """Submit an attempt whose deadline passed (lazy auto-submission) and return it fresh."""
    if attempt.submitted_at is None and is_closed_for_answers(attempt, now):
        return submit(attempt.pk, now, auto=True)
    return attempt


def close_expired(now: datetime, participant: Participant | None = None) -> int:
    """Auto-submit every unfinished attempt whose deadline and grace have passed."""
    qs = Attempt.objects.filter(submitted_at__isnull=True, deadline__lte=now - save_grace())
    if participant is not None:
        qs = qs.filter(participant=participant)
    ids = list(qs.values_list("id", flat=True))
    for attempt_id in ids:
        submit(attempt_id, now, auto=True)
    return len(ids)


# --- results ------------------------------------------------------------------------


def period_results(period: Period) -> list[attempts.AttemptResult]:
    rows = Attempt.objects.filter(
        period=period, mode=Attempt.Mode.OFFICIAL, submitted_at__isnull=False
    ).values_list(
        "id",
        "participant_id",
        "correct_count",
        "started_at",
        "submitted_at",
        "deadline",
        "prediction",
    )
    return [
        attempts.AttemptResult(
            attempt_id=aid,
            participant_id=pid,
            correct=correct,
            duration_seconds=(min(sub, deadline) - started).total_seconds(),
            submitted_at=sub,
            prediction=pred,
        )
        for aid, pid, correct, started, sub, deadline, pred in rows
    ]


def compute_actual(period: Period) -> int:
    rows = Attempt.objects.filter(
        period=period, mode=Attempt.Mode.OFFICIAL, submitted_at__isnull=False
    ).values_list("participant_id", "correct_count", "question_count")
    return attempts.actual_value(period.round.prediction, rows)


def period_draws(period: Period) -> list[LotsDraw]:
    """The organizers' recorded draws between tied participants of this period."""
    return [LotsDraw(order=tuple(d["order"]), draw_id=d["id"]) for d in period.lots]


def period_prizes(
    period: Period,
) -> tuple[list[attempts.RankedAttempt], PrizeAllocation | None]:
    """The ranking (the final figure once closed, a provisional one before) with prizes,
    and the allocation (its boundary ties wait for the organizers' draw)."""
    actual = period.actual_value if period.finalized_at else compute_actual(period)
    round_ = period.round
    results = period_results(period)
    names = dict(
        Participant.objects.filter(pk__in={r.participant_id for r in results}).values_list(
            "pk", "full_name"
        )
    )
    return attempts.rank_with_prizes(
        results, round_.criteria, actual, round_.prizes, period_draws(period), names
    )


def period_ranking(period: Period) -> list[attempts.RankedAttempt]:
    """The ranking with each winner's prize level (see ``period_prizes``)."""
    return period_prizes(period)[0]


def draw_lots(period_id: int, participant_ids: list[int], by: str, now: datetime) -> dict:
    """The organizers draw lots between participants tied on every criterion.

    The named people must be exactly one tie of the period's ranking; the order
    drawn (from a recorded random seed) becomes the ranking's last tie-break, and a
    finalized period's prizes are awarded again.
    """
    with transaction.atomic():
        period = Period.objects.select_for_update().select_related("round").get(pk=period_id)
        if not period.is_closed(now):
            raise OnlineError(_("Chỉ bốc thăm phân định sau khi đợt thi kết thúc."), "not_closed")
        wanted = set(participant_ids)
        ranked = period_ranking(period)
        ranks = {r.result.participant_id: r.rank for r in ranked}
        group = [pid for pid, rank in ranks.items() if rank == ranks.get(participant_ids[0])]
        tied = len(wanted) == len(participant_ids) >= 2 and wanted == set(group)
        if not tied or not all(r.tied for r in ranked if r.result.participant_id in wanted):
            raise OnlineError(
                _(
                    "Những người được nêu không phải là một nhóm đang đồng hạng chưa phân định; "
                    "chỉ bốc thăm cho đúng nhóm đang bằng nhau theo mọi tiêu chí."
                ),
                "not_tied",
            )
        seed = secrets.randbits(52)
        order = sorted(wanted)
        random.Random(seed).shuffle(order)
        draw = {
            "id": len(period.lots) + 1,
            "ids": sorted(wanted),
            "order": order,
            "seed": seed,
            "by": by,
            "at": now.isoformat(),
        }
        period.lots = [*period.lots, draw]
        period.save(update_fields=["lots"])
    if period.finalized_at:
        finalize_period(period.pk, now)
    return draw


def finalize_period(period_id: int, now: datetime) -> Period:
    """At the close: auto-submit, compute the prediction's figure, rank and award prizes.

    Idempotent: running it again keeps the winners' verification codes.
    """
    period = Period.objects.select_related("round").get(pk=period_id)
    if not period.is_closed(now):
        raise OnlineError(_("Đợt thi chưa kết thúc."), "not_closed")
    close_expired(now)
    still_running = Attempt.objects.filter(period=period, submitted_at__isnull=True).count()
    if still_running:
        raise OnlineError(
            _("Còn %(n)d lượt thi đang làm bài; hãy tổng hợp sau khi hết giờ.")
            % {"n": still_running},
            "running",
        )
    with transaction.atomic():
        period = Period.objects.select_for_update().select_related("round").get(pk=period_id)
        period.actual_value = compute_actual(period)
        period.finalized_at = now
        period.save(update_fields=["actual_value", "finalized_at"])
        ranked = period_ranking(period)  # boundary ties get no prize until the draw
        amounts = period.round.amounts
        winners = [r for r in ranked if r.prize_level is not None]
        keep = {r.result.participant_id for r in winners}
        Winner.objects.filter(period=period).exclude(participant_id__in=keep).delete()
        for r in winners:
            level = r.prize_level
            Winner.objects.update_or_create(
                period=period,
                participant_id=r.result.participant_id,
                defaults={
                    "attempt_id": r.result.attempt_id,
                    "rank": r.rank,
                    "prize_level": level,
                    "amount": amounts[level - 1] if level <= len(amounts) else 0,
                },
            )
    return period


def finalize_due_periods(now: datetime) -> list[Period]:
    """Finalize every closed period that has not been finalized yet (skipping busy ones)."""
    done = []
    for period in Period.objects.filter(closes_at__lte=now, finalized_at__isnull=True):
        try:
            done.append(finalize_period(period.pk, now))
        except OnlineError:
            continue
    return done


def attempts_left(participant: Participant, period: Period | None) -> int:
    if period is None:
        return 0
    used = Attempt.objects.filter(
        Q(participant=participant) & Q(period=period) & Q(mode=Attempt.Mode.OFFICIAL)
    ).count()
    return max(0, participant.round.attempts_per_period - used)


def attempt_items(attempt: Attempt) -> list[tuple[AttemptQuestion, list[Option]]]:
    """Each item with its options in the attempt's shuffled display order."""
    items = list(
        attempt.items.select_related("question").prefetch_related(
            Prefetch("question__options", queryset=Option.objects.all())
        )
    )
    out = []
    for item in items:
        by_id = {o.id: o for o in item.question.options.all()}
        out.append((item, [by_id[i] for i in item.option_order if i in by_id]))
    return out
