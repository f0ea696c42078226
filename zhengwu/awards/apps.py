from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "zhengwu.awards"
    label = "awards"
    verbose_name = "区长青少年科技创新奖"

    def ready(self) -> None:
        from zhengwu.desk import registry

        from .desk_entry import ENTRY

        registry.register(ENTRY)
