"""Admin: staff correct reference data (people, units, posts, seats); memberships, decisions and the audit
log are read-only here because they change only through the named transitions (appoint, remove, import),
which record who, when and why."""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import (
    AuditEntry,
    Decision,
    DecisionItem,
    Membership,
    Organization,
    OrganizationName,
    Person,
    Post,
    Seat,
    StaffUnit,
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "gender_note", "note"]
    search_fields = ["name"]


class OrganizationNameInline(admin.TabularInline):
    model = OrganizationName
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "classification", "parent", "hosted_in", "founding_date",
                    "dissolution_date"]
    list_filter = ["classification"]
    search_fields = ["name", "short_name", "names__name"]
    raw_id_fields = ["parent", "hosted_in", "successor", "founding_document", "dissolution_document"]
    inlines = [OrganizationNameInline]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["__str__", "max_holders", "filled_by"]
    search_fields = ["title", "organization__name", "organization__short_name"]
    raw_id_fields = ["organization", "filled_by"]


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ["body", "role", "basis", "post", "named_person", "start_date", "end_date", "line"]
    list_filter = ["basis", "role"]
    search_fields = ["body__name", "body__short_name", "named_person__name"]
    raw_id_fields = ["body", "post", "named_person", "document", "issue"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "post", "start_date", "end_date", "end_reason", "probation_end", "start_basis"]
    list_filter = ["end_reason", "start_basis"]
    search_fields = ["person__name", "post__title", "post__organization__name"]


class DecisionItemInline(admin.TabularInline):
    model = DecisionItem
    extra = 0
    can_delete = False
    readonly_fields = ["order", "action", "person", "post", "probation_months", "membership", "line"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "meeting_date", "effective_date", "document"]
    inlines = [DecisionItemInline]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "by", "action", "summary", "reason"]
    list_filter = ["action"]
    search_fields = ["summary", "by", "subject"]


@admin.register(StaffUnit)
class StaffUnitAdmin(admin.ModelAdmin):
    list_display = ("user", "organization")
    autocomplete_fields = ("organization",)
