"""Regenerate the recorded shows: ``python -m tests.results.record [--check]``.

Each script of ``tests.results.recorded.SCRIPTS`` is played through ``hall.services``
(and so the engine) on ``make_hall()`` in a throw-away SQLite database, with fixed
seeds; its event log is written to ``tests/results/logs/<name>.json``. ``--check``
writes nothing and exits with status 1 if a file differs from what is played today.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only, write nothing")
    check = parser.parse_args(argv).check

    with tempfile.TemporaryDirectory(prefix="hoithi-record-") as tmp:
        for name in ("DATABASE_URL", "REDIS_URL"):
            os.environ.pop(name, None)
        os.environ.update(
            DJANGO_SETTINGS_MODULE="hall.settings",
            DEBUG="1",
            SQLITE_PATH=str(Path(tmp) / "record.sqlite3"),
        )
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import transaction
        from django.test.utils import override_settings

        from tests.isolation import FAST_HASHERS
        from tests.results import recorded

        call_command("migrate", verbosity=0, interactive=False)
        stale = []
        for name in recorded.SCRIPTS:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS), transaction.atomic():
                text = recorded.dump(recorded.record(name))
                transaction.set_rollback(True)  # the next show starts from an empty hall
            path = recorded.log_path(name)
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if text == old:
                print(f"{path}: unchanged")
            elif check:
                stale.append(path)
                print(f"{path}: differs from what the engine plays today")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
                print(f"{path}: written")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
