"""Admin of the awards system: reference data (schools and their stages, school accounts, experts) is
edited here; the workflow itself runs only through the pages and functions, so history stays true —
editions, candidates, objections and the history are read-only in the admin."""
from django.contrib import admin

from zhengwu.core.admin import ReadOnlyAdmin

from .models import Candidate, Edition, EditionEvent, Expert, Objection, School, SchoolMember


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ("name", "stages", "organization")
    search_fields = ("name",)


@admin.register(SchoolMember)
class SchoolMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "school")
    autocomplete_fields = ("school",)


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ("name", "affiliation", "school", "active", "is_sample")
    list_filter = ("active",)


@admin.register(Edition)
class EditionAdmin(ReadOnlyAdmin):
    list_display = ("number", "year", "state", "decision_number", "is_sample")


@admin.register(Candidate)
class CandidateAdmin(ReadOnlyAdmin):
    list_display = ("edition", "name", "school", "grade", "class_no", "tier", "rank", "removed")
    list_filter = ("edition", "tier")


@admin.register(Objection)
class ObjectionAdmin(ReadOnlyAdmin):
    list_display = ("candidate", "received_on", "outcome", "decided_on")


@admin.register(EditionEvent)
class EditionEventAdmin(ReadOnlyAdmin):
    list_display = ("edition", "on", "text", "by_name")
