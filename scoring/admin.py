"""Read-mostly admin for approvals, their history and certificates (changes go through the
results page so every step is recorded)."""

from django.contrib import admin

from scoring.models import ApprovalAction, Certificate, ResultsApproval


@admin.register(ResultsApproval)
class ResultsApprovalAdmin(admin.ModelAdmin):
    list_display = ("contest", "status", "log_seq", "compiled_by", "approved_by", "approved_at")
    list_filter = ("status",)
    readonly_fields = [f.name for f in ResultsApproval._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(ApprovalAction)
class ApprovalActionAdmin(admin.ModelAdmin):
    list_display = ("contest", "action", "user", "at", "log_seq")
    list_filter = ("action",)
    readonly_fields = [f.name for f in ApprovalAction._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("recipient", "prize_label", "kind", "contest", "issued_at", "revoked_at")
    list_filter = ("kind", "contest")
    search_fields = ("recipient", "team_name", "code")
    readonly_fields = [f.name for f in Certificate._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
