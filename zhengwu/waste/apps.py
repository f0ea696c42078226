from django.apps import AppConfig


class WasteConfig(AppConfig):
    name = "zhengwu.waste"
    label = "waste"
    verbose_name = "生活垃圾分类（撤桶并点）"

    def ready(self) -> None:
        from zhengwu.desk import registry

        from .desk_entry import ENTRY

        registry.register(ENTRY)
