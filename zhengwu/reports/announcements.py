"""Public announcement of reward notices (领奖公告, 綦应急发〔2021〕41号 第七条（三）).

"无法通知举报人的，受理举报的部门可以在一定范围内进行公告": when the reporter cannot be reached, the office
announces that a reward awaits. A report is announced when its reward notice was sent with the method
"announcement" (workflow.transition(..., State.NOTICE_SENT, method="announcement"), recorded in that
step's CaseEvent) and it still waits to be claimed (state notice_sent).

The announcement names the reference and the claim deadline only — never who reported, what was
reported or the amount (第十条); the reporter follows up with the receipt code.
"""
import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce

from .models import CaseEvent, Report
from .vocab import State

METHOD = "announcement"


@dataclass(frozen=True)
class Announcement:
    """One line of the public list (公告): the reference and until when the reward can be claimed."""

    reference: str
    claim_due: dt.date | None
    is_sample: bool

    def as_json(self) -> dict:
        return {"reference": self.reference, "claim_due": self.claim_due.isoformat() if self.claim_due else None}


def announced() -> list[Announcement]:
    """Reports whose reward notice was announced and that wait to be claimed, earliest claim deadline first."""
    notice_by_announcement = CaseEvent.objects.filter(
        report=OuterRef("pk"), action=CaseEvent.Action.TRANSITION, to_state=State.NOTICE_SENT,
        details__method=METHOD)
    rows = (Report.objects.filter(state=State.NOTICE_SENT)
            .filter(Exists(notice_by_announcement))
            .annotate(due=Coalesce("claim_extended_due", "claim_due"))
            .order_by("due", "reference")
            .values_list("reference", "due", "is_sample"))
    return [Announcement(reference, due, sample) for reference, due, sample in rows]
