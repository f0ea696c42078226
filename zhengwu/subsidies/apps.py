from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "zhengwu.subsidies"
    label = "subsidies"
    verbose_name = "科技政策兑现"

    def ready(self) -> None:
        from zhengwu.desk import registry

        from .desk_entry import ENTRY

        registry.register(ENTRY)
