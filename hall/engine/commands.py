"""What an MC, a judge, a team pad or the server's timer may ask the hall to do.

``parse_command`` turns a client's JSON (minus the envelope) into one of the
frozen command structs below, or raises ``CommandError(code="bad_command")``.
"""

from __future__ import annotations

from typing import Any

import msgspec

from hall.engine.state import Setup
from hall.engine.texts import gettext_noop as _


class Actor(msgspec.Struct, frozen=True):
    role: str  # "mc" | "head_judge" | "judge" | "team" | "screen" | "system" | "committee"
    team_id: int | None = None
    judge_id: int | None = None
    user: str = ""


class CommandError(Exception):
    def __init__(self, code: str, reason: str) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason


class _Command(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="type"):
    pass


# ------------------------------------------------------------------ lifecycle
class StartContest(_Command, tag="start_contest"):
    setup: Setup


class Pause(_Command, tag="pause"):
    pass


class Resume(_Command, tag="resume"):
    pass


class Finish(_Command, tag="finish"):
    pass


class GotoPart(_Command, tag="goto_part"):
    part_id: int


class NextPart(_Command, tag="next_part"):
    pass


class Undo(_Command, tag="undo"):
    reason: str


class Tick(_Command, tag="tick"):
    pass


# ------------------------------------------------------------- judged parts
class StageTeam(_Command, tag="stage_team"):
    team_id: int
    cast_size: int | None = None


class StartTimer(_Command, tag="start_timer"):
    pass


class StopTimer(_Command, tag="stop_timer"):
    pass


class OpenJudging(_Command, tag="open_judging"):
    pass


class CloseJudging(_Command, tag="close_judging"):
    team_id: int | None = None


class SubmitMarks(_Command, tag="submit_marks"):
    part_id: int
    team_id: int
    marks: dict[str, float]


class ReleaseMarks(_Command, tag="release_marks"):
    part_id: int


class RequestCorrection(_Command, tag="request_correction"):
    part_id: int
    team_id: int
    marks: dict[str, float]
    reason: str


class ResolveCorrection(_Command, tag="resolve_correction"):
    request_id: int
    accept: bool
    note: str = ""


# ------------------------------------------------------------ knowledge part
class CallTeam(_Command, tag="call_team"):
    team_id: int


class PickTile(_Command, tag="pick_tile"):
    tile: int


class Draw(_Command, tag="draw"):
    pass


class OpenAnswering(_Command, tag="open_answering"):
    pass


class CloseAnswering(_Command, tag="close_answering"):
    pass


class AnswerCmd(_Command, tag="answer"):
    choice: str
    member_id: int | None = None


class Reveal(_Command, tag="reveal"):
    pass


class ClearQuestion(_Command, tag="clear_question"):
    pass


class Next(_Command, tag="next"):
    pass


class OpenBuzz(_Command, tag="open_buzz"):
    pass


class Buzz(_Command, tag="buzz"):
    member_id: int | None = None
    pressed_at_ms: int | None = None
    received_at_ms: int | None = None


# ------------------------------------------------------- the committee's draw
class DrawLots(_Command, tag="draw_lots"):
    kind: str  # "teams" | "members"
    ids: list[int]


class ShowLots(_Command, tag="show_lots"):
    draw_id: int | None = None


COMMAND_TYPES: tuple[type[_Command], ...] = (
    StartContest,
    Pause,
    Resume,
    Finish,
    GotoPart,
    NextPart,
    Undo,
    Tick,
    StageTeam,
    StartTimer,
    StopTimer,
    OpenJudging,
    CloseJudging,
    SubmitMarks,
    ReleaseMarks,
    RequestCorrection,
    ResolveCorrection,
    CallTeam,
    PickTile,
    Draw,
    OpenAnswering,
    CloseAnswering,
    AnswerCmd,
    Reveal,
    ClearQuestion,
    Next,
    OpenBuzz,
    Buzz,
    DrawLots,
    ShowLots,
)

Command = (
    StartContest
    | Pause
    | Resume
    | Finish
    | GotoPart
    | NextPart
    | Undo
    | Tick
    | StageTeam
    | StartTimer
    | StopTimer
    | OpenJudging
    | CloseJudging
    | SubmitMarks
    | ReleaseMarks
    | RequestCorrection
    | ResolveCorrection
    | CallTeam
    | PickTile
    | Draw
    | OpenAnswering
    | CloseAnswering
    | AnswerCmd
    | Reveal
    | ClearQuestion
    | Next
    | OpenBuzz
    | Buzz
    | DrawLots
    | ShowLots
)

BY_TYPE: dict[str, type[_Command]] = {c.__struct_config__.tag: c for c in COMMAND_TYPES}


def command_type(command: Any) -> str:
    """The wire name of a parsed command ("pick_tile")."""
    return type(command).__struct_config__.tag


_JUDGE = frozenset({"submit_marks", "request_correction"})
_MC = frozenset(BY_TYPE) - _JUDGE - {"answer", "buzz", "resolve_correction"}

ALLOWED: dict[str, frozenset[str]] = {
    "mc": _MC,
    "head_judge": _JUDGE | {"resolve_correction", "release_marks"},
    "judge": _JUDGE,
    "team": frozenset({"pick_tile", "answer", "buzz"}),
    "screen": frozenset(),
    "system": frozenset({"tick"}),
    # The Organizing Committee, from the results page (permission "approve_results").
    "committee": frozenset({"draw_lots"}),
}


def parse_command(msg: dict) -> Command:
    """Validate a client's message; unknown types, missing, extra or wrong-typed fields fail."""
    if not isinstance(msg, dict):
        raise CommandError("bad_command", _("Lệnh phải là một đối tượng JSON."))
    kind = msg.get("type")
    if not isinstance(kind, str) or not kind:
        raise CommandError("bad_command", _("Lệnh thiếu trường “type”."))
    if kind not in BY_TYPE:
        raise CommandError("bad_command", _("Không có lệnh “%s”.") % kind[:64])
    try:
        return msgspec.convert(msg, BY_TYPE[kind])
    except msgspec.ValidationError as exc:
        raise CommandError("bad_command", _("Lệnh “%s” không hợp lệ: %s.") % (kind, exc)) from None
