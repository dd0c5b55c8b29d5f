"""Shared output of the import commands: a Vietnamese report, non-zero exit on bad rows."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from hall.importers import ImportReport


def finish(command: BaseCommand, report: ImportReport) -> None:
    """Print the report; raise CommandError (exit status 1) if any row is bad."""
    for note in report.notes:
        command.stdout.write(note)
    for error in report.errors:
        command.stderr.write(str(error))
    if report.errors:
        raise CommandError(report.summary())
    command.stdout.write(command.style.SUCCESS(report.summary()))
