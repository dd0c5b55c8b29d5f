"""Turn an organizer's contest setup (database rows) into the engine's plain Setup dict.

The engine freezes this dict into the ``contest_started`` event, so the log is
self-contained: folding it needs nothing else from the database.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch

from hall.models import Contest, Member, Option, Part, Question


def _num(value: object) -> float:
    return float(value)  # Decimal -> float for JSON; the rules round explicitly


def build_setup(contest: Contest) -> dict:
    """Read every row the show needs, in a handful of queries."""
    parts = list(
        Part.objects.filter(contest=contest)
        .select_related("rubric", "pack")
        .prefetch_related("rubric__criteria", "pack__questions")
        .order_by("order")
    )
    teams = list(
        contest.teams.select_related("unit")
        .prefetch_related(Prefetch("members", queryset=Member.objects.order_by("order", "id")))
        .order_by("number")
    )
    question_ids: set[int] = set()
    part_dicts = []
    for part in parts:
        pack_ids: list[int] = []
        if part.kind == Part.Kind.KNOWLEDGE and part.pack_id:
            pack_ids = sorted(q.id for q in part.pack.questions.all() if q.active)
            question_ids.update(pack_ids)
        criteria = []
        rubric = getattr(part, "rubric", None) if part.is_judged else None
        if rubric is not None:
            criteria = [
                {
                    "id": c.id,
                    "name": c.name,
                    "max_points": _num(c.max_points),
                    "weight": _num(c.weight),
                }
                for c in rubric.criteria.all()
            ]
        part_dicts.append(
            {
                "id": part.id,
                "order": part.order,
                "kind": part.kind,
                "title": part.title,
                "weight": _num(part.weight),
                "presentation_seconds": part.presentation_seconds,
                "aggregation": part.aggregation,
                "decimals": part.decimals,
                "mode": part.mode,
                "answer_by": part.answer_by,
                "answer_seconds": part.answer_seconds,
                "points_correct": _num(part.points_correct),
                "penalty_wrong": _num(part.penalty_wrong),
                "reopen_on_wrong": part.reopen_on_wrong,
                "max_answering_members": part.max_answering_members,
                "questions_per_team": part.questions_per_team,
                "question_ids": pack_ids,
                "criteria": criteria,
            }
        )
    questions = (
        Question.objects.filter(id__in=question_ids)
        .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("label")))
        .order_by("id")
    )
    question_dicts = {}
    for q in questions:
        options = list(q.options.all())
        correct = next((o.label for o in options if o.is_correct), "")
        question_dicts[str(q.id)] = {
            "id": q.id,
            "code": q.code,
            "text": q.text,
            "area": q.area,
            "options": [[o.label, o.text] for o in options],
            "correct": correct,
            "explanation": q.explanation,
        }
    hall = settings.HALL
    return {
        "contest_id": contest.id,
        "name": contest.name,
        "theme": contest.theme,
        "province": contest.province,
        "year": contest.year,
        "venue": contest.venue,
        "parts": part_dicts,
        "teams": [
            {
                "id": t.id,
                "number": t.number,
                "name": t.name,
                "unit_name": t.unit.name,
                "slogan": t.slogan,
                "members": [
                    {"id": m.id, "name": m.full_name, "position": m.position}
                    for m in t.members.all()
                ],
                "answering_member_ids": [m.id for m in t.members.all() if m.answers_knowledge],
                "skit_cast_size": t.skit_cast_size,
            }
            for t in teams
        ],
        "judges": [
            {"id": j.id, "name": j.display_name, "is_head": j.is_head}
            for j in contest.judges.order_by("order", "id")
        ],
        "questions": question_dicts,
        "tie_breaks": contest.tie_breaks,
        "buzz_grace_ms": hall["BUZZ_GRACE_MS"],
        "buzz_rtt_bound_ms": hall["BUZZ_RTT_BOUND_MS"],
    }
