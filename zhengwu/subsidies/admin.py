"""Admin of the subsidy system: read-only views of applications, their history and files.

Applications change only through workflow and applications (each step an ApplicationEvent with who, when
and why), so nothing here adds, changes or deletes them. A firm's magic link may be switched off here when
it was lost or leaked (ApplicantKey.active); its hash is never shown.
"""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import (
    ApplicantKey,
    Application,
    ApplicationEvent,
    EvidenceFile,
    Firm,
    MatterKey,
    RegisterMatch,
    RegisterUpload,
)


@admin.register(Firm)
class FirmAdmin(ReadOnlyAdmin):
    list_display = ["name", "credit_code", "kind", "is_sample", "created_at"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "credit_code"]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["reference", "firm", "item", "year", "state", "quoted_amount", "approved_amount", "origin",
                    "is_sample"]
    list_filter = ["state", "item", "year", "origin", "is_sample"]
    search_fields = ["reference", "firm__name", "firm__credit_code"]


@admin.register(ApplicationEvent)
class ApplicationEventAdmin(ReadOnlyAdmin):
    list_display = ["application", "at", "action", "who", "from_state", "to_state", "reason"]
    list_filter = ["action", "to_state"]
    search_fields = ["application__reference"]


@admin.register(EvidenceFile)
class EvidenceFileAdmin(ReadOnlyAdmin):
    list_display = ["application", "name", "content_type", "size", "added_at"]
    search_fields = ["application__reference", "name"]
    fields = ["application", "name", "content_type", "size", "added_at"]  # the storage name stays hidden


@admin.register(MatterKey)
class MatterKeyAdmin(ReadOnlyAdmin):
    list_display = ["application", "key"]
    search_fields = ["application__reference", "key"]


@admin.register(RegisterUpload)
class RegisterUploadAdmin(ReadOnlyAdmin):
    list_display = ["filename", "uploaded_at", "on", "firms", "total", "uploaded_by", "is_sample"]
    fields = ["filename", "uploaded_at", "on", "firms", "total", "uploaded_by", "is_sample"]


@admin.register(RegisterMatch)
class RegisterMatchAdmin(ReadOnlyAdmin):
    list_display = ["upload", "row", "name", "credit_code", "items", "total"]
    search_fields = ["name", "credit_code"]


@admin.register(ApplicantKey)
class ApplicantKeyAdmin(admin.ModelAdmin):
    list_display = ["firm", "key_prefix", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["firm__name", "firm__credit_code", "key_prefix"]
    fields = ["firm", "key_prefix", "active", "created_at", "last_used_at"]
    readonly_fields = ["firm", "key_prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False  # links are made by applying or inviting, and shown once

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # applications keep their link: deactivate instead
