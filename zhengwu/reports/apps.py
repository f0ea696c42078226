from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengwu.reports"
    label = "reports"
    verbose_name = "安全生产举报"

    def ready(self) -> None:
        # No reporter's address or browser in log records (第十条): see reports/logging.py.
        from zhengwu.desk import registry

        from . import access, desk_entry
        from .logging import install

        install()
        registry.register(desk_entry.ENTRY)
        registry.require_second_factor(access.IDENTITY_PERM, desk_entry.IDENTITY_NEEDS_2FA)
