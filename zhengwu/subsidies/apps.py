from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "zhengwu.subsidies"
    label = "subsidies"
    verbose_name = "科技政策兑现"
