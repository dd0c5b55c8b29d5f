"""Pages of the live hall. Each checks who is asking, then hands the page a
signed token for the WebSocket; the socket checks the token again at ``hello``."""

from __future__ import annotations

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from hall.models import Contest, Device, Judge
from screens import pairing
from screens.consumers import presence_key
from screens.hub import HUB, group_name

SESSION_KEY = "hall_devices"


def _mc_contest(request: HttpRequest, slug: str) -> Contest:
    contest = get_object_or_404(Contest, slug=slug)
    if not request.user.has_perm("hall.run_show"):
        raise PermissionDenied(_("Tài khoản không có quyền điều khiển hội thi."))
    return contest


def _live_context(contest: Contest, role: str, token: str, **extra: object) -> dict:
    return {"contest": contest, "role": role, "token": token, "ws_path": "/ws/hall/", **extra}


JOIN_FAILURES_RATE = "10/m"  # wrong codes per IP; right codes never count


def _join_failures(request: HttpRequest, increment: bool) -> bool:
    return is_ratelimited(
        request,
        group="hall.join.failures",
        key="ip",
        rate=JOIN_FAILURES_RATE,
        method="POST",
        increment=increment,
    )


def join(request: HttpRequest) -> HttpResponse:
    """Team pads and screens join with the short code shown on the MC console.

    Only wrong codes count towards the rate limit, so a whole hall behind one
    NAT address can join, while guessing codes is cut off after a few tries.
    """
    error = ""
    code = (request.POST.get("code") or request.GET.get("code") or "").strip().upper()
    if request.method == "POST":
        if _join_failures(request, increment=False):
            error = _("Nhập sai quá nhiều lần. Vui lòng đợi một phút rồi thử lại.")
            return render(request, "screens/join.html", {"error": error, "code": code}, status=429)
        device = (
            Device.objects.select_related("contest", "team")
            .filter(join_code=code, revoked_at__isnull=True)
            .first()
        )
        if device is None:
            _join_failures(request, increment=True)
            error = _("Mã tham gia không đúng hoặc đã bị thu hồi.")
        else:
            tokens = request.session.get(SESSION_KEY, {})
            tokens[device.contest.slug + ":" + device.role] = pairing.device_token(device)
            request.session[SESSION_KEY] = tokens
            name = "screens:pad" if device.role == Device.Role.TEAM else "screens:screen"
            return redirect(reverse(name, args=[device.contest.slug]))
    return render(
        request, "screens/join.html", {"error": error, "code": code}, status=400 if error else 200
    )


def _device_page(request: HttpRequest, slug: str, role: str, template: str) -> HttpResponse:
    contest = get_object_or_404(Contest, slug=slug)
    token = request.session.get(SESSION_KEY, {}).get(f"{slug}:{role}")
    if not token:
        return redirect(reverse("screens:join"))
    return render(request, template, _live_context(contest, role, token))


def screen(request: HttpRequest, slug: str) -> HttpResponse:
    return _device_page(request, slug, Device.Role.SCREEN, "screens/screen.html")


def pad(request: HttpRequest, slug: str) -> HttpResponse:
    return _device_page(request, slug, Device.Role.TEAM, "screens/pad.html")


@login_required
def mc(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _mc_contest(request, slug)
    token = pairing.make_token(
        pairing.Claims(contest_id=contest.id, role="mc", user_id=request.user.pk)
    )
    return render(request, "screens/mc.html", _live_context(contest, "mc", token))


@login_required
def judge(request: HttpRequest, slug: str) -> HttpResponse:
    contest = get_object_or_404(Contest, slug=slug)
    judge_row = Judge.objects.filter(contest=contest, user=request.user).first()
    if judge_row is None:
        raise PermissionDenied(_("Tài khoản không phải giám khảo của hội thi này."))
    role = "head_judge" if judge_row.is_head else "judge"
    token = pairing.make_token(
        pairing.Claims(
            contest_id=contest.id, role=role, user_id=request.user.pk, judge_id=judge_row.pk
        )
    )
    return render(
        request, "screens/judge.html", _live_context(contest, role, token, judge=judge_row)
    )


@login_required
def devices(request: HttpRequest, slug: str) -> JsonResponse:
    """The MC's device panel: codes, QR links, who is online and their round trip."""
    contest = _mc_contest(request, slug)
    rows = list(contest.devices.select_related("team").order_by("role", "team__number", "label"))
    judges = list(contest.judges.order_by("order", "id"))
    keys = {d.pk: presence_key(contest.id, f"device:{d.pk}") for d in rows}
    keys.update({-j.pk: presence_key(contest.id, f"judge:{j.pk}") for j in judges})
    seen = cache.get_many(list(keys.values()))
    join_url = request.build_absolute_uri(reverse("screens:join"))
    out = []
    for d in rows:
        p = seen.get(keys[d.pk])
        out.append(
            {
                "id": d.pk,
                "kind": d.role,
                "label": d.label,
                "team": d.team.name if d.team else None,
                "code": d.join_code,
                "join_url": f"{join_url}?code={d.join_code}",
                "qr_url": reverse("screens:qr", args=[slug, d.pk]),
                "revoked": d.revoked_at is not None,
                "online": p is not None,
                "rtt_ms": p.get("rtt_ms") if p else None,
            }
        )
    for j in judges:
        p = seen.get(keys[-j.pk])
        out.append(
            {
                "id": None,
                "kind": "head_judge" if j.is_head else "judge",
                "label": j.display_name,
                "team": None,
                "code": None,
                "join_url": request.build_absolute_uri(reverse("screens:judge", args=[slug])),
                "qr_url": None,
                "revoked": False,
                "online": p is not None,
                "rtt_ms": p.get("rtt_ms") if p else None,
            }
        )
    return JsonResponse({"devices": out})


@login_required
def qr(request: HttpRequest, slug: str, device_id: int) -> HttpResponse:
    _mc_contest(request, slug)
    device = get_object_or_404(Device, pk=device_id, contest__slug=slug)
    url = request.build_absolute_uri(reverse("screens:join")) + f"?code={device.join_code}"
    return HttpResponse(pairing.qr_svg(url), content_type="image/svg+xml")


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, device_id: int) -> JsonResponse:
    """Revoke a device: its token stops working and its sockets close at once."""
    contest = _mc_contest(request, slug)
    device = get_object_or_404(Device, pk=device_id, contest=contest)
    pairing.revoke(device)
    message = {"type": "hall.revoke", "contest": contest.id, "device_id": device.pk}
    if HUB.loop is not None:
        async_to_sync(HUB.publish_control)(message)
    else:  # this process serves no sockets: ring the other processes' doorbell
        async_to_sync(get_channel_layer().group_send)(group_name(contest.id), message)
    return JsonResponse({"ok": True, "revoked": device.pk})
