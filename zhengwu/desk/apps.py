from django.apps import AppConfig


class DeskConfig(AppConfig):
    """工作台: what every staff member shares — login, passwords, the second factor, the desk home."""

    name = "zhengwu.desk"
    label = "desk"
    verbose_name = "工作台"

    def ready(self) -> None:
        # The shared registers below the programmes (org registry, gazette) are listed by the desk itself;
        # each programme registers its own desk from its apps.py.
        from .entries import register_shared

        register_shared()
