"""Compiling, approving and re-opening a contest's results, and issuing certificates.

The Secretariat compiles (``hall.compile_results``), the Organizing Committee
approves (``hall.approve_results``). Approval freezes a copy of the results and the
log position it covers. Any later event that can change results (marks,
corrections, answers, undo) re-opens approval: ``check_reopen`` does this lazily,
each time approval is looked at, so nothing can show a stale approval as valid.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hall.models import Contest, Event
from scoring.models import ApprovalAction, Certificate, ResultsApproval
from scoring.records import Results, results_from_json, results_hash, results_json
from scoring.results import RESULT_EVENT_TYPES, compile_results

__all__ = [
    "ApprovalError",
    "approve",
    "check_reopen",
    "compile_for_approval",
    "certificate_valid",
    "issue_certificates",
    "prize_ties",
]


class ApprovalError(Exception):
    """A refused approval step; ``messages`` are Vietnamese sentences for the user."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


def _locked(contest: Contest) -> ResultsApproval:
    approval, _created = ResultsApproval.objects.select_for_update().get_or_create(contest=contest)
    return approval


def _first_change_after(contest: Contest, seq: int) -> int | None:
    return (
        Event.objects.filter(contest=contest, seq__gt=seq, type__in=RESULT_EVENT_TYPES)
        .order_by("seq")
        .values_list("seq", flat=True)
        .first()
    )


def check_reopen(contest: Contest) -> ResultsApproval:
    """The contest's approval, re-opened first if the log has moved past what was approved."""
    approval = ResultsApproval.objects.filter(contest=contest).first()
    if approval is None:
        return ResultsApproval(contest=contest)
    if approval.status != ResultsApproval.Status.APPROVED:
        return approval
    if _first_change_after(contest, approval.log_seq) is None:
        return approval
    with transaction.atomic():
        approval = _locked(contest)
        if approval.status != ResultsApproval.Status.APPROVED:
            return approval
        seq = _first_change_after(contest, approval.log_seq)
        if seq is None:
            return approval
        approval.status = ResultsApproval.Status.REOPENED
        approval.reopened_seq = seq
        approval.reopened_at = timezone.now()
        approval.note = _(
            "Kết quả đã thay đổi sau khi phê duyệt (sự kiện #%(seq)d trở đi); "
            "cần tổng hợp và phê duyệt lại."
        ) % {"seq": seq}
        approval.save()
        ApprovalAction.objects.create(
            contest=contest,
            action=ApprovalAction.Action.REOPENED,
            log_seq=seq,
            results_hash=approval.results_hash,
            note=approval.note,
        )
    return approval


def compile_for_approval(contest: Contest, user: Any) -> ResultsApproval:
    """The Secretariat compiles the results from the whole log; blocking problems refuse it."""
    check_reopen(contest)
    with transaction.atomic():
        approval = _locked(contest)
        results = compile_results(contest)
        if results.problems:
            raise ApprovalError(results.problems)
        approval.status = ResultsApproval.Status.COMPILED
        approval.results = results_json(results)
        approval.results_hash = results_hash(results)
        approval.log_seq = results.log_seq
        approval.compiled_by = user
        approval.compiled_at = timezone.now()
        approval.approved_by = None
        approval.approved_at = None
        approval.note = ""
        approval.save()
        ApprovalAction.objects.create(
            contest=contest,
            action=ApprovalAction.Action.COMPILED,
            user=user,
            log_seq=approval.log_seq,
            results_hash=approval.results_hash,
        )
    return approval


def approve(contest: Contest, user: Any) -> ResultsApproval:
    """The Committee approves the compiled results, which are frozen; certificates are issued."""
    check_reopen(contest)
    with transaction.atomic():
        approval = _locked(contest)
        if approval.status == ResultsApproval.Status.APPROVED:
            raise ApprovalError([_("Kết quả đã được phê duyệt rồi.")])
        if approval.status != ResultsApproval.Status.COMPILED:
            raise ApprovalError([_("Tổ Thư ký cần tổng hợp kết quả trước khi phê duyệt.")])
        seq = _first_change_after(contest, approval.log_seq)
        fresh = compile_results(contest)
        if seq is not None or results_hash(fresh) != approval.results_hash:
            raise ApprovalError(
                [
                    _(
                        "Nhật ký đã có thay đổi sau khi tổng hợp (sự kiện #%(seq)s); "
                        "Tổ Thư ký cần tổng hợp lại trước khi phê duyệt."
                    )
                    % {"seq": seq if seq is not None else fresh.log_seq}
                ]
            )
        unresolved = prize_ties(fresh)
        if unresolved:
            raise ApprovalError(unresolved)
        approval.status = ResultsApproval.Status.APPROVED
        approval.approved_by = user
        approval.approved_at = timezone.now()
        approval.reopened_seq = None
        approval.reopened_at = None
        approval.note = ""
        approval.save()
        ApprovalAction.objects.create(
            contest=contest,
            action=ApprovalAction.Action.APPROVED,
            user=user,
            log_seq=approval.log_seq,
            results_hash=approval.results_hash,
        )
        issue_certificates(approval)
    return approval


def prize_ties(results: Results) -> list[str]:
    """Why the results cannot be approved yet: ties at a prize boundary nothing settled."""
    ties = results.unresolved_prize_ties
    if not ties:
        return []
    return [
        _(
            "Chưa thể phê duyệt: còn trường hợp đồng hạng tại ranh giới giải thưởng chưa được "
            "phân định. Ban Tổ chức bốc thăm phân định (trên trang kết quả hoặc bàn điều khiển "
            "của người dẫn chương trình) rồi Tổ Thư ký tổng hợp lại."
        )
    ] + [t.note for t in ties]


def _wanted(results: Results) -> list[dict[str, Any]]:
    wanted = []
    for kind, block in (
        (Certificate.Kind.TEAM, results.team_prizes),
        (Certificate.Kind.INDIVIDUAL, results.individual_prizes),
    ):
        for award in block.awards:
            wanted.append(
                {
                    "kind": kind,
                    "recipient": award.name,
                    "team_name": award.team,
                    "unit_name": award.unit,
                    "prize_label": award.label,
                    "tier": award.tier,
                    "rank": award.rank,
                }
            )
    return wanted


def issue_certificates(approval: ResultsApproval) -> list[Certificate]:
    """One certificate per award of the approved results.

    A certificate whose recipient and prize are unchanged keeps its code (a printed
    copy stays valid); one whose award disappeared is revoked with the reason.
    """
    contest = approval.contest
    active = list(Certificate.objects.filter(contest=contest, revoked_at__isnull=True))
    by_identity = {c.identity: c for c in active}
    kept: list[Certificate] = []
    for spec in _wanted(results_from_json(approval.results)):
        identity = (
            spec["kind"],
            spec["recipient"],
            spec["team_name"],
            spec["prize_label"],
            spec["tier"],
            spec["rank"],
        )
        cert = by_identity.pop(identity, None)
        if cert is None:
            cert = Certificate.objects.create(
                contest=contest, results_hash=approval.results_hash, **spec
            )
        else:
            cert.results_hash = approval.results_hash
            cert.unit_name = spec["unit_name"]
            cert.save(update_fields=["results_hash", "unit_name"])
        kept.append(cert)
    now = timezone.now()
    for cert in by_identity.values():
        cert.revoked_at = now
        cert.revoked_reason = _("Kết quả phê duyệt lại ngày %(date)s không còn giải này.") % {
            "date": timezone.localtime(now).strftime("%d/%m/%Y")
        }
        cert.save(update_fields=["revoked_at", "revoked_reason"])
    return kept


def certificate_valid(cert: Certificate) -> bool:
    """Valid when not revoked and the contest's approval still stands."""
    if cert.revoked_at is not None:
        return False
    approval = check_reopen(cert.contest)
    return approval.is_approved and approval.results_hash == cert.results_hash
