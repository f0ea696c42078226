"""Admin pieces shared by every system's admin.py."""
from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the admin may show but never add, change or delete: each system's pages and workflow write
    them, with their checks and events."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
