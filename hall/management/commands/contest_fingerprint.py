"""Print, as JSON, what a database holds of every contest and online round, in a form
two databases can be compared by (deploy/restore.sh uses it after a restore).

For each contest: the log's last seq and epoch, whether folding the log gives the
saved snapshot, a hash of the folded state and the results' hash (scoring.results).
``--at SLUG=SEQ`` takes a contest's log only up to SEQ: a backup of a running contest
holds the log up to some seq, and the original at that seq must fold to the same state
and the same results. For each online round: attempts, saved answers and a hash of
every period's ranking.
"""

from __future__ import annotations

import hashlib
import json

from django.core.management.base import BaseCommand, CommandError

from hall.engine.reducer import fold
from hall.engine.state import state_to_dict
from hall.models import Contest, Snapshot
from online import services as online_services
from online.models import Attempt, AttemptQuestion, OnlineRound
from scoring.results import build_results, contest_meta, load_log, results_hash


def digest(value: object) -> str:
    text = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def contest_fingerprint(contest: Contest, upto: int | None = None) -> dict:
    log = load_log(contest.id, upto)
    state = state_to_dict(fold([e["payload"] for e in log])) if log else None
    snapshot = Snapshot.objects.filter(contest=contest).first()
    seq = log[-1]["seq"] if log else 0
    return {
        "seq": seq,
        "epoch": snapshot.epoch if snapshot else None,
        "fold_equals_snapshot": snapshot is not None
        and snapshot.seq == seq
        and state == snapshot.state,
        "state": digest(state),
        "results": results_hash(build_results(contest_meta(contest), log)),
    }


def round_fingerprint(round_: OnlineRound) -> dict:
    answers = AttemptQuestion.objects.filter(attempt__round=round_, chosen__isnull=False)
    return {
        "attempts": Attempt.objects.filter(round=round_).count(),
        "answers": answers.count(),
        "answers_hash": digest(list(answers.order_by("id").values_list("id", "chosen_id"))),
        "rankings": {
            str(period.number): digest(
                [
                    (r.rank, r.result.participant_id, r.result.correct, r.prize_level)
                    for r in online_services.period_ranking(period)
                ]
            )
            for period in round_.periods.all()
        },
    }


class Command(BaseCommand):
    help = (
        "JSON: what the database holds of each contest and online round "
        "(to compare a restored backup with the original)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--at",
            action="append",
            default=[],
            metavar="SLUG=SEQ",
            help="fold that contest's log only up to SEQ",
        )

    def handle(self, *args, at: list[str], **options):
        upto: dict[str, int] = {}
        for item in at:
            slug, _, seq = item.partition("=")
            if not seq.isdigit():
                raise CommandError(f"--at {item}: expected SLUG=SEQ")
            upto[slug] = int(seq)
        data = {
            "contests": {
                c.slug: contest_fingerprint(c, upto.get(c.slug))
                for c in Contest.objects.order_by("slug")
            },
            "online_rounds": {
                r.slug: round_fingerprint(r) for r in OnlineRound.objects.order_by("slug")
            },
        }
        self.stdout.write(json.dumps(data, indent=1, sort_keys=True))
