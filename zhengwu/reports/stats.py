"""Statistics of the reports system for supervisors (统计): counts and sums only — never who reported,
what was reported, or which reward went to whom (第十条).

`statistics(year=…, samples=…)` counts cases by state, channel, month of acceptance and handling unit,
the share of concluded verifications found true (查实率), and the rewards decided and paid. `rows()` gives
the same as (section, item, value) lines for the CSV and Excel exports.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from . import crypto
from .models import Report
from .vocab import Channel, State

TRUE_STATES = (State.VERIFIED_TRUE, State.REWARD_DECIDED, State.NOTICE_SENT, State.CLAIMED, State.LAPSED)
CONCLUDED_STATES = (*TRUE_STATES, State.VERIFIED_FALSE, State.UNVERIFIABLE)
UNROUTED = "（尚未分办）"


@dataclass(frozen=True)
class Statistics:
    """Counts of cases (件) and sums of rewards (元) for one selection of cases."""

    year: int | None
    samples: bool
    total: int
    by_state: list[tuple[str, int]]  # (state label, count), in the order of the workflow
    by_channel: list[tuple[str, int]]
    by_month: list[tuple[str, int]]  # ("2021-09", count), by month of acceptance
    by_unit: list[tuple[str, int]]
    concluded: int  # verification concluded: true, false or unverifiable
    verified_true: int
    rewards_decided: int  # decisions with an amount above zero
    rewards_total: Decimal  # sum of decided amounts
    rewards_paid: int
    rewards_paid_total: Decimal
    notes: list[str] = field(default_factory=list)

    @property
    def verified_true_rate(self) -> Decimal | None:
        """Share of concluded verifications found true, in per cent to one decimal; None before any."""
        if not self.concluded:
            return None
        return (Decimal(self.verified_true) * 100 / self.concluded).quantize(Decimal("0.1"))

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, item, value) lines: the export's content, in the page's order."""
        lines = [("总体", "举报件数", str(self.total)),
                 ("总体", "核查办结件数（属实、不实、无法查清）", str(self.concluded)),
                 ("总体", "查证属实件数", str(self.verified_true)),
                 ("总体", "查实率（%）", "" if self.verified_true_rate is None else f"{self.verified_true_rate}"),
                 ("总体", "决定奖励件数", str(self.rewards_decided)),
                 ("总体", "决定奖励金额合计（元）", f"{self.rewards_total:.2f}"),
                 ("总体", "已领取件数", str(self.rewards_paid)),
                 ("总体", "已领取金额合计（元）", f"{self.rewards_paid_total:.2f}")]
        for section, items in (("按状态", self.by_state), ("按举报方式", self.by_channel),
                               ("按受理月份", self.by_month), ("按承办单位", self.by_unit)):
            lines += [(section, item, str(count)) for item, count in items]
        return lines


def selection(*, year: int | None = None, samples: bool = False) -> QuerySet[Report]:
    """The cases counted: accepted in `year` (all years when None); demo samples only when asked."""
    found = Report.objects.all()
    if year is not None:
        found = found.filter(accepted_on__year=year)
    if not samples:
        found = found.filter(is_sample=False)
    return found


def _counts(found: QuerySet[Report], key: str) -> dict:
    return {row[key]: row["n"] for row in found.order_by().values(key).annotate(n=Count("pk"))}


def statistics(*, year: int | None = None, samples: bool = False) -> Statistics:
    """Statistics of the cases accepted in `year` (or all), without identities or content."""
    found = selection(year=year, samples=samples)
    states = _counts(found, "state")
    channels = _counts(found, "channel")
    months = (found.order_by().annotate(month=TruncMonth("accepted_on")).values("month")
              .annotate(n=Count("pk")).order_by("month"))
    units = Counter()
    for row in found.order_by().values("handling_unit__name", "handling_unit__short_name").annotate(n=Count("pk")):
        label = row["handling_unit__short_name"] or row["handling_unit__name"] or UNROUTED
        units[label] += row["n"]
    decided = paid = 0
    decided_total = paid_total = Decimal("0")
    # The amounts are sealed one by one; only their sums leave this function.
    for sealed in found.exclude(reward_sealed=None).values_list("reward_sealed", flat=True):
        reward = crypto.unseal(sealed) or {}
        amount = Decimal(reward.get("amount", "0"))
        if amount > 0:
            decided += 1
            decided_total += amount
            if reward.get("claim"):
                paid += 1
                paid_total += amount
    return Statistics(
        year=year, samples=samples, total=sum(states.values()),
        by_state=[(s.label, states[s.value]) for s in State if states.get(s.value)],
        by_channel=[(c.label, channels[c.value]) for c in Channel if channels.get(c.value)],
        by_month=[(row["month"].strftime("%Y-%m"), row["n"]) for row in months],
        by_unit=sorted(units.items(), key=lambda item: (-item[1], item[0])),
        concluded=sum(states.get(s, 0) for s in CONCLUDED_STATES),
        verified_true=sum(states.get(s, 0) for s in TRUE_STATES),
        rewards_decided=decided, rewards_total=decided_total, rewards_paid=paid, rewards_paid_total=paid_total,
        notes=["统计不含举报人身份、举报内容和单件奖励金额（綦应急发〔2021〕41号 第十条）。"])
