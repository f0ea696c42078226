from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengwu.supervision"
    label = "supervision"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from zhengwu.desk import registry

        from .desk_entry import ENTRY

        registry.register(ENTRY)
