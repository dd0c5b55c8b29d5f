"""``manage.py rehearse`` against a real daphne: the bots answer, buzz and mark."""

from __future__ import annotations

import asyncio
import io
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connections

from hall.models import Event
from tests.faults.conftest import reliable_command
from tests.live.conftest import mc_token
from tests.procs import ProtocolClient

pytestmark = [pytest.mark.multiproc, pytest.mark.django_db(transaction=True)]


def test_rehearsal_bots_play_a_running_show(start_cluster, hall):
    cluster = start_cluster(1)
    server = cluster.servers[0]
    intro, know, buzz_part = hall.parts[0], hall.parts[1], hall.parts[2]
    out = io.StringIO()
    options = {
        "url": server.http,
        "contest": hall.contest.slug,
        "teams": 3,
        "judges": 3,
        "correct": 1.0,
        "buzz_delay_ms": "50-150",
        "duration": 14,
        "report_every": 3,
        "seed": 7,
        "stdout": out,
    }

    def rehearse() -> None:
        try:
            call_command("rehearse", **options)
        finally:
            connections.close_all()

    bots = threading.Thread(target=rehearse)
    bots.start()

    async def show() -> None:
        mc = await ProtocolClient([server.ws], mc_token(hall), "mc").start()

        async def do(command: dict) -> dict:
            reply = await reliable_command(mc, command)
            assert reply["type"] == "ack", (command, reply)
            return reply

        async def until(kind: str, timeout: float = 6) -> None:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if any(
                    (f.get("event") or {}).get("type") == kind
                    for f in mc.frames
                    if f.get("type") == "event"
                ):
                    return
                await asyncio.sleep(0.05)
            raise AssertionError(f"no {kind} from the bots")

        await asyncio.sleep(1.5)  # the bots connect
        await do({"type": "start_contest"})
        await do({"type": "goto_part", "part_id": know.id})
        await do({"type": "call_team", "team_id": hall.teams[0].id})
        await do({"type": "draw"})
        await do({"type": "open_answering"})
        await until("answer_submitted")
        await do({"type": "reveal"})
        await do({"type": "goto_part", "part_id": intro.id})
        await do({"type": "stage_team", "team_id": hall.teams[1].id})
        await do({"type": "open_judging"})
        await until("marks_submitted")
        await asyncio.sleep(3)  # every judge bot marks within 3 s
        await do({"type": "close_judging"})
        await do({"type": "goto_part", "part_id": buzz_part.id})
        await do({"type": "draw"})
        await do({"type": "open_buzz"})
        await until("buzz_answer_judged")
        await mc.stop()

    asyncio.run(show())
    bots.join(30)
    assert not bots.is_alive()
    kinds = list(Event.objects.filter(contest=hall.contest).values_list("type", "payload"))
    answers = [p for t, p in kinds if t == "answer_submitted"]
    assert answers and answers[0]["team_id"] == hall.teams[0].id
    revealed = next(p for t, p in kinds if t == "revealed")
    assert all(r["correct"] for r in revealed["results"])  # --correct 1.0
    marks = [p for t, p in kinds if t == "marks_submitted"]
    assert len({p["judge_id"] for p in marks}) == 3
    assert any(t == "buzz_pressed" for t, _ in kinds)
    judged = next(p for t, p in kinds if t == "buzz_answer_judged")
    assert judged["correct"] is True
    report = out.getvalue()
    assert "RTT" in report and "giám khảo" in report
    assert "Đã kết thúc diễn tập." in report
