"""No non-MC socket ever receives a correct answer before the reveal, or another
judge's marks before the release: every frame of a scripted show is recorded
and searched."""

from __future__ import annotations

import pytest
from channels.db import database_sync_to_async

from tests.live.conftest import Client, judge_token, mc_token, screen_token, team_token

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def walk(obj, path=()):
    """Every (path, key, value) in a JSON tree."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield path, k, v
            yield from walk(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk(v, (*path, i))


def has_key(obj, name: str) -> bool:
    return any(k == name for _, k, _ in walk(obj))


def mark_sheets(obj) -> list[dict]:
    """Every dict that carries a judge's marks."""
    found = []

    def visit(node):
        if isinstance(node, dict):
            if "marks" in node and "judge_id" in node and node["marks"]:
                found.append(node)
            for v in node.values():
                visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    visit(obj)
    return found


async def test_no_correct_answer_or_unreleased_mark_reaches_other_roles(hall):
    mc = Client(mc_token(hall), "mc")
    screen = Client(screen_token(hall), "screen")
    pad0 = Client(team_token(hall, 0), "pad0")
    pad1 = Client(team_token(hall, 1), "pad1")
    judge_b = Client(judge_token(hall, 1), "judge-b")
    judge_c = Client(judge_token(hall, 2), "judge-c")
    watchers = [screen, pad0, pad1, judge_b, judge_c]
    for c in (mc, *watchers):
        await c.connect()
    intro, know, buzz = hall.parts[0], hall.parts[1], hall.parts[2]
    team0 = hall.teams[0]
    criteria = await database_sync_to_async(lambda: list(intro.rubric.criteria.all()))()
    answering = await database_sync_to_async(
        lambda: list(team0.members.filter(answers_knowledge=True).values_list("id", flat=True))
    )()

    async def mc_do(cmd: dict) -> int:
        reply = await mc.command(cmd)
        assert reply["type"] == "ack", (cmd, reply)
        for w in watchers:
            await w.drain(reply["seq"])
        return reply["seq"]

    # --- judged part: judge B marks, judge C must not see them before release
    await mc_do({"type": "start_contest"})
    await mc_do({"type": "goto_part", "part_id": intro.id})
    await mc_do({"type": "stage_team", "team_id": team0.id})
    await mc_do({"type": "open_judging"})
    reply = await judge_b.command(
        {
            "type": "submit_marks",
            "part_id": intro.id,
            "team_id": team0.id,
            "marks": {str(criteria[0].id): 47, str(criteria[1].id): 33},
        }
    )
    assert reply["type"] == "ack"
    await mc_do({"type": "close_judging"})
    release_seq = await mc_do({"type": "release_marks", "part_id": intro.id})

    # --- team turn: a drawn question, answered, revealed
    await mc_do({"type": "goto_part", "part_id": know.id})
    await mc_do({"type": "call_team", "team_id": team0.id})
    drawn_seq = await mc_do({"type": "draw"})
    await mc_do({"type": "open_answering"})
    reply = await pad0.command({"type": "answer", "member_id": answering[0], "choice": "A"})
    assert reply["type"] == "ack", reply
    await mc_do({"type": "close_answering"})
    reveal_seq = await mc_do({"type": "reveal"})

    # --- buzz-in: drawn, buzzed, then revealed
    await mc_do({"type": "clear_question"})
    await mc_do({"type": "goto_part", "part_id": buzz.id})
    buzz_drawn = await mc_do({"type": "draw"})
    await mc_do({"type": "open_buzz"})
    reply = await pad1.command({"type": "buzz", "member_id": None, "client_ts": 0})
    assert reply["type"] == "ack", reply
    buzz_reveal = await mc_do({"type": "reveal"})

    def before(frame: dict, seq: int) -> bool:
        return frame.get("seq") is not None and frame["seq"] < seq

    for w in watchers:
        for frame in w.frames:
            window = (before(frame, reveal_seq) and not before(frame, drawn_seq)) or (
                before(frame, buzz_reveal) and not before(frame, buzz_drawn)
            )
            if window or before(frame, drawn_seq):
                assert not has_key(frame, "correct"), (w.name, frame)
                assert not has_key(frame, "explanation"), (w.name, frame)
            if before(frame, release_seq):
                for sheet in mark_sheets(frame):
                    own = w is judge_b and sheet["judge_id"] == hall.judges[1].id
                    assert own, (w.name, sheet)
        # after the reveal and the release everyone does see them (the test can fail)
        assert any(has_key(f, "correct") for f in w.frames if f.get("seq", 0) >= reveal_seq), w.name
        assert any(mark_sheets(f) for f in w.frames if f.get("seq", 0) >= release_seq), w.name
    # the MC saw the correct answer while the question was open
    assert any(
        has_key(f, "correct") for f in mc.frames if drawn_seq <= (f.get("seq") or 0) < reveal_seq
    )
