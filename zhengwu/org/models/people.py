"""Person (人员): a real person named in the gazette (Popolo Person)."""
from django.db import models


class Person(models.Model):
    """A person (人员). Names are stored without the padding spaces of printed lists: 刘 刚 → 刘刚.

    The registry tells people apart by name; two people with one name are both kept and every lookup by
    that name is refused as ambiguous (see `resolve.find_person`).
    """

    name = models.CharField("姓名", max_length=40, db_index=True, help_text="不含空格，如 刘刚（公文印作“刘 刚”）")
    gender_note = models.CharField("性别注记", max_length=10, blank=True,
                                   help_text="公文在姓名后注明的，如 女（任免通知写作“王海艳同志（女）”）")
    other_names = models.JSONField("其他姓名", default=list, blank=True,
                                   help_text="曾用名等，每项 {\"name\": …, \"note\": …}（Popolo other_names）")
    note = models.CharField("备注", max_length=200, blank=True, help_text="工作人员的说明，如 区分同名者")
    created_at = models.DateTimeField("创建时间", auto_now_add=True, help_text="登记入名录的时间")

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = verbose_name_plural = "人员"

    def __str__(self) -> str:
        return self.name
