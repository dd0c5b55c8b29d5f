"""Participant pages: register, log in, attempt (official or practice), result."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from online import saving, services
from online.forms import LoginForm, PredictionForm, RegistrationForm
from online.models import Attempt, OnlineRound, Participant
from online.services import OnlineError, Owner


def form_rate(group: str, request: HttpRequest) -> str:
    """Rate limit for register and login POSTs, per client address (settings may override)."""
    return getattr(settings, "ONLINE_FORM_RATE", "10/m")


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def participant_of(request: HttpRequest) -> Participant | None:
    if not request.user.is_authenticated:
        return None
    return Participant.objects.filter(user=request.user).select_related("round").first()


def owner_of(request: HttpRequest) -> Owner:
    participant = participant_of(request)
    if not request.session.session_key:
        request.session.save()
    return Owner(
        participant_id=participant.pk if participant else None,
        session_key=request.session.session_key or "",
        user_id=request.user.pk if request.user.is_authenticated else None,
    )


def duration_text(seconds: float | None) -> str:
    """'12 phút 05 giây' from a number of seconds."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    return _("%(m)d phút %(s)02d giây") % {"m": minutes, "s": secs}


def ratelimited(request: HttpRequest) -> HttpResponse:
    return render(request, "online/ratelimited.html", status=429)


# --- public pages -------------------------------------------------------------------


def index(request: HttpRequest) -> HttpResponse:
    rounds = OnlineRound.objects.filter(is_active=True).prefetch_related("periods")
    return render(request, "online/index.html", {"rounds": rounds})


def round_detail(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug)
    now = timezone.now()
    period = round_.current_period(now)
    participant = participant_of(request)
    if participant and participant.round_id != round_.pk:
        participant = None
    context = {
        "round": round_,
        "period": period,
        "periods": round_.periods.all(),
        "participant": participant,
        "now": now,
    }
    if participant:
        services.close_expired(now, participant=participant)
        context["attempts_left"] = services.attempts_left(participant, period)
        context["attempts"] = participant.attempts.filter(
            mode=Attempt.Mode.OFFICIAL
        ).select_related("period")
        context["running"] = participant.attempts.filter(
            mode=Attempt.Mode.OFFICIAL, submitted_at__isnull=True
        ).first()
    return render(request, "online/round.html", context)


@ratelimit(key="ip", rate=form_rate, method="POST", block=False, group="online-register")
def register(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug, is_active=True)
    if request.method == "POST" and getattr(request, "limited", False):
        return ratelimited(request)
    today = timezone.localdate()
    form = RegistrationForm(request.POST or None, round=round_, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        participant = services.register(round_, data, data["password1"])
        user = authenticate(
            request=request, username=participant.user.username, password=data["password1"]
        )
        if user is not None:
            login(request, user)
        messages.success(request, _("Đăng ký thành công. Chúc bạn thi tốt!"))
        return redirect("online:round", slug=round_.slug)
    return render(request, "online/register.html", {"round": round_, "form": form})


@ratelimit(key="ip", rate=form_rate, method="POST", block=False, group="online-login")
def login_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and getattr(request, "limited", False):
        return ratelimited(request)
    form = LoginForm(request.POST or None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if user is not None:
            login(request, user)
            if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
                next_url = ""
            participant = participant_of(request)
            if not next_url and participant:
                next_url = reverse("online:round", args=[participant.round.slug])
            return redirect(next_url or "online:index")
        form.add_error(None, _("Tên đăng nhập hoặc mật khẩu không đúng."))
    return render(request, "online/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("online:index")


# --- attempts -----------------------------------------------------------------------


@require_POST
@login_required(login_url="online:login")
def start(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug)
    participant = participant_of(request)
    if participant is None or participant.round_id != round_.pk:
        messages.error(request, _("Bạn cần đăng ký dự thi cuộc thi này trước."))
        return redirect("online:register", slug=slug)
    try:
        attempt, _created = services.start_attempt(participant, timezone.now())
    except OnlineError as error:
        messages.error(request, error.message)
        return redirect("online:round", slug=slug)
    return redirect("online:attempt", pk=attempt.pk)


@require_POST
def practice(request: HttpRequest, slug: str) -> HttpResponse:
    round_ = get_object_or_404(OnlineRound, slug=slug, is_active=True)
    try:
        attempt = services.start_practice(round_, owner_of(request), timezone.now())
    except OnlineError as error:
        messages.error(request, error.message)
        return redirect("online:round", slug=slug)
    return redirect("online:attempt", pk=attempt.pk)


def _own_attempt(request: HttpRequest, pk: int) -> tuple[Attempt | None, Owner]:
    owner = owner_of(request)
    attempt = Attempt.objects.select_related("round", "period", "participant").filter(pk=pk).first()
    if attempt is None or not owner.owns(attempt):
        return None, owner
    return attempt, owner


def _refused_page(request: HttpRequest, pk: int, owner: Owner) -> HttpResponse:
    attempt = Attempt.objects.filter(pk=pk).first()
    if attempt is not None:
        services._refuse(
            attempt, owner, "foreign", _("Lượt thi này không phải của bạn."), {}, client_ip(request)
        )
    return render(request, "online/forbidden.html", status=403)


def attempt_page(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, owner = _own_attempt(request, pk)
    if attempt is None:
        return _refused_page(request, pk, owner)
    now = timezone.now()
    attempt = services.refresh(attempt, now)
    if attempt.is_submitted:
        return redirect("online:result", pk=attempt.pk)
    items = services.attempt_items(attempt)
    answered = sum(1 for item, _opts in items if item.chosen_id)
    return render(
        request,
        "online/attempt.html",
        {
            "attempt": attempt,
            "round": attempt.round,
            "items": [
                (item, [(i, o, o.id == item.chosen_id) for i, o in enumerate(opts)])
                for item, opts in items
            ],
            "answered": answered,
            "remaining": attempt.remaining_seconds(now),
            "deadline_ms": saving.to_ms(attempt.deadline),
            "server_ms": saving.to_ms(now),
            "save": settings.ONLINE,
            "has_prediction": attempt.is_official
            and attempt.round.prediction != OnlineRound.Prediction.NONE,
        },
    )


def _json_error(error: OnlineError) -> JsonResponse:
    status = {"foreign": 403, "unknown": 404, "late": 409, "submitted": 409}.get(error.code, 400)
    return JsonResponse({"error": error.message, "code": error.code}, status=status)


@require_POST
def answer(request: HttpRequest, pk: int) -> JsonResponse:
    """Save answers: a batch ``{"answers": [...], "prediction"?}`` stamped by the page
    (``online.saving``), or one answer ``{"order", "choice"}`` stamped at receipt."""
    # the attempt is read with its participant: ownership by the login needs no
    # participant lookup here (one query less on the online round's busiest request)
    owner = Owner(
        session_key=request.session.session_key or "",
        user_id=request.user.pk if request.user.is_authenticated else None,
    )
    now = timezone.now()
    try:
        body = json.loads(request.body or b"{}")
        batch = saving.parse_batch(body)
    except ValueError as error:  # JSONDecodeError and BatchError are ValueErrors
        code = getattr(error, "code", "bad_request")
        message = getattr(error, "message", _("Dữ liệu gửi lên không hợp lệ."))
        return JsonResponse({"error": message, "code": code}, status=400)
    try:
        if "answers" in body:
            reply = services.save_answers(pk, owner, batch, now, client_ip(request))
        else:
            entry = batch.entries[0]
            reply = services.save_answer(
                pk, owner, entry.order, entry.choice, now, client_ip(request)
            )
    except OnlineError as error:
        return _json_error(error)
    return JsonResponse(reply)


@require_POST
def prediction(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, owner = _own_attempt(request, pk)
    if attempt is None:
        return _refused_page(request, pk, owner)
    wants_json = request.content_type == "application/json"
    data = request.POST
    if wants_json:
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:
            data = {}
    form = PredictionForm(data)
    if not form.is_valid():
        message = _("Số dự đoán phải là số nguyên không âm.")
        if wants_json:
            return JsonResponse({"error": message, "code": "bad_value"}, status=400)
        messages.error(request, message)
        return redirect("online:result", pk=pk)
    try:
        services.set_prediction(pk, owner, form.cleaned_data["value"], timezone.now())
    except OnlineError as error:
        if wants_json:
            return _json_error(error)
        messages.error(request, error.message)
        return redirect("online:result", pk=pk)
    if wants_json:
        return JsonResponse({"saved": True, "value": form.cleaned_data["value"]})
    messages.success(request, _("Đã ghi nhận dự đoán của bạn."))
    return redirect("online:result", pk=pk)


def _form_batch(request: HttpRequest, attempt: Attempt) -> saving.Batch:
    raw = request.POST.get("batch", "")
    if raw:
        return saving.parse_batch(json.loads(raw))
    entries = tuple(
        saving.Entry(int(key[1:]), int(value))
        for key, value in request.POST.items()
        if key.startswith("q") and key[1:].isdigit() and value.isdigit()
    )
    prediction = request.POST.get("prediction", "").strip()
    takes_prediction = (
        attempt.is_official and attempt.round.prediction != OnlineRound.Prediction.NONE
    )
    value = int(prediction) if prediction.isdigit() and takes_prediction else None
    return saving.parse_batch(
        {"answers": [{"order": e.order, "choice": e.choice} for e in entries], "prediction": value}
    )


@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, owner = _own_attempt(request, pk)
    if attempt is None:
        return _refused_page(request, pk, owner)
    now = timezone.now()
    if not attempt.is_submitted and not services.is_closed_for_answers(attempt, now):
        # The page sends what it holds with the form (``batch``, stamped); without
        # JavaScript the choices arrive as form fields, stamped at receipt.
        try:
            batch = _form_batch(request, attempt)
            if batch.entries or batch.prediction is not None:
                services.save_answers(pk, owner, batch, now, client_ip(request))
        except (ValueError, OnlineError) as error:  # a malformed batch: submitted all the same
            messages.warning(request, getattr(error, "message", _("Dữ liệu gửi lên không hợp lệ.")))
    services.submit(pk, now, auto=False)
    return redirect("online:result", pk=pk)


def result(request: HttpRequest, pk: int) -> HttpResponse:
    attempt, owner = _own_attempt(request, pk)
    if attempt is None:
        return _refused_page(request, pk, owner)
    now = timezone.now()
    attempt = services.refresh(attempt, now)
    if not attempt.is_submitted:
        return redirect("online:attempt", pk=pk)
    attempt = Attempt.objects.select_related("round", "period").get(pk=pk)
    show = attempt.answers_visible(now)
    review = []
    if show:
        for item, opts in services.attempt_items(attempt):
            review.append((item, [(o, o.id == item.chosen_id) for o in opts]))
    can_predict = (
        attempt.is_official
        and attempt.round.prediction != OnlineRound.Prediction.NONE
        and attempt.prediction is None
        and attempt.period is not None
        and not attempt.period.is_closed(now)
    )
    return render(
        request,
        "online/result.html",
        {
            "attempt": attempt,
            "round": attempt.round,
            "show_answers": show,
            "review": review,
            "can_predict": can_predict,
            "prediction_form": PredictionForm(),
            "duration": duration_text(attempt.duration.total_seconds()),
        },
    )
