"""Admin of the reports system: read-only views of cases, their record and the access log.

Cases change only through workflow (each step a CaseEvent with who, when and why), so nothing here can
add, change or delete them. Sealed columns (identity, content, reward, message text, evidence names) and
the receipt-code hash are never listed or shown: the admin's readers need not hold the key, and 第十条
allows no display outside the case's handlers. API clients (对接平台) may be switched off here; they are
created with clients.create_client, which shows the key once.
"""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import AccessLog, CaseEvent, CaseMessage, Evidence, IntakeClient, Matter, Report, Signatory


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["reference", "state", "channel", "accepted_on", "handling_unit", "anonymous", "joint",
                    "is_sample", "version"]
    list_filter = ["state", "channel", "is_sample"]
    search_fields = ["reference"]
    # Only plain columns: the sealed ones, blind indexes and the receipt hash stay out of every page.
    fields = ["reference", "year", "serial", "channel", "received_at", "accepted_on", "anonymous", "joint",
              "state", "version", "handling_unit", "matter", "intake_client", "is_sample", "verified_on",
              "notice_sent_on", "verification_due", "extended_due", "notice_due", "claim_due", "claim_extended_due",
              "deadline_basis", "receipt_failed_attempts", "receipt_locked_until"]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["report", "at", "action", "who", "from_state", "to_state", "reason"]
    list_filter = ["action", "to_state"]
    search_fields = ["report__reference"]
    fields = ["report", "action", "who", "at", "from_state", "to_state", "reason", "details", "version"]


@admin.register(CaseMessage)
class CaseMessageAdmin(ReadOnlyAdmin):
    list_display = ["report", "at", "sender", "kind", "author"]
    list_filter = ["sender", "kind"]
    search_fields = ["report__reference"]
    fields = ["report", "at", "sender", "kind", "author"]  # the text is sealed: read it on the case page


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "report", "what", "reason"]
    list_filter = ["what"]
    search_fields = ["report__reference", "user__username"]
    fields = ["at", "user", "report", "what", "reason"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["report", "pk", "added_at"]
    search_fields = ["report__reference"]
    fields = ["report", "added_at"]  # the stored name and the sealed file details stay hidden


@admin.register(Signatory)
class SignatoryAdmin(ReadOnlyAdmin):
    list_display = ["report", "order", "authorised"]
    search_fields = ["report__reference"]
    fields = ["report", "order", "authorised"]


@admin.register(Matter)
class MatterAdmin(ReadOnlyAdmin):
    list_display = ["pk", "created_at"]
    fields = ["created_at"]


@admin.register(IntakeClient)
class IntakeClientAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "active", "created_at"]
    fields = ["name", "key_prefix", "active", "created_at"]
    readonly_fields = ["name", "key_prefix", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False  # clients.create_client makes the key and shows it once

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # reports keep their source: deactivate instead
