"""``python manage.py rehearse``: bots play the team pads and judges of a running show."""

from __future__ import annotations

import asyncio
import random
from urllib.parse import urlsplit, urlunsplit

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from hall.models import Contest, Criterion, Device, Judge, Member, Option
from screens import pairing
from screens.rehearsal import Bot, Knowledge, run_bots


def ws_url(url: str) -> str:
    """``http://host:8000`` → ``ws://host:8000/ws/hall/`` (https → wss)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.netloc:
        raise CommandError(_("Địa chỉ máy chủ không hợp lệ: %(url)s") % {"url": url})
    scheme = "wss" if parts.scheme in ("https", "wss") else "ws"
    return urlunsplit((scheme, parts.netloc, "/ws/hall/", "", ""))


def delay_range(text: str) -> tuple[int, int]:
    try:
        low, _sep, high = text.partition("-")
        pair = (int(low), int(high or low))
    except ValueError as exc:
        raise CommandError(_("Khoảng trễ bấm chuông phải có dạng 200-900 (ms).")) from exc
    if pair[0] < 0 or pair[1] < pair[0]:
        raise CommandError(_("Khoảng trễ bấm chuông phải có dạng 200-900 (ms)."))
    return pair


def load_knowledge(contest: Contest) -> Knowledge:
    """Correct options, rubric criteria and answering members, read once."""
    correct: dict[int, str] = {}
    labels: dict[int, list[str]] = {}
    options = Option.objects.filter(question__packs__parts__contest=contest).distinct()
    for qid, label, is_correct in options.values_list("question_id", "label", "is_correct"):
        labels.setdefault(qid, []).append(label)
        if is_correct:
            correct[qid] = label
    criteria: dict[int, list[tuple[int, float]]] = {}
    rows = Criterion.objects.filter(rubric__part__contest=contest).order_by("order")
    for part_id, cid, top in rows.values_list("rubric__part_id", "id", "max_points"):
        criteria.setdefault(part_id, []).append((cid, float(top)))
    members: dict[int, list[int]] = {}
    answering = Member.objects.filter(team__contest=contest, answers_knowledge=True)
    for team_id, mid in answering.values_list("team_id", "id"):
        members.setdefault(team_id, []).append(mid)
    return Knowledge(correct, {k: tuple(sorted(v)) for k, v in labels.items()}, criteria, members)


class Command(BaseCommand):
    help = _(
        "Diễn tập: các bot đóng vai máy bấm chuông của đội và giám khảo, chơi cùng một "
        "buổi thi đang chạy, in báo cáo mạng (RTT, từ chối, kết nối lại) rồi tự dừng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000", help=_("Địa chỉ máy chủ"))
        parser.add_argument("--contest", required=True, help=_("Mã (slug) hội thi"))
        parser.add_argument("--teams", type=int, default=8, help=_("Số đội do bot chơi"))
        parser.add_argument("--judges", type=int, default=5, help=_("Số giám khảo do bot chơi"))
        parser.add_argument(
            "--correct", type=float, default=0.7, help=_("Tỉ lệ trả lời đúng (0–1)")
        )
        parser.add_argument("--buzz-delay-ms", default="200-900", help=_("Độ trễ bấm chuông, ms"))
        parser.add_argument("--duration", type=float, default=60, help=_("Thời gian chạy, giây"))
        parser.add_argument(
            "--report-every", type=float, default=5, help=_("Chu kỳ in báo cáo, giây")
        )
        parser.add_argument("--seed", type=int, default=None, help=_("Hạt giống ngẫu nhiên"))

    def handle(self, *args: object, **opts: object) -> None:
        contest = Contest.objects.filter(slug=opts["contest"]).first()
        if contest is None:
            raise CommandError(_("Không tìm thấy hội thi “%(slug)s”.") % {"slug": opts["contest"]})
        if not 0 <= float(opts["correct"]) <= 1:
            raise CommandError(_("Tỉ lệ trả lời đúng phải nằm trong khoảng 0–1."))
        if float(opts["duration"]) <= 0:
            raise CommandError(_("Thời gian chạy phải lớn hơn 0 giây."))
        url = ws_url(str(opts["url"]))
        delays = delay_range(str(opts["buzz_delay_ms"]))
        rng = random.Random(opts["seed"])
        knowledge = load_knowledge(contest)
        bots = self._team_bots(contest, url, knowledge, rng, opts, delays)
        bots += self._judge_bots(contest, url, knowledge, rng, opts, delays)
        if not bots:
            raise CommandError(_("Hội thi chưa có thiết bị đội hay giám khảo nào để diễn tập."))
        self.stdout.write(
            _("Diễn tập %(n)d bot trên %(url)s trong %(s)g giây…")
            % {"n": len(bots), "url": url, "s": opts["duration"]}
        )
        asyncio.run(
            run_bots(bots, float(opts["duration"]), float(opts["report_every"]), self.stdout.write)
        )
        self.stdout.write(self.style.SUCCESS(_("Đã kết thúc diễn tập.")))

    def _team_bots(self, contest, url, knowledge, rng, opts, delays) -> list[Bot]:
        bots = []
        teams = contest.teams.order_by("number")[: int(opts["teams"])]
        for team in teams:
            device = (
                Device.objects.filter(
                    contest=contest, team=team, role=Device.Role.TEAM, revoked_at=None
                )
                .order_by("id")
                .first()
            )
            if device is None:
                self.stderr.write(_("Đội %(team)s chưa có thiết bị; bỏ qua.") % {"team": team.name})
                continue
            bots.append(
                Bot(
                    f"{_('đội')} {team.number} {team.name}"[:24],
                    url,
                    pairing.device_token(device),
                    knowledge,
                    random.Random(rng.random()),
                    float(opts["correct"]),
                    delays,
                    team_id=team.id,
                )
            )
        return bots

    def _judge_bots(self, contest, url, knowledge, rng, opts, delays) -> list[Bot]:
        bots = []
        judges = Judge.objects.filter(contest=contest).order_by("order")[: int(opts["judges"])]
        for judge in judges:
            role = "head_judge" if judge.is_head else "judge"
            claims = pairing.Claims(contest.id, role, user_id=judge.user_id, judge_id=judge.id)
            bots.append(
                Bot(
                    f"{_('giám khảo')} {judge.display_name}"[:24],
                    url,
                    pairing.make_token(claims),
                    knowledge,
                    random.Random(rng.random()),
                    float(opts["correct"]),
                    delays,
                    judge_id=judge.id,
                )
            )
        return bots
