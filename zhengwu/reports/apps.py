from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengwu.reports"
    label = "reports"
    verbose_name = "安全生产举报"

    def ready(self) -> None:
        # No reporter's address or browser in log records (第十条): see reports/logging.py.
        from .logging import install

        install()
