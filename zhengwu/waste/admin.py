"""Admin of the waste system: communities, points and publicity are editable (as on the pages); events,
balances and inspections are read-only — a balance changes only through ingestion, so it always equals
its events' points. A device (采集设备) is switched off here when lost (ReaderKey.active); hashes are
never shown."""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import (
    Adjustment,
    Card,
    Community,
    DropEvent,
    DropPoint,
    GuidanceVisit,
    Inspection,
    PublicityAction,
    ReaderKey,
)


class PointInline(admin.TabularInline):
    model = DropPoint
    extra = 0


class PublicityInline(admin.TabularInline):
    model = PublicityAction
    extra = 0


class AdjustmentInline(admin.TabularInline):
    model = Adjustment
    extra = 0


@admin.register(Community)
class CommunityAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "management", "building", "households", "removed_on", "handover_on", "is_sample")
    list_filter = ("unit", "management", "building", "is_sample")
    search_fields = ("name", "property_company")
    inlines = (PointInline, PublicityInline, AdjustmentInline)


@admin.register(Card)
class CardAdmin(ReadOnlyAdmin):
    list_display = ("number", "household", "community", "balance", "is_sample")
    search_fields = ("number", "household")
    exclude = ("check_hash",)


@admin.register(DropEvent)
class DropEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "card", "point", "at", "category", "correct", "in_window", "points", "source")
    list_filter = ("correct", "in_window", "category", "source")
    search_fields = ("event_id", "card__number")


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ("at", "point", "quality", "card", "inspector")


@admin.register(GuidanceVisit)
class GuidanceVisitAdmin(ReadOnlyAdmin):
    list_display = ("on", "card", "visitor")


@admin.register(ReaderKey)
class ReaderKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "created_at")
    fields = ("name", "active")
    readonly_fields = ("name",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # devices are added with `zhengwu waste add-reader`, which shows the token once
