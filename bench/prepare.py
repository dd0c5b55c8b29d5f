"""Build the benchmark's contest in the database named by the environment and
print, as JSON, the tokens of every simulated device.

Run by ``live_bench.py`` as a subprocess (the settings are read from the
environment at import, and each setup has its own database):
``python bench/prepare.py --screens 505``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PADS_PER_TEAM = 3


def build(screens: int) -> dict:
    """8 teams with 3 pads each, 10 judges, an MC and ``screens`` screen devices."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from hall.models import Device
    from screens import pairing
    from tests.factories import make_hall

    hall = make_hall(teams=8, judges=10, slug="bench")
    contest = hall.contest
    pads: list[str] = []
    for team in hall.teams:
        first = hall.pads[team.id]
        pads.append(pairing.device_token(first))
        for n in range(2, PADS_PER_TEAM + 1):
            extra = Device.objects.create(
                contest=contest, role=Device.Role.TEAM, team=team, label=f"Máy {n} {team.name}"
            )
            pads.append(pairing.device_token(extra))
    screen_tokens = [pairing.device_token(hall.screen)]
    for n in range(2, screens + 1):
        device = Device.objects.create(
            contest=contest, role=Device.Role.SCREEN, label=f"Màn hình {n}"
        )
        screen_tokens.append(pairing.device_token(device))
    judges = []
    for judge in hall.judges:
        role = "head_judge" if judge.is_head else "judge"
        claims = pairing.Claims(contest.id, role, user_id=judge.user_id, judge_id=judge.id)
        judges.append(pairing.make_token(claims))
    mc = pairing.make_token(pairing.Claims(contest.id, "mc", user_id=hall.mc_user.pk))
    return {
        "contest_id": contest.id,
        "intro_part_id": hall.parts[0].id,
        "team_ids": [t.id for t in hall.teams],
        "mc": mc,
        "screens": screen_tokens,
        "pads": pads,
        "judges": judges,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screens", type=int, required=True)
    args = parser.parse_args()
    import django

    django.setup()
    print(json.dumps(build(args.screens)))


if __name__ == "__main__":
    main()
