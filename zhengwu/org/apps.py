from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "zhengwu.org"
    label = "org"
    verbose_name = "组织机构名录"
