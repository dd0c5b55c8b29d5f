"""The organizers' admin, in Vietnamese: set up a whole contest without touching code."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hall import admin_views
from hall.admin_forms import (
    DeviceAdminForm,
    MemberAdminForm,
    MemberInlineFormSet,
    OptionForm,
    OptionInlineFormSet,
    TeamAdminForm,
)
from hall.models import (
    Contest,
    Criterion,
    Device,
    Event,
    Judge,
    Member,
    Option,
    Part,
    Question,
    QuestionPack,
    RefusedCommand,
    Rubric,
    Snapshot,
    Team,
    Unit,
)

admin.site.site_header = _("Quản trị Hội thi chuyển đổi số")
admin.site.site_title = _("Quản trị Hội thi chuyển đổi số")
admin.site.index_title = _("Thiết lập hội thi")


class ImportMixin:
    """Adds "Nhập từ tệp" (upload, preview, confirm) and template downloads."""

    import_kind: str
    change_list_template = "admin/hall/import_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "import/",
                wrap(lambda request: admin_views.import_view(request, self, self.import_kind)),
                name=f"{prefix}_import",
            ),
            path(
                "import/template.<str:fmt>",
                wrap(
                    lambda request, fmt: admin_views.template_view(request, self.import_kind, fmt)
                ),
                name=f"{prefix}_import_template",
            ),
            *super().get_urls(),
        ]


# --- contest, parts, rubrics -----------------------------------------------------------


class PartInline(admin.TabularInline):
    model = Part
    extra = 0
    fields = ["order", "kind", "title", "weight", "max_answering_members", "pack"]
    show_change_link = True


@admin.register(Contest)
class ContestAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "province", "held_on", "status", "team_count"]
    list_filter = ["status", "year", "province"]
    search_fields = ["name", "theme", "province", "organizer", "slug"]
    prepopulated_fields = {"slug": ["name", "year"]}
    inlines = [PartInline]
    fieldsets = [
        (None, {"fields": ["name", "theme", "year", "province", "organizer", "slug", "status"]}),
        (_("Thời gian, địa điểm"), {"fields": ["venue", "held_on"]}),
        (
            _("Giải thưởng và xếp hạng"),
            {
                "fields": [
                    "team_prizes",
                    "individual_prizes_from",
                    "online_round",
                    "individual_prizes",
                    "tie_breaks",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Contest]:
        return super().get_queryset(request).annotate(n_teams=Count("teams"))

    @admin.display(description=_("số đội"), ordering="n_teams")
    def team_count(self, obj: Contest) -> int:
        return obj.n_teams


@admin.register(Part)
class PartAdmin(admin.ModelAdmin):
    list_display = ["title", "contest", "order", "kind", "weight", "rubric_link"]
    list_filter = ["contest", "kind"]
    search_fields = ["title", "contest__name"]
    list_select_related = ["contest", "rubric"]
    readonly_fields = ["rubric_link"]
    fieldsets = [
        (None, {"fields": ["contest", "order", "kind", "title", "weight"]}),
        (
            _("Phần thi có giám khảo chấm (giới thiệu, tiểu phẩm)"),
            {"fields": ["presentation_seconds", "aggregation", "decimals", "rubric_link"]},
        ),
        (
            _("Phần thi kiến thức"),
            {
                "fields": [
                    "mode",
                    "answer_by",
                    "answer_seconds",
                    "points_correct",
                    "penalty_wrong",
                    "reopen_on_wrong",
                    "max_answering_members",
                    "questions_per_team",
                    "pack",
                ]
            },
        ),
    ]

    @admin.display(description=_("thang điểm"))
    def rubric_link(self, obj: Part) -> str:
        if obj.pk is None or not obj.is_judged:
            return "—"
        rubric = getattr(obj, "rubric", None)
        if rubric is not None:
            return format_html(
                '<a href="{}">{}</a>', reverse("admin:hall_rubric_change", args=[rubric.pk]), rubric
            )
        return format_html(
            '<a href="{}?part={}">{}</a>',
            reverse("admin:hall_rubric_add"),
            obj.pk,
            _("Tạo thang điểm"),
        )


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1
    fields = ["order", "name", "description", "max_points", "weight"]


@admin.register(Rubric)
class RubricAdmin(admin.ModelAdmin):
    list_display = ["name", "part", "contest", "criterion_count", "max_total"]
    list_filter = ["part__contest", "part__kind"]
    search_fields = ["name", "part__title", "criteria__name"]
    list_select_related = ["part__contest"]
    inlines = [CriterionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Rubric]:
        return super().get_queryset(request).annotate(n_criteria=Count("criteria"))

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "part":
            kwargs["queryset"] = Part.objects.filter(
                kind__in=[Part.Kind.INTRO, Part.Kind.SKIT]
            ).select_related("contest")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("hội thi"), ordering="part__contest")
    def contest(self, obj: Rubric) -> Contest:
        return obj.part.contest

    @admin.display(description=_("số tiêu chí"), ordering="n_criteria")
    def criterion_count(self, obj: Rubric) -> int:
        return obj.n_criteria

    @admin.display(description=_("tổng điểm tối đa"))
    def max_total(self, obj: Rubric) -> Any:
        return sum((c.max_points for c in obj.criteria.all()), 0)


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "rubric", "order", "max_points", "weight"]
    list_filter = ["rubric__part__contest", "rubric"]
    search_fields = ["name", "description", "rubric__name"]
    list_select_related = ["rubric"]


# --- units, teams, members, judges -----------------------------------------------------


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "team_count"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).annotate(n_teams=Count("teams"))

    @admin.display(description=_("số đội"), ordering="n_teams")
    def team_count(self, obj: Unit) -> int:
        return obj.n_teams


class MemberInline(admin.TabularInline):
    model = Member
    formset = MemberInlineFormSet
    extra = 3
    fields = ["order", "full_name", "position", "workplace", "answers_knowledge"]


@admin.register(Team)
class TeamAdmin(ImportMixin, admin.ModelAdmin):
    import_kind = "teams"
    form = TeamAdminForm
    list_display = [
        "number",
        "name",
        "unit",
        "contest",
        "member_count",
        "answering_count",
        "skit_cast_size",
    ]
    list_display_links = ["number", "name"]
    list_filter = ["contest", "unit__kind", "unit"]
    search_fields = ["name", "slogan", "unit__name", "members__full_name"]
    list_select_related = ["unit", "contest"]
    inlines = [MemberInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Team]:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_members=Count("members", distinct=True),
                n_answering=Count(
                    "members", filter=Q(members__answers_knowledge=True), distinct=True
                ),
            )
        )

    def get_form(self, request: HttpRequest, obj: Team | None = None, **kwargs: Any) -> Any:
        form = super().get_form(request, obj, **kwargs)
        form.roster_checked_by_inline = any(
            isinstance(inline, MemberInline) for inline in self.get_inline_instances(request, obj)
        )
        return form

    @admin.display(description=_("số thành viên"), ordering="n_members")
    def member_count(self, obj: Team) -> int:
        return obj.n_members

    @admin.display(description=_("trả lời kiến thức"), ordering="n_answering")
    def answering_count(self, obj: Team) -> int:
        return obj.n_answering


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    """Find anyone across teams; rosters are edited (and members removed) on the team page."""

    form = MemberAdminForm
    list_display = ["full_name", "team", "position", "workplace", "answers_knowledge"]
    list_filter = ["team__contest", "answers_knowledge", "team"]
    search_fields = ["full_name", "position", "workplace", "team__name", "team__unit__name"]
    list_select_related = ["team"]

    def get_readonly_fields(self, request: HttpRequest, obj: Member | None = None) -> Any:
        # Moving or deleting a member would shrink a roster below its skit cast unseen.
        return ["team"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Member | None = None) -> bool:
        return False


@admin.register(Judge)
class JudgeAdmin(admin.ModelAdmin):
    list_display = ["display_name", "contest", "user", "title", "is_head", "order"]
    list_filter = ["contest", "is_head"]
    search_fields = ["display_name", "title", "user__username", "user__first_name"]
    list_select_related = ["contest", "user"]
    autocomplete_fields = ["user"]


# --- questions ---------------------------------------------------------------------------


class OptionInline(admin.TabularInline):
    model = Option
    form = OptionForm
    formset = OptionInlineFormSet
    fields = ["label", "text", "is_correct"]
    max_num = 4

    def get_extra(self, request: HttpRequest, obj: Question | None = None, **kwargs: Any) -> int:
        existing = obj.options.count() if obj is not None else 0
        return max(0, 4 - existing)


@admin.register(Question)
class QuestionAdmin(ImportMixin, admin.ModelAdmin):
    import_kind = "questions"
    list_display = [
        "code",
        "short_text",
        "area",
        "difficulty",
        "option_count",
        "correct_label",
        "active",
        "is_sample",
    ]
    list_filter = ["area", "difficulty", "active", "is_sample", "packs"]
    search_fields = ["code", "text", "explanation", "source"]
    inlines = [OptionInline]
    actions = ["activate", "deactivate"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Question]:
        return super().get_queryset(request).prefetch_related("options")

    @admin.display(description=_("nội dung"))
    def short_text(self, obj: Question) -> str:
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    @admin.display(description=_("số phương án"))
    def option_count(self, obj: Question) -> int:
        return len(obj.options.all())

    @admin.display(description=_("đáp án"))
    def correct_label(self, obj: Question) -> str:
        return ", ".join(o.label for o in obj.options.all() if o.is_correct) or "—"

    @admin.action(description=_("Đánh dấu đang dùng"), permissions=["change"])
    def activate(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        n = queryset.update(active=True)
        self.message_user(request, ngettext("Đã bật %d câu hỏi.", "Đã bật %d câu hỏi.", n) % n)

    @admin.action(description=_("Ngừng dùng"), permissions=["change"])
    def deactivate(self, request: HttpRequest, queryset: QuerySet[Question]) -> None:
        n = queryset.update(active=False)
        self.message_user(request, ngettext("Đã tắt %d câu hỏi.", "Đã tắt %d câu hỏi.", n) % n)


@admin.register(QuestionPack)
class QuestionPackAdmin(admin.ModelAdmin):
    list_display = ["name", "question_count", "used_by"]
    search_fields = ["name", "description", "questions__code"]
    list_filter = ["parts__contest"]
    filter_horizontal = ["questions"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[QuestionPack]:
        return (
            super()
            .get_queryset(request)
            .annotate(n_questions=Count("questions", distinct=True))
            .prefetch_related("parts__contest")
        )

    @admin.display(description=_("số câu hỏi"), ordering="n_questions")
    def question_count(self, obj: QuestionPack) -> int:
        return obj.n_questions

    @admin.display(description=_("dùng cho phần thi"))
    def used_by(self, obj: QuestionPack) -> str:
        return "; ".join(f"{p.contest.name}: {p.title}" for p in obj.parts.all()) or "—"


# --- devices ---------------------------------------------------------------------------


class RevokedFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "revoked"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, Any]]:
        return [("no", _("Đang dùng")), ("yes", _("Đã thu hồi"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Device]) -> QuerySet[Device]:
        if self.value() == "yes":
            return queryset.filter(revoked_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(revoked_at__isnull=True)
        return queryset


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    form = DeviceAdminForm
    list_display = ["label", "contest", "role", "team", "join_code", "revoked_at"]
    list_filter = ["contest", "role", RevokedFilter]
    search_fields = ["label", "join_code", "team__name"]
    list_select_related = ["contest", "team"]
    readonly_fields = ["join_code", "revoked_at", "created_at"]
    fields = ["contest", "role", "team", "label", "join_code", "revoked_at", "created_at"]
    actions = ["revoke"]

    @admin.action(description=_("Thu hồi thiết bị đã chọn"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[Device]) -> None:
        n = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext("Đã thu hồi %d thiết bị.", "Đã thu hồi %d thiết bị.", n) % n,
            messages.SUCCESS,
        )


# --- the append-only log: read only -----------------------------------------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    """Nothing here is added, changed or deleted by hand: the log is append-only."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ["seq", "contest", "epoch", "type", "actor", "at_ms", "created_at"]
    list_filter = ["contest", "type", "epoch"]
    search_fields = ["type", "actor", "command_id"]
    list_select_related = ["contest"]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ["contest", "seq", "epoch", "updated_at"]
    list_filter = ["contest"]
    search_fields = ["contest__name"]
    list_select_related = ["contest"]


@admin.register(RefusedCommand)
class RefusedCommandAdmin(ReadOnlyAdmin):
    list_display = ["contest", "command_type", "code", "actor", "reason", "created_at"]
    list_filter = ["contest", "command_type", "code"]
    search_fields = ["actor", "command_type", "code", "reason", "command_id"]
    list_select_related = ["contest"]
