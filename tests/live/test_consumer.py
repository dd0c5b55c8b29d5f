"""Each role's hello/snapshot/commands/refusals through the real consumer and database."""

from __future__ import annotations

import json

import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from hall.engine.state import state_to_dict
from hall.models import Event, RefusedCommand, Snapshot
from hall.services import rebuild_state
from tests.live.conftest import (
    Client,
    event_count,
    judge_token,
    mc_token,
    screen_token,
    team_token,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def test_no_token_is_refused_and_closed(hall):
    client = Client(None)
    reply = await client.connect()
    assert reply["type"] == "refused" and reply["code"] == "no_token"
    out = await client.comm.receive_output(timeout=1)
    assert out["type"] == "websocket.close" and out["code"] == 4001


async def test_forged_token_is_refused(hall):
    token = mc_token(hall)
    client = Client(token[:-3] + "xyz")
    reply = await client.connect()
    assert reply["code"] == "bad_token"
    assert "không hợp lệ" in reply["reason"]


async def test_revoked_device_cannot_join(hall):
    token = screen_token(hall)
    hall.screen.revoked_at = timezone.now()
    await database_sync_to_async(hall.screen.save)()
    reply = await Client(token).connect()
    assert reply["code"] == "revoked"


async def test_mc_hello_gets_a_snapshot_with_seq_zero(hall):
    mc = Client(mc_token(hall), "mc")
    snap = await mc.connect()
    assert snap["type"] == "snapshot" and snap["seq"] == 0 and snap["recovered"] is False
    assert isinstance(snap["view"], dict)
    await mc.close()


async def test_command_before_hello_is_refused(hall):
    client = Client(None)
    ok, _ = await client.comm.connect()
    assert ok
    await client.send({"type": "start_contest", "id": "x1"})
    reply = await client.recv()
    assert reply["type"] == "refused" and reply["code"] == "not_authenticated"
    assert await event_count(hall) == 0


async def test_start_reaches_every_role_in_order_and_commits_first(hall):
    mc = Client(mc_token(hall), "mc")
    screen = Client(screen_token(hall), "screen")
    pad = Client(team_token(hall), "pad")
    for c in (mc, screen, pad):
        await c.connect()
    ack = await mc.command({"type": "start_contest"})
    assert ack["type"] == "ack" and ack["seq"] >= 1
    for c in (screen, pad):
        await c.drain(ack["seq"])
        assert c.seq == ack["seq"]
    # committed before broadcast: the log already holds what the clients saw
    assert await event_count(hall) == ack["seq"]
    for c in (mc, screen, pad):
        await c.close()


async def test_forbidden_command_is_refused_and_changes_nothing(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    await mc.command({"type": "start_contest"})
    before = await event_count(hall)
    screen = Client(screen_token(hall), "screen")
    await screen.connect()
    reply = await screen.command({"type": "pause"})
    assert reply["type"] == "refused" and reply["code"] == "forbidden"
    pad = Client(team_token(hall), "pad")
    await pad.connect()
    reply = await pad.command({"type": "finish"})
    assert reply["code"] == "forbidden"
    assert await event_count(hall) == before
    refusals = await database_sync_to_async(RefusedCommand.objects.filter(code="forbidden").count)()
    assert refusals == 2


async def test_duplicate_command_id_is_applied_once(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    first = await mc.command({"type": "start_contest"}, cid="same-id")
    again = await mc.command({"type": "start_contest"}, cid="same-id")
    assert first["type"] == "ack" and again["type"] == "ack"
    assert again["duplicate"] is True
    assert await event_count(hall) == first["seq"]


async def test_malformed_messages_are_refused_and_the_socket_stays(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    await mc.comm.send_to(text_data="{not json")
    assert (await mc.recv())["code"] == "bad_json"
    await mc.send({"no": "type"})
    assert (await mc.recv())["code"] == "bad_message"
    reply = await mc.command({"type": "no_such_command"})
    assert reply["code"] == "bad_command"
    reply = await mc.command({"type": "stage_team", "team_id": "three"})
    assert reply["code"] == "bad_command"
    assert await event_count(hall) == 0
    ack = await mc.command({"type": "start_contest"})
    assert ack["type"] == "ack"


async def test_oversized_frame_closes_the_socket(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    await mc.comm.send_to(text_data=json.dumps({"type": "ping", "pad": "x" * 70_000}))
    reply = await mc.recv()
    assert reply["code"] == "too_large"
    out = await mc.comm.receive_output(timeout=1)
    assert out["type"] == "websocket.close" and out["code"] == 4009


async def test_flood_is_cut_off(hall):
    pad = Client(team_token(hall), "pad")
    await pad.connect()
    for i in range(60):
        await pad.send({"type": "ping", "t0": i})
    codes = []
    while True:
        out = await pad.comm.receive_output(timeout=2)
        if out["type"] == "websocket.close":
            assert out["code"] == 4008
            break
        codes.append(json.loads(out["text"]).get("code"))
    assert "flood" in codes


async def test_ping_gives_server_time_and_seq(hall):
    screen = Client(screen_token(hall), "screen")
    await screen.connect()
    await screen.send({"type": "ping", "t0": 123, "rtt": 8, "offset": -5})
    pong = await screen.recv()
    assert pong["type"] == "pong" and pong["t0"] == 123
    assert isinstance(pong["server_ms"], int) and pong["seq"] == 0


async def test_reconnect_with_last_seq_replays_only_the_missed_events(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    screen = Client(screen_token(hall), "screen")
    await screen.connect()
    ack = await mc.command({"type": "start_contest"})
    await screen.drain(ack["seq"])
    seen = screen.seq
    await screen.close()
    part_id = hall.parts[0].id
    await mc.command({"type": "goto_part", "part_id": part_id})
    ack = await mc.command({"type": "stage_team", "team_id": hall.teams[0].id})
    back = Client(screen_token(hall), "screen-again")
    back.seq = seen
    head = await back.connect(last_seq=seen, epoch=1)
    assert head["type"] == "recovered" and head["from_seq"] == seen
    await back.drain(ack["seq"])
    assert back.applied == list(range(seen + 1, ack["seq"] + 1))
    assert back.view is not None


async def test_stale_epoch_gets_a_snapshot(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    await mc.command({"type": "start_contest"})
    screen = Client(screen_token(hall), "screen")
    head = await screen.connect(last_seq=1, epoch=99)
    assert head["type"] == "snapshot" and head["recovered"] is False


async def test_judges_see_only_their_own_marks_until_release(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    judges = [Client(judge_token(hall, i), f"judge{i}") for i in range(3)]
    for j in judges:
        await j.connect()
    intro = hall.parts[0]
    team = hall.teams[0]
    for cmd in (
        {"type": "start_contest"},
        {"type": "goto_part", "part_id": intro.id},
        {"type": "stage_team", "team_id": team.id},
        {"type": "open_judging"},
    ):
        assert (await mc.command(cmd))["type"] == "ack"
    criteria = await database_sync_to_async(lambda: list(intro.rubric.criteria.all()))()
    marks = {str(criteria[0].id): 50, str(criteria[1].id): 31}
    reply = await judges[1].command(
        {"type": "submit_marks", "part_id": intro.id, "team_id": team.id, "marks": marks}
    )
    assert reply["type"] == "ack"
    again = await judges[1].command(
        {"type": "submit_marks", "part_id": intro.id, "team_id": team.id, "marks": marks}
    )
    assert again["type"] == "refused" and again["code"] == "already_marked", again
    over = await judges[2].command(
        {
            "type": "submit_marks",
            "part_id": intro.id,
            "team_id": team.id,
            "marks": {str(criteria[0].id): 61, str(criteria[1].id): 30},
        }
    )
    assert over["type"] == "refused"
    assert over["code"] == "bad_marks" and "tối đa" in over["reason"], over
    await judges[2].drain(reply["seq"])
    # the other judge's view carries no mark sheet of judge 1 (see test_leaks for every frame)
    assert all(
        s.get("judge_id") != hall.judges[1].id for s in judges[2].view.get("released_marks", [])
    )


async def test_fold_of_the_log_equals_the_snapshot(hall):
    mc = Client(mc_token(hall), "mc")
    await mc.connect()
    pad = Client(team_token(hall), "pad")
    await pad.connect()
    know = hall.parts[1]
    team = hall.teams[0]
    for cmd in (
        {"type": "start_contest"},
        {"type": "goto_part", "part_id": know.id},
        {"type": "call_team", "team_id": team.id},
        {"type": "draw"},
        {"type": "open_answering"},
    ):
        assert (await mc.command(cmd))["type"] == "ack", cmd
    members = await database_sync_to_async(
        lambda: list(team.members.filter(answers_knowledge=True).values_list("id", flat=True))
    )()
    reply = await pad.command({"type": "answer", "member_id": members[0], "choice": "A"})
    assert reply["type"] == "ack", reply
    for cmd in ({"type": "close_answering"}, {"type": "reveal"}):
        assert (await mc.command(cmd))["type"] == "ack", cmd

    def compare():
        snap = Snapshot.objects.get(contest=hall.contest)
        assert snap.seq == Event.objects.filter(contest=hall.contest).count()
        assert state_to_dict(rebuild_state(hall.contest.id)) == snap.state

    await database_sync_to_async(compare)()


async def test_live_frames_carry_only_view_changes_and_add_up_to_the_snapshot(hall):
    mc = Client(mc_token(hall), "mc")
    screen = Client(screen_token(hall), "screen")
    await mc.connect()
    first = await screen.connect()
    assert {"contest", "teams", "judges", "standings"} <= set(first["view"])
    for command in (
        {"type": "start_contest"},
        {"type": "goto_part", "part_id": hall.parts[0].id},
        {"type": "stage_team", "team_id": hall.teams[0].id},
        {"type": "start_timer"},
    ):
        reply = await mc.command(command)
        assert reply["type"] == "ack", reply
        await screen.drain(reply["seq"])
        live = screen.frames[-1]
        assert live["type"] == "event" and "view" not in live
        # only what changed: never the frozen setup, the parts or the standings
        assert not {"contest", "teams", "judges", "parts"} & set(live["view_changes"])
        assert "last_event_at_ms" in live["view_changes"]
    assert screen.frames[-1]["view_changes"]["stage"]["timer"]["running"] is True
    # the view the client built from the changes is the one a newcomer gets whole
    again = Client(screen_token(hall), "screen-again")
    snap = await again.connect()
    assert screen.view == snap["view"]
