"""Django admin: editors correct every field the importer read, and review what it repaired."""
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from . import models as m
from .search.index import index_import


class ReindexOnSave:
    """An edit made here shows in search at once (the index is otherwise kept by the importer)."""

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        issue, documents = self.reindex_target(form.instance)
        index_import(issue, documents)

    def reindex_target(self, obj) -> tuple[m.Issue | None, list[m.Document]]:
        raise NotImplementedError


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
class IssueAdmin(ReindexOnSave, admin.ModelAdmin):
    def reindex_target(self, obj):
        return obj, []

    list_display = ["label", "gazette", "published_on", "published"]
    list_filter = ["published", "year"]
    inlines = [SectionInline, ItemInline, BoardInline]
    fieldsets = [
        (None, {"fields": ["gazette", "year", "number", "cumulative_number", "published_on", "published"]}),
        ("刊头", {"fields": ["supervisor", "sponsor", "publisher", "address", "postcode", "phone", "fax",
                           "website_name", "website", "print_permit", "slogans"]}),
    ]


@admin.register(m.Item)
class ItemAdmin(ReindexOnSave, admin.ModelAdmin):
    def reindex_target(self, obj):
        return obj.issue, []

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


def problem_table(problems: list[dict]) -> str:
    """The parser's and checker's findings as a table an editor can work down."""
    if not problems:
        return "没有问题。"
    rows = format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                            ((p["line"], p["code"], p.get("severity", ""), p["message"]) for p in problems))
    return format_html("<table><thead><tr><th>行</th><th>代码</th><th>级别</th><th>说明</th></tr></thead>"
                       "<tbody>{}</tbody></table>", rows)


@admin.register(m.Document)
class DocumentAdmin(ReindexOnSave, admin.ModelAdmin):
    def reindex_target(self, obj):
        return None, [obj]

    list_display = ["number", "title", "doc_type", "signed_on", "public"]
    list_filter = ["doc_type", "public", "year"]
    search_fields = ["number", "title"]
    inlines = [PartInline, AttachmentInline, CitationInline]
    readonly_fields = ["checks"]

    @admin.display(description="检查结果（最近一次导入）")
    def checks(self, obj: m.Document) -> str:
        # JSON "contains" is not portable to SQLite; the recent runs are few, so look in Python.
        recent = m.ImportRun.objects.order_by("-imported_at")[:50]
        run = next((r for r in recent if obj.number and obj.number in r.documents), None)
        if run is None:
            return "没有导入记录。"
        return problem_table([p for p in run.problems if p.get("document") == obj.number])


@admin.register(m.Node)
class NodeAdmin(ReindexOnSave, admin.ModelAdmin):
    def reindex_target(self, obj):
        return None, [obj.part.document]

    list_display = ["__str__", "part", "kind", "level", "anchor"]
    list_filter = ["kind", "part__document"]
    search_fields = ["text", "title"]


@admin.register(m.ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    """Read-only: the record of what an import found and repaired."""

    list_display = ["source", "issue", "imported_at", "created", "encoding"]
    readonly_fields = [f.name for f in m.ImportRun._meta.fields if f.name != "problems"] + ["problem_list"]

    @admin.display(description="问题（解析与检查）")
    def problem_list(self, obj: m.ImportRun) -> str:
        return problem_table(obj.problems)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
