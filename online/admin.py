from django.contrib import admin

from online.models import Attempt, OnlineRound, Participant, Period, Refusal, Winner


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0
    fields = ["number", "name", "opens_at", "closes_at", "actual_value", "finalized_at"]
    readonly_fields = ["actual_value", "finalized_at"]


@admin.register(OnlineRound)
class OnlineRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "preset", "questions_per_attempt", "time_limit_minutes", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["units", "excluded_units"]
    inlines = [PeriodInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "phone", "email", "unit", "unit_name", "role", "round"]
    list_filter = ["round", "unit", "role"]
    search_fields = ["full_name", "phone", "email"]
    raw_id_fields = ["user"]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "participant",
        "mode",
        "period",
        "number",
        "correct_count",
        "submitted_at",
    ]
    list_filter = ["mode", "round", "period"]
    readonly_fields = [f.name for f in Attempt._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Refusal)
class RefusalAdmin(admin.ModelAdmin):
    list_display = ["created_at", "code", "reason", "attempt", "user", "ip"]
    list_filter = ["code"]
    readonly_fields = [f.name for f in Refusal._meta.fields]


@admin.register(Winner)
class WinnerAdmin(admin.ModelAdmin):
    list_display = ["period", "rank", "prize_level", "participant", "amount", "code"]
    list_filter = ["period"]
    readonly_fields = ["code"]
