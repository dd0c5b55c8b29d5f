import pytest

from hall.engine.commands import (
    ALLOWED,
    BY_TYPE,
    AnswerCmd,
    CommandError,
    SubmitMarks,
    parse_command,
)


def test_parse_valid_answer():
    cmd = parse_command({"type": "answer", "member_id": 101, "choice": "B"})
    assert cmd == AnswerCmd(choice="B", member_id=101)


def test_parse_marks_keeps_string_keys():
    cmd = parse_command({"type": "submit_marks", "part_id": 1, "team_id": 2, "marks": {"11": 5}})
    assert isinstance(cmd, SubmitMarks)
    assert cmd.marks == {"11": 5.0}


@pytest.mark.parametrize(
    "msg",
    [
        {},
        {"type": ""},
        {"type": 3},
        {"type": "explode"},
        {"type": "answer"},  # missing choice
        {"type": "answer", "choice": "A", "member_id": "101"},  # wrong type
        {"type": "answer", "choice": "A", "extra": 1},  # unknown field
        {"type": "goto_part", "part_id": True},
        {"type": "pick_tile", "tile": 1.5},
        {"type": "undo"},
        {"type": "resolve_correction", "request_id": 1, "accept": "yes"},
        [1, 2],
        "answer",
    ],
)
def test_parse_refuses_bad_messages(msg):
    with pytest.raises(CommandError) as info:
        parse_command(msg)
    assert info.value.code == "bad_command"
    assert info.value.reason


def test_unknown_type_reason_names_it():
    with pytest.raises(CommandError) as info:
        parse_command({"type": "hack"})
    assert "hack" in info.value.reason


def test_allowed_roles():
    assert ALLOWED["screen"] == frozenset()
    assert ALLOWED["system"] == frozenset({"tick"})
    assert ALLOWED["team"] == {"pick_tile", "answer", "buzz"}
    assert ALLOWED["judge"] <= ALLOWED["head_judge"]
    assert {"resolve_correction", "release_marks"} <= ALLOWED["head_judge"]
    assert "resolve_correction" not in ALLOWED["judge"]
    assert "submit_marks" not in ALLOWED["mc"]
    assert "answer" not in ALLOWED["mc"]
    every = set().union(*ALLOWED.values())
    assert every == set(BY_TYPE)
