from django.apps import AppConfig


class WasteConfig(AppConfig):
    name = "zhengwu.waste"
    label = "waste"
    verbose_name = "生活垃圾分类（撤桶并点）"
