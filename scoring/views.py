"""Results pages: the Secretariat's page, approval actions, minutes, exports,
certificates, the public results page and certificate verification."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hall import services
from hall.engine.can import draw_lots_allowed
from hall.engine.commands import Actor
from hall.models import Contest
from scoring import approval as approvals
from scoring.certificates import certificate_cards
from scoring.exports import EXPORTS, build_table, to_csv, to_xlsx
from scoring.minutes import html_to_pdf, minutes_context, pdf_available, render_minutes
from scoring.models import ApprovalAction, Certificate
from scoring.results import compile_results

COMPILE = "hall.compile_results"
APPROVE = "hall.approve_results"

View = Callable[..., HttpResponse]


def results_staff(view: View) -> View:
    """Logged in, with the Secretariat's or the Committee's permission."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.has_perm(COMPILE) or request.user.has_perm(APPROVE)):
            raise PermissionDenied(_("Chỉ Tổ Thư ký và Ban Tổ chức được xem trang này."))
        return view(request, *args, **kwargs)

    return wrapper


def _contest(slug: str) -> Contest:
    return get_object_or_404(Contest, slug=slug)


def committee(request: HttpRequest) -> Actor:
    """The committee member on the results page, as the hall's log records them."""
    return Actor(role="committee", user=request.user.get_username()[:64])


def _draws_allowed(request: HttpRequest, contest: Contest) -> list[dict]:
    """The ties this committee member may settle by drawing lots now (the engine decides)."""
    if not request.user.has_perm(APPROVE):
        return []
    state = services.rebuild_state(contest.id)
    return draw_lots_allowed(state, committee(request)) if state is not None else []


@results_staff
def results_page(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    approval = approvals.check_reopen(contest)
    results = compile_results(contest)
    allowed = {(d["kind"], tuple(d["ids"])) for d in _draws_allowed(request, contest)}
    return render(
        request,
        "scoring/results.html",
        {
            "contest": contest,
            "results": results,
            "approval": approval,
            "actions": ApprovalAction.objects.filter(contest=contest).select_related("user"),
            "can_compile": request.user.has_perm(COMPILE),
            "can_approve": request.user.has_perm(APPROVE),
            "exports": EXPORTS,
            "pdf": pdf_available(),
            "drawable": [
                tie
                for tie in results.standings.unresolved
                + (results.members.unresolved if results.individual_prizes.source == "hall" else [])
                if (tie.kind, tuple(tie.ids)) in allowed
            ],
            "approval_blockers": approvals.prize_ties(results),
        },
    )


@require_POST
@results_staff
def draw_lots_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The Organizing Committee draws lots between tied teams or members (hall.services.run)."""
    contest = _contest(slug)
    if not request.user.has_perm(APPROVE):
        raise PermissionDenied(_("Chỉ Ban Tổ chức được bốc thăm phân định."))
    kind = request.POST.get("kind", "")
    try:
        ids = [int(x) for x in request.POST.get("ids", "").split(",") if x.strip()]
    except ValueError:
        ids = []
    command = {"type": "draw_lots", "kind": kind[:16], "ids": ids[:500]}
    outcome = services.run(contest.id, command, committee(request), f"lots:{uuid.uuid4()}")
    if outcome.accepted:
        messages.success(
            request,
            _("Đã bốc thăm phân định; kết quả được ghi vào nhật ký (sự kiện #%(seq)d).")
            % {"seq": outcome.seq},
        )
    else:
        messages.error(request, _(outcome.reason))
    return redirect("scoring:results", slug=slug)


@require_POST
@results_staff
def compile_view(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    if not request.user.has_perm(COMPILE):
        raise PermissionDenied(_("Chỉ Tổ Thư ký được tổng hợp kết quả."))
    try:
        approvals.compile_for_approval(contest, request.user)
    except approvals.ApprovalError as exc:
        messages.error(request, _("Chưa thể tổng hợp kết quả:"))
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Đã tổng hợp kết quả; chờ Ban Tổ chức phê duyệt."))
    return redirect("scoring:results", slug=slug)


@require_POST
@results_staff
def approve_view(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    if not request.user.has_perm(APPROVE):
        raise PermissionDenied(_("Chỉ Ban Tổ chức được phê duyệt kết quả."))
    try:
        approvals.approve(contest, request.user)
    except approvals.ApprovalError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Đã phê duyệt kết quả; giấy chứng nhận đã được cấp."))
    return redirect("scoring:results", slug=slug)


@results_staff
def minutes(request: HttpRequest, slug: str) -> HttpResponse:
    context = minutes_context(_contest(slug))
    context["pdf"] = pdf_available()
    return HttpResponse(render_minutes(context))


@results_staff
def minutes_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    if not pdf_available():
        raise Http404(_("Máy chủ chưa cài WeasyPrint nên chưa xuất được PDF; hãy in bản HTML."))
    pdf = html_to_pdf(render_minutes(minutes_context(contest), for_pdf=True))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-ban-{contest.slug}.pdf"'
    return response


@results_staff
def export(request: HttpRequest, slug: str, what: str, fmt: str) -> HttpResponse:
    contest = _contest(slug)
    if what not in EXPORTS or fmt not in ("xlsx", "csv"):
        raise Http404(_("Không có tệp xuất này."))
    title, headers, rows = build_table(compile_results(contest), what)
    filename = f"{contest.slug}-{what}.{fmt}"
    if fmt == "csv":
        response = HttpResponse(to_csv(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        subtitle = f"{contest.name} ({contest.year})"
        response = HttpResponse(
            to_xlsx(title, headers, rows, subtitle),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@results_staff
def certificates(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    approval = approvals.check_reopen(contest)
    issued = list(Certificate.objects.filter(contest=contest, revoked_at__isnull=True))
    return render(
        request,
        "scoring/certificates.html",
        {"contest": contest, "approval": approval, "cards": certificate_cards(request, issued)},
    )


def public(request: HttpRequest, slug: str) -> HttpResponse:
    contest = _contest(slug)
    approval = approvals.check_reopen(contest)
    if not approval.is_approved:
        return render(
            request,
            "scoring/not_published.html",
            {"contest": contest, "approval": approval},
            status=404,
        )
    return render(
        request,
        "scoring/public.html",
        {"contest": contest, "approval": approval, "results": approval.results},
    )


def verify(request: HttpRequest, code: str) -> HttpResponse:
    cert = Certificate.objects.select_related("contest").filter(code=code).first()
    if cert is None:
        return render(request, "scoring/verify.html", {"cert": None}, status=404)
    return render(
        request,
        "scoring/verify.html",
        {
            "cert": cert,
            "valid": approvals.certificate_valid(cert),
            "approval": approvals.check_reopen(cert.contest),
        },
    )
