"""Organizer pages: period close, rankings, prize lists, statistics, exports, certificates."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from online import charts, exports, rules, services, stats
from online.models import OnlineRound, Participant, Period, Winner


def _fmt(value: str) -> str:
    if value not in ("csv", "xlsx"):
        raise Http404
    return value


@staff_member_required
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug)
    return render(
        request,
        "online/manage.html",
        {
            "round": round_,
            "periods": round_.periods.all(),
            "totals": stats.totals(round_),
            "now": timezone.now(),
        },
    )


@staff_member_required
@require_POST
def finalize(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(Period, pk=pk)
    try:
        services.finalize_period(period.pk, timezone.now())
    except services.OnlineError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Đã tổng hợp kết quả và danh sách đạt giải của đợt thi."))
    return redirect("online:ranking", pk=pk)


def _ranking_rows(period: Period, ranked: list | None = None) -> list[dict]:
    ranked = services.period_ranking(period) if ranked is None else ranked
    people = Participant.objects.in_bulk([r.result.participant_id for r in ranked])
    rows = []
    for r in ranked:
        person = people[r.result.participant_id]
        rows.append(
            {
                "rank": r.rank,
                "tied": r.tied,
                "person": person,
                "correct": r.result.correct,
                "duration": int(r.result.duration_seconds),
                "submitted_at": r.result.submitted_at,
                "prediction": r.result.prediction,
                "distance": r.prediction_distance,
                "prize": rules.prize_label(r.prize_level) if r.prize_level else "",
                "attempt_id": r.result.attempt_id,
            }
        )
    return rows


@staff_member_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    period = get_object_or_404(Period.objects.select_related("round"), pk=pk)
    ranked, allocation = services.period_prizes(period)
    ties = [
        {"note": t.note, "ids": ",".join(str(r.result.participant_id) for r in t.entries)}
        for t in (allocation.boundary_ties if allocation else ())
    ]
    return render(
        request,
        "online/ranking.html",
        {
            "period": period,
            "round": period.round,
            "rows": _ranking_rows(period, ranked),
            "boundary_ties": ties,
            "can_draw": period.is_closed(timezone.now()),
            "winners": period.winners.select_related("participant", "participant__unit"),
            "provisional": period.finalized_at is None,
            "actual": period.actual_value
            if period.finalized_at
            else services.compute_actual(period),
        },
    )


@staff_member_required
@require_POST
def draw_lots(request: HttpRequest, pk: int) -> HttpResponse:
    """The organizers draw lots between participants tied at a prize boundary."""
    period = get_object_or_404(Period, pk=pk)
    raw = request.POST.get("ids", "")
    try:
        ids = [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        ids = []
    if len(ids) < 2 or len(ids) > 10_000:
        messages.error(request, _("Cần nêu ít nhất hai người đồng hạng để bốc thăm."))
        return redirect("online:ranking", pk=pk)
    try:
        draw = services.draw_lots(period.pk, ids, request.user.get_username(), timezone.now())
    except services.OnlineError as error:
        messages.error(request, error.message)
    else:
        people = Participant.objects.in_bulk(draw["order"])
        messages.success(
            request,
            _("Đã bốc thăm phân định (hạt giống %(seed)s), thứ tự: %(order)s.")
            % {
                "seed": draw["seed"],
                "order": ", ".join(people[i].full_name for i in draw["order"]),
            },
        )
    return redirect("online:ranking", pk=pk)


@staff_member_required
def ranking_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = get_object_or_404(Period.objects.select_related("round"), pk=pk)
    header = [
        _("Hạng"),
        _("Họ và tên"),
        _("Đơn vị"),
        _("Số điện thoại"),
        _("Email"),
        _("Số câu đúng"),
        _("Thời gian làm bài (giây)"),
        _("Nộp bài lúc"),
        _("Dự đoán"),
        _("Chênh lệch dự đoán"),
        _("Giải"),
    ]
    rows = [
        [
            r["rank"],
            r["person"].full_name,
            r["person"].unit_label,
            r["person"].phone,
            r["person"].email,
            r["correct"],
            r["duration"],
            r["submitted_at"],
            r["prediction"],
            r["distance"],
            r["prize"],
        ]
        for r in _ranking_rows(period)
    ]
    return exports.table_response(f"xep-hang-dot-{period.number}", _fmt(fmt), header, rows)


@staff_member_required
def winners_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    period = get_object_or_404(Period, pk=pk)
    header = [
        _("Hạng"),
        _("Giải"),
        _("Họ và tên"),
        _("Đơn vị"),
        _("Giá trị (đồng)"),
        _("Mã xác minh"),
    ]
    rows = [
        [w.rank, w.prize_label, w.participant.full_name, w.participant.unit_label, w.amount, w.code]
        for w in period.winners.select_related("participant", "participant__unit")
    ]
    return exports.table_response(f"dat-giai-dot-{period.number}", _fmt(fmt), header, rows)


@staff_member_required
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug)
    units = stats.per_unit(round_)
    days = stats.per_day(round_)
    minimum = round_.min_registrations_per_unit
    return render(
        request,
        "online/stats.html",
        {
            "round": round_,
            "units": units,
            "days": days,
            "totals": stats.totals(round_),
            "minimum": minimum,
            "short": [u for u in units if u.missing],
            "chart_registered": mark_safe(
                charts.bar_chart(
                    [(u.unit, u.registered) for u in units],
                    title=_("Số người đăng ký theo đơn vị"),
                    marker=minimum or None,
                )
            ),
            "chart_attempts": mark_safe(
                charts.bar_chart(
                    [(u.unit, u.attempts) for u in units],
                    title=_("Số lượt thi theo đơn vị"),
                    color="#1d4ed8",
                )
            ),
            "chart_days": mark_safe(
                charts.bar_chart(
                    [(d.strftime("%d/%m/%Y"), n) for d, n, _p in days],
                    title=_("Số lượt thi theo ngày"),
                    color="#15803d",
                )
            ),
        },
    )


@staff_member_required
def statistics_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug)
    kind = request.GET.get("kind", "units")
    if kind == "days":
        header = [_("Ngày"), _("Số lượt thi"), _("Số người thi")]
        rows = [[d, n, p] for d, n, p in stats.per_day(round_)]
    else:
        header = [
            _("Đơn vị"),
            _("Số người đăng ký"),
            _("Số người đã thi"),
            _("Số lượt thi"),
            _("Số đăng ký tối thiểu"),
            _("Còn thiếu"),
        ]
        rows = [
            [u.unit, u.registered, u.participants, u.attempts, u.minimum or "", u.missing or ""]
            for u in stats.per_unit(round_)
        ]
    return exports.table_response(f"thong-ke-{kind}", _fmt(fmt), header, rows)


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=4, dark="#0f172a")


@staff_member_required
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    winner = get_object_or_404(
        Winner.objects.select_related("period", "period__round", "participant", "attempt"),
        code=code,
    )
    verify_url = request.build_absolute_uri(reverse("online:verify", args=[code]))
    return render(
        request,
        "online/certificate.html",
        {"winner": winner, "verify_url": verify_url, "qr": mark_safe(_qr_svg(verify_url))},
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: anyone holding a certificate can check it is genuine."""
    winner = (
        Winner.objects.select_related("period", "period__round", "participant")
        .filter(code=code)
        .first()
    )
    return render(request, "online/verify.html", {"winner": winner}, status=200 if winner else 404)
