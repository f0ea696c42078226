from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengwu.reports"
    label = "reports"
    verbose_name = "安全生产举报"
