"""Django admin: editors correct every field the importer read, and review what it repaired."""
from django.contrib import admin

from . import models as m


class BoardInline(admin.TabularInline):
    model = m.BoardMember
    extra = 0


class SectionInline(admin.TabularInline):
    model = m.Section
    extra = 0


class ItemInline(admin.TabularInline):
    model = m.Item
    extra = 0
    fields = ["order", "kind", "section", "title", "page"]


@admin.register(m.Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["label", "gazette", "published_on", "published"]
    list_filter = ["published", "year"]
    inlines = [SectionInline, ItemInline, BoardInline]
    fieldsets = [
        (None, {"fields": ["gazette", "year", "number", "cumulative_number", "published_on", "published"]}),
        ("刊头", {"fields": ["supervisor", "sponsor", "publisher", "address", "postcode", "phone", "fax",
                           "website_name", "website", "print_permit", "slogans"]}),
    ]


@admin.register(m.Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = ["title", "issue", "section", "kind", "page", "order"]
    list_filter = ["kind", "issue"]
    search_fields = ["title"]


class PartInline(admin.StackedInline):
    model = m.Part
    extra = 0


class AttachmentInline(admin.StackedInline):
    model = m.Attachment
    extra = 0


class CitationInline(admin.TabularInline):
    model = m.Citation
    extra = 0


@admin.register(m.Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "doc_type", "signed_on", "public"]
    list_filter = ["doc_type", "public", "year"]
    search_fields = ["number", "title"]
    inlines = [PartInline, AttachmentInline, CitationInline]


@admin.register(m.Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["__str__", "part", "kind", "level", "anchor"]
    list_filter = ["kind", "part__document"]
    search_fields = ["text", "title"]


@admin.register(m.ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only: the record of what an import found and repaired."""

    list_display = ["source", "issue", "imported_at", "created", "encoding"]
    readonly_fields = [f.name for f in m.ImportRun._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
