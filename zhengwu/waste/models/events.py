"""Points cards (积分卡), drop-off events (投放记录) and the keys of the devices that send them."""
from __future__ import annotations

from django.db import models

from ..vocab import Category


class Card(models.Model):
    """A household's points card (积分卡). `balance` is kept by the ingestion in the same transaction as the
    events it counts, so it always equals the sum of the card's events' points."""

    community = models.ForeignKey("waste.Community", on_delete=models.CASCADE, related_name="cards",
                                  verbose_name="小区")
    number = models.CharField("卡号", max_length=32, unique=True)
    household = models.CharField("住户（楼栋单元房号）", max_length=100)
    # SHA-256 of the short check code printed on the card: the balance page asks for it with the number.
    check_hash = models.CharField("校验码哈希", max_length=64, editable=False)
    balance = models.IntegerField("积分", default=0)
    # Wrong check codes in a row, and the lock they set (the code has only 10⁶ values: cards.find_card).
    failed_checks = models.PositiveIntegerField("连续校验失败次数", default=0, editable=False)
    locked_until = models.DateTimeField("查询锁定至", null=True, blank=True, editable=False)
    is_sample = models.BooleanField("示例数据", default=False)

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "积分卡"

    def __str__(self) -> str:
        return f"{self.number}（{self.household}）"


class DropEvent(models.Model):
    """One drop-off (投放) reported by a card reader or an inspector's phone. `event_id` is the sender's own
    identifier: a retried batch finds it already stored and nothing is counted twice."""

    event_id = models.CharField("事件编号", max_length=64, unique=True)
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="events", verbose_name="积分卡")
    point = models.ForeignKey("waste.DropPoint", on_delete=models.CASCADE, related_name="events",
                              verbose_name="投放点")
    at = models.DateTimeField("投放时间")
    category = models.CharField("类别", max_length=12, choices=Category.choices)
    correct = models.BooleanField("分类正确")
    in_window = models.BooleanField("在投放时段内")
    points = models.IntegerField("积分")
    received_at = models.DateTimeField("接收时间")
    source = models.CharField("来源设备", max_length=100, blank=True)  # the device (ReaderKey.name) or the command

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["card", "at"], name="waste_event_card_at")]
        verbose_name = verbose_name_plural = "投放记录"


class ReaderKey(models.Model):
    """A device allowed to send drop-off batches (采集设备): only the SHA-256 of its token is kept."""

    name = models.CharField("设备名称", max_length=100, unique=True)
    token_hash = models.CharField("令牌哈希", max_length=64, unique=True, editable=False)
    active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "采集设备"

    def __str__(self) -> str:
        return self.name
