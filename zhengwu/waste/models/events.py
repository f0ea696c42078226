"""Points cards (积分卡), drop-off events (投放记录) and the keys of the devices that send them."""
from __future__ import annotations

from django.db import models

from ..vocab import Category


class Card(models.Model):
    """A household's points card (积分卡). `balance` is kept by the ingestion in the same transaction as the
    events it counts, so it always equals the sum of the card's events' points."""

    # a household's card is part of its community
    community = models.ForeignKey("waste.Community", on_delete=models.CASCADE, related_name="cards",
                                  verbose_name="小区", help_text="住户所在的小区")
    number = models.CharField("卡号", max_length=32, unique=True, help_text="积分卡卡号（不重复）")
    household = models.CharField("住户（楼栋单元房号）", max_length=100, help_text="住户的楼栋、单元和房号")
    # SHA-256 of the short check code printed on the card: the balance page asks for it with the number.
    check_hash = models.CharField("校验码哈希", max_length=64, editable=False,
                                  help_text="卡背 6 位校验码的 SHA-256，校验码本身不保存")
    balance = models.IntegerField("积分", default=0, help_text="积分余额，等于该卡全部投放记录的积分之和")
    # Wrong check codes in a row, and the lock they set (the code has only 10⁶ values: cards.find_card).
    failed_checks = models.PositiveIntegerField("连续校验失败次数", default=0, editable=False, help_text="校验码连续输错的次数")
    locked_until = models.DateTimeField("查询锁定至", null=True, blank=True, editable=False,
                                        help_text="余额查询锁定到此时间；未锁定为空")
    is_sample = models.BooleanField("示例数据", default=False, help_text="示例数据，统计时可排除")

    class Meta:
        ordering = ["number"]
        verbose_name = verbose_name_plural = "积分卡"

    def __str__(self) -> str:
        return f"{self.number}（{self.household}）"


class DropEvent(models.Model):
    """One drop-off (投放) reported by a card reader or an inspector's phone. `event_id` is the sender's own
    identifier: a retried batch finds it already stored and nothing is counted twice."""

    event_id = models.CharField("事件编号", max_length=64, unique=True, help_text="发送方自己的事件编号；重发的批次不重复计分")
    # the events make up the card's balance and go with it
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="events", verbose_name="积分卡",
                             help_text="投放的积分卡")
    # an event without its point cannot be checked against the windows
    point = models.ForeignKey("waste.DropPoint", on_delete=models.CASCADE, related_name="events",
                              verbose_name="投放点", help_text="投放的集中投放点")
    at = models.DateTimeField("投放时间", help_text="投放时间（设备时间）")
    category = models.CharField("类别", max_length=12, choices=Category.choices, help_text="垃圾类别（四分类）")
    correct = models.BooleanField("分类正确", help_text="巡检或设备判定分类是否正确")
    in_window = models.BooleanField("在投放时段内", help_text="是否在该点位的投放时段内")
    points = models.IntegerField("积分", help_text="这次投放得到的积分（可为负）")
    received_at = models.DateTimeField("接收时间", help_text="服务器收到的时间")
    source = models.CharField("来源设备", max_length=100, blank=True,  # the device (ReaderKey.name) or the command
                              help_text="发送的设备名称或命令")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["card", "at"], name="waste_event_card_at")]
        verbose_name = verbose_name_plural = "投放记录"


class ReaderKey(models.Model):
    """A device allowed to send drop-off batches (采集设备): only the SHA-256 of its token is kept."""

    name = models.CharField("设备名称", max_length=100, unique=True, help_text="采集设备名称（不重复）")
    token_hash = models.CharField("令牌哈希", max_length=64, unique=True, editable=False,
                                  help_text="设备令牌的 SHA-256，令牌本身不保存")
    active = models.BooleanField("启用", default=True, help_text="停用后该设备不能再发送")
    created_at = models.DateTimeField("登记时间", auto_now_add=True, help_text="登记时间（自动）")

    class Meta:
        verbose_name = verbose_name_plural = "采集设备"

    def __str__(self) -> str:
        return self.name
