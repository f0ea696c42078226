"""Admin of the supervision system: reporting accounts are managed here; everything else is read-only.

Tasks, assignments and targets change only through the importer, the workflow and the pages (each step a
TaskEvent with who, when and why), so the admin shows them without add, change or delete. A reporting
account (ReporterLink) links a login to the unit whose tasks it reports, or to a target party (南岸区,
綦江区); staff with the auth rights add and remove these links here.
"""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import (
    Assignment,
    Extension,
    Programme,
    ProgressEntry,
    Reminder,
    ReporterLink,
    Target,
    Task,
    TaskEvent,
)


@admin.register(ReporterLink)
class ReporterLinkAdmin(admin.ModelAdmin):
    list_display = ["user", "organization", "party"]
    search_fields = ["user__username", "organization__name", "organization__short_name", "party"]
    autocomplete_fields = ["organization"]
    raw_id_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["document", "title", "published", "yellow_days"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["programme", "ref", "title", "cite", "due", "is_sample"]
    list_filter = ["programme"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["task", "unit_name", "organization", "role", "is_group", "state", "due"]
    list_filter = ["state", "role", "is_group"]
    search_fields = ["unit_name"]


@admin.register(TaskEvent)
class TaskEventAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "kind", "from_state", "to_state", "on", "by"]


@admin.register(Extension)
class ExtensionAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "asked_on", "old_due", "new_due", "decision"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["assignment", "kind", "due", "on"]


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["programme", "year", "party", "indicator", "threshold", "unit"]
    list_filter = ["year", "party"]


@admin.register(ProgressEntry)
class ProgressEntryAdmin(ReadOnlyAdmin):
    list_display = ["target", "value", "on", "is_sample"]
