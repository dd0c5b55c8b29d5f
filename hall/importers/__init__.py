"""All-or-nothing imports of teams and questions from organizers' spreadsheets.

Every row is checked first (the same rules as the admin, from ``hall.domain``);
if any row is bad nothing is written and each problem comes back with the row
number the person sees in the spreadsheet. A dry run checks and previews only.

| module | holds |
|---|---|
| ``report`` | ``ImportReport`` (errors by row, preview, counts) and the one writing transaction |
| ``parsing`` | headers mapped to canonical columns; text, number and choice cells read with checks |
| ``units`` | unit kinds, new unit codes, saving units |
| ``teams`` | ``import_teams``: ``team_rows`` (each row), ``team_checks`` (whole teams), ``team_writes`` |
| ``questions`` | ``import_questions``; ``options`` reads a row's options and answer letter |

The file reader itself (.csv / .xlsx into rows) is ``hall.import_files``.
"""

from hall.import_files import ImportFileError, read_rows
from hall.importers.questions import import_questions
from hall.importers.report import ImportReport, PreviewRow, RowError
from hall.importers.teams import import_teams

__all__ = [
    "ImportFileError",
    "ImportReport",
    "PreviewRow",
    "RowError",
    "import_questions",
    "import_teams",
    "read_rows",
]
