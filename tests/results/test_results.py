"""The results folded from a scripted show: standings, tie-breaks, prizes, flags, corrections."""

import pytest

from scoring.results import build_results, compile_results, contest_meta, load_log, results_hash
from tests.factories import make_hall
from tests.results.show import MC, Show, assert_knowledge_matches_engine


def test_standings_apply_and_name_the_tie_break(show):
    results = compile_results(show.hall.contest)
    assert results.problems == []
    rows = results.standings.rows
    assert [(r.rank, r.team, str(r.total)) for r in rows] == [
        (1, "Đội 1", "208.00"),
        (2, "Đội 3", "153.67"),
        (3, "Đội 2", "153.67"),
    ]
    assert [r.team_id for r in rows] == [show.hall.teams[i].id for i in (0, 2, 1)]
    assert rows[1].above_next_by == "knowledge"
    assert results.standings.decisions == [
        "Đội Đội 3 bằng tổng điểm với đội Đội 2, xếp trên nhờ điểm phần kiến thức cao hơn "
        "(30 so với 15)."
    ]
    assert [(a.label, a.name) for a in results.team_prizes.awards] == [
        ("Giải Nhất", "Đội 1"),
        ("Giải Nhì", "Đội 3"),
        ("Giải Ba", "Đội 2"),
    ]


def test_parts_marks_flags_and_corrections(show):
    results = compile_results(show.hall.contest)
    intro = results.parts[0]
    assert intro.rule.startswith("Điểm phần thi = trung bình cộng điểm của 3 giám khảo")
    team3 = intro.judged_teams[2]
    corrected = [s for s in team3.sheets if s.judge == "Giám khảo 3"][0]
    assert [str(m) for m in corrected.marks] == ["42", "28"] and corrected.correction_id == 1
    assert [(f.team, f.judge) for f in intro.flags] == [("Đội 2", "Giám khảo 3")]
    accepted, rejected = results.corrections
    assert (accepted.status, str(accepted.old_total), str(accepted.new_total)) == (
        "accepted",
        "30",
        "70",
    )
    assert accepted.reason == "Nhập nhầm điểm tiêu chí" and accepted.resolved_by == "gk1"
    assert (rejected.status, rejected.note) == ("rejected", "Không có căn cứ")
    buzz = results.parts[2]
    assert {r.team: str(r.points) for r in buzz.knowledge_teams} == {
        "Đội 1": "0",
        "Đội 2": "-5",
        "Đội 3": "10",
    }


def test_members_ranked_and_boundary_tie_flagged(show):
    results = compile_results(show.hall.contest)
    members = results.members.rows
    assert (members[0].name, str(members[0].points)) == ("Thành viên 3.1", "20")
    awards = results.individual_prizes.awards
    assert [(a.label, a.name) for a in awards][0] == ("Giải Nhất", "Thành viên 3.1")
    ties = results.individual_prizes.boundary_ties
    assert len(ties) == 1 and "5 bên đồng hạng 2" in ties[0].note
    assert ties[0].kind == "members" and len(ties[0].ids) == 5
    assert ties[0].note in results.warnings


def test_knowledge_points_match_the_engine_state(show):
    results = compile_results(show.hall.contest)
    assert_knowledge_matches_engine(results, show.contest_id)


def test_unreleased_part_hides_marks_and_blocks(db):
    show = Show(make_hall())
    show.do(MC, {"type": "start_contest"})
    marks = {(t, j): (30, 20) for t in range(3) for j in range(3)}
    show.judged_part(0, marks)
    results = compile_results(show.hall.contest)
    intro = results.parts[0]
    assert intro.released is False and intro.judged_teams == []
    assert any("chưa được trưởng ban giám khảo công bố" in p for p in results.problems)


def test_not_started_contest(db):
    hall = make_hall()
    results = compile_results(hall.contest)
    assert results.started is False
    assert results.problems == ["Hội thi chưa bắt đầu: nhật ký chưa có sự kiện nào."]


def test_undo_of_a_reveal_takes_the_points_back(db):
    show = Show(make_hall())
    show.do(MC, {"type": "start_contest"})
    know = show.hall.parts[1]
    show.do(MC, {"type": "goto_part", "part_id": know.id})
    show.do(MC, {"type": "call_team", "team_id": show.hall.teams[0].id})
    show.do(MC, {"type": "draw"})
    correct = show.correct_of(show.last_drawn()["question_id"])
    show.do(MC, {"type": "open_answering"})
    member = show.members(0)[0]
    show.do(show.team(0), {"type": "answer", "choice": correct, "member_id": member})
    show.do(MC, {"type": "reveal"})
    before = compile_results(show.hall.contest)
    assert str(before.parts[1].knowledge_teams[0].points) == "10"
    show.do(MC, {"type": "undo", "reason": "Công bố nhầm"})
    after = compile_results(show.hall.contest)
    assert str(after.parts[1].knowledge_teams[0].points) == "0"
    assert after.undos[0].reason == "Công bố nhầm"
    assert after.questions[0].notes[0].reason == "Công bố nhầm"


@pytest.mark.django_db
def test_refold_is_deterministic(show):
    log = load_log(show.contest_id)
    meta = contest_meta(show.hall.contest)
    first = build_results(meta, log)
    second = build_results(meta, [dict(e) for e in log])
    assert first == second and results_hash(first) == results_hash(second)
