"""Probations (试用期) ending soon: the follow-up a 试用期 in an appointment notice calls for."""
import datetime as dt
from dataclasses import dataclass

from zhengwu.core.dates import days_between
from zhengwu.core.errors import DomainError

from .models import Membership


@dataclass(frozen=True)
class ProbationLine:
    membership: Membership
    days_left: int

    def as_json(self) -> dict:
        m = self.membership
        return {"person": m.person.name, "post": m.post.label, "unit": m.post.organization.label,
                "start_date": m.start_date.isoformat() if m.start_date else None,
                "probation_months": m.probation_months, "probation_end": m.probation_end.isoformat(),
                "days_left": self.days_left,
                "document": m.document.number if m.document else None}


def probations_ending(within_days: int, on: dt.date) -> list[ProbationLine]:
    """Memberships in force on `on` whose probation ends between `on` and `on` + `within_days` (both days
    included), soonest first. `days_left` is 0 when the probation ends that very day."""
    if within_days < 0:
        raise DomainError(f"天数应为0或正数，而不是{within_days}。", field="within", code="bad_within")
    last = on + dt.timedelta(days=within_days)
    rows = (Membership.objects.active_on(on).filter(probation_end__gte=on, probation_end__lte=last)
            .select_related("person", "post__organization", "document").order_by("probation_end", "pk"))
    return [ProbationLine(m, days_between(on, m.probation_end)) for m in rows]
