"""Compile, approve, freeze; a correction after approval re-opens it; certificates follow."""

import pytest

from scoring import approval as approvals
from scoring.models import ApprovalAction, Certificate, ResultsApproval
from tests.results.show import MC, settle_prize_ties


def test_approval_refused_while_a_prize_tie_is_unresolved(show, thuky, bantochuc):
    contest = show.hall.contest
    approvals.compile_for_approval(contest, thuky)
    with pytest.raises(approvals.ApprovalError) as exc:
        approvals.approve(contest, bantochuc)
    reasons = exc.value.messages
    assert reasons[0].startswith("Chưa thể phê duyệt: còn trường hợp đồng hạng")
    assert "5 bên đồng hạng 2" in reasons[1]  # the tie itself, named for the committee
    assert check_status(contest) == ResultsApproval.Status.COMPILED
    assert not Certificate.objects.filter(contest=contest).exists()
    # the committee draws lots (recorded in the log), the secretariat compiles again
    drawn = settle_prize_ties(show)
    assert [e["type"] for e in drawn] == ["lots_drawn"] and len(drawn[0]["order"]) == 5
    approvals.compile_for_approval(contest, thuky)
    assert approvals.approve(contest, bantochuc).is_approved


def check_status(contest):
    return ResultsApproval.objects.get(contest=contest).status


def test_compile_then_approve_freezes_and_issues_certificates(show, thuky, bantochuc):
    contest = show.hall.contest
    settle_prize_ties(show)
    compiled = approvals.compile_for_approval(contest, thuky)
    assert compiled.status == ResultsApproval.Status.COMPILED
    assert compiled.log_seq == show.hall.contest.events.count()
    approved = approvals.approve(contest, bantochuc)
    assert approved.status == ResultsApproval.Status.APPROVED
    assert approved.results["standings"]["rows"][0]["team"] == "Đội 1"
    certs = Certificate.objects.filter(contest=contest)
    # 3 team prizes + 7 individual ones (1/1/2/3: the rank-2 tie settled by the draw)
    assert sorted((c.kind, c.prize_label) for c in certs) == [
        ("individual", "Giải Ba"),
        ("individual", "Giải Ba"),
        ("individual", "Giải Khuyến khích"),
        ("individual", "Giải Khuyến khích"),
        ("individual", "Giải Khuyến khích"),
        ("individual", "Giải Nhì"),
        ("individual", "Giải Nhất"),
        ("team", "Giải Ba"),
        ("team", "Giải Nhì"),
        ("team", "Giải Nhất"),
    ]
    assert all(approvals.certificate_valid(c) for c in certs)
    assert len({c.code for c in certs}) == 10 and all(len(c.code) >= 20 for c in certs)


def test_approve_needs_compile_and_a_clean_log(show, bantochuc):
    with pytest.raises(approvals.ApprovalError) as exc:
        approvals.approve(show.hall.contest, bantochuc)
    assert "Tổ Thư ký cần tổng hợp" in exc.value.messages[0]


def test_compile_refused_with_problems(db, thuky):
    from tests.factories import make_hall

    hall = make_hall()
    with pytest.raises(approvals.ApprovalError) as exc:
        approvals.compile_for_approval(hall.contest, thuky)
    assert "chưa bắt đầu" in exc.value.messages[0]
    assert not ResultsApproval.objects.filter(contest=hall.contest, status="compiled").exists()


def test_change_between_compile_and_approve_is_refused(show, thuky, bantochuc):
    contest = show.hall.contest
    approvals.compile_for_approval(contest, thuky)
    corr = {
        "type": "request_correction",
        "part_id": show.hall.parts[3].id,
        "team_id": show.hall.teams[1].id,
        "marks": dict(zip(show.criteria(3), (50, 30), strict=True)),
        "reason": "Cộng nhầm",
    }
    show.do(show.judge(1), corr)
    with pytest.raises(approvals.ApprovalError) as exc:
        approvals.approve(contest, bantochuc)
    assert "cần tổng hợp lại" in exc.value.messages[0]


def test_correction_after_approval_reopens(show, thuky, bantochuc):
    contest = show.hall.contest
    settle_prize_ties(show)
    approvals.compile_for_approval(contest, thuky)
    approved = approvals.approve(contest, bantochuc)
    frozen = approved.results
    team2_cert = Certificate.objects.get(contest=contest, kind="team", recipient="Đội 2")
    seq_before = approved.log_seq
    # Judge 2 corrects the skit mark for team 2 (77 -> 85 on their sheet), head accepts.
    show.do(
        show.judge(1),
        {
            "type": "request_correction",
            "part_id": show.hall.parts[3].id,
            "team_id": show.hall.teams[1].id,
            "marks": dict(zip(show.criteria(3), (58, 38), strict=True)),
            "reason": "Cộng nhầm điểm tiêu chí Nội dung",
        },
    )
    show.do(show.head(), {"type": "resolve_correction", "request_id": 3, "accept": True})
    reopened = approvals.check_reopen(contest)
    assert reopened.status == ResultsApproval.Status.REOPENED
    assert reopened.reopened_seq == seq_before + 1
    assert f"sự kiện #{seq_before + 1}" in reopened.note
    assert reopened.results == frozen  # the frozen copy is untouched
    assert ApprovalAction.objects.filter(contest=contest, action="reopened").count() == 1
    assert not approvals.certificate_valid(team2_cert)
    # Recompile and approve again: team 2 (now 160.67) passes team 3.
    approvals.compile_for_approval(contest, thuky)
    again = approvals.approve(contest, bantochuc)
    assert [r["team"] for r in again.results["standings"]["rows"]] == ["Đội 1", "Đội 2", "Đội 3"]
    team2_cert.refresh_from_db()
    assert team2_cert.revoked_at is not None and "không còn giải này" in team2_cert.revoked_reason
    first = Certificate.objects.get(contest=contest, kind="team", prize_label="Giải Nhất")
    assert approvals.certificate_valid(first)  # unchanged award keeps its code and validity
    assert (
        Certificate.objects.get(
            contest=contest, kind="team", recipient="Đội 2", revoked_at__isnull=True
        ).prize_label
        == "Giải Nhì"
    )


def test_undo_after_approval_reopens(show, thuky, bantochuc):
    contest = show.hall.contest
    settle_prize_ties(show)
    approvals.compile_for_approval(contest, thuky)
    approvals.approve(contest, bantochuc)
    show.do(MC, {"type": "undo", "reason": "Thử hoàn tác"})
    assert approvals.check_reopen(contest).status == ResultsApproval.Status.REOPENED
