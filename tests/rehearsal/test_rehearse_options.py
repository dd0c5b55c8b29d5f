"""``manage.py rehearse`` checks its options before starting any bot (fast, no server)."""

from __future__ import annotations

import random

import pytest
from django.core.management import CommandError, call_command

from screens.management.commands.rehearse import delay_range, load_knowledge, ws_url
from screens.rehearsal import Bot, Knowledge, report_lines
from tests.factories import make_hall


def test_url_and_delay_parsing():
    assert ws_url("http://10.0.0.5:8000") == "ws://10.0.0.5:8000/ws/hall/"
    assert ws_url("https://hoithi.example.vn/") == "wss://hoithi.example.vn/ws/hall/"
    assert delay_range("200-900") == (200, 900)
    assert delay_range("300") == (300, 300)
    for bad in ("nhanh", "900-200", "-5"):
        with pytest.raises(CommandError, match="200-900"):
            delay_range(bad)
    with pytest.raises(CommandError, match="không hợp lệ"):
        ws_url("ftp:/nowhere")


@pytest.mark.django_db
def test_unknown_contest_and_bad_rate_are_refused():
    with pytest.raises(CommandError, match="Không tìm thấy hội thi"):
        call_command("rehearse", contest="khong-co", duration=1)
    make_hall(slug="dien-tap")
    with pytest.raises(CommandError, match="0–1"):
        call_command("rehearse", contest="dien-tap", correct=1.5, duration=1)


@pytest.mark.django_db
def test_knowledge_comes_from_the_database():
    hall = make_hall(slug="dien-tap")
    knowledge = load_knowledge(hall.contest)
    question = hall.questions[1]
    assert knowledge.correct[question.id] == question.options.get(is_correct=True).label
    assert knowledge.labels[question.id] == ("A", "B", "C", "D")
    intro = hall.parts[0]
    assert [top for _, top in knowledge.criteria[intro.id]] == [60.0, 40.0]
    assert len(knowledge.members[hall.teams[0].id]) == 3


def test_bot_answers_right_at_the_configured_rate():
    knowledge = Knowledge({7: "C"}, {7: ("A", "B", "C", "D")}, {}, {})
    always = Bot("b", "ws://x", "t", knowledge, random.Random(1), 1.0, (0, 0), team_id=1)
    never = Bot("b", "ws://x", "t", knowledge, random.Random(1), 0.0, (0, 0), team_id=1)
    half = Bot("b", "ws://x", "t", knowledge, random.Random(1), 0.5, (0, 0), team_id=1)
    assert {always.choose(7) for _ in range(50)} == {"C"}
    assert "C" not in {never.choose(7) for _ in range(50)}
    rate = sum(half.choose(7) == "C" for _ in range(2000)) / 2000
    assert 0.45 < rate < 0.55
    always.stats.rtt_ms += [3.0, 5.0, 4.0]
    always.stats.refusals["late"] = 2
    line = report_lines([always])[1]
    assert "4.0/5.0" in line and "late×2" in line
