"""The demo's data files (``hall/demo/data/``), imported exactly as an organizer's files are.

Each file goes through ``hall.importers`` with the same checks as the admin's import
page and ``manage.py import_teams`` / ``import_questions``; a file that fails them
stops the demo with the importer's own messages (file name and row number first).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from hall.import_files import read_rows
from hall.importers import ImportReport, import_questions, import_teams
from hall.importers.parsing import name_key
from hall.models import Contest, Team

DATA_DIR = Path(__file__).resolve().parent / "data"
TEAMS_FILE = DATA_DIR / "teams.csv"


@dataclass(frozen=True)
class QuestionFile:
    """One question file and the pack its questions go into."""

    path: Path
    pack: str
    description: str


class DemoDataError(ValueError):
    """A demo data file failed the importer's checks; nothing was written."""


def _raise_unless_ok(path: Path, report: ImportReport) -> None:
    if not report.ok:
        problems = "\n".join(f"  {error}" for error in report.errors)
        raise DemoDataError(f"{path.name}: {report.summary()}\n{problems}")


def import_question_file(spec: QuestionFile) -> list[str]:
    """Import one question file into its pack; the file's question codes, in file order."""
    rows = read_rows(spec.path)
    _raise_unless_ok(spec.path, import_questions(rows, dry_run=False, pack=spec.pack))
    return [str(row["ma"]).strip() for row in rows]


def import_team_file(contest: Contest, path: Path = TEAMS_FILE) -> list[Team]:
    """Import the units, teams and members of ``path``; the file is each team's whole roster.

    An organizer's import only adds and updates members; for the demo's own teams the
    file is the truth, so members it does not list are removed first (a re-run repairs
    a hand-edited demo). Returns the file's teams in number order.
    """
    rows = read_rows(path)
    roster: dict[str, set[str]] = {}
    for row in rows:
        roster.setdefault(name_key(str(row.get("doi", ""))), set()).add(
            name_key(str(row.get("ho_ten", "")))
        )
    with transaction.atomic():  # a bad file leaves the removed members in place
        for team in contest.teams.prefetch_related("members"):
            listed = roster.get(name_key(team.name))
            if listed is not None:
                extra = [m.pk for m in team.members.all() if name_key(m.full_name) not in listed]
                team.members.filter(pk__in=extra).delete()
        _raise_unless_ok(path, import_teams(contest, rows, dry_run=False))
    names = {name_key(str(row.get("doi", ""))) for row in rows}
    return [t for t in contest.teams.order_by("number") if name_key(t.name) in names]
