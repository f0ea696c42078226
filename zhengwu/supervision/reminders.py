"""Reminders (催办提醒) as a background job: `zhengwu supervision remind [--on DATE]`, run once a day by cron
or a systemd timer (the project has no task queue; docs/supervision.md shows both set-ups).

For every open assignment (not reported, not a group row) with a deadline, on day D: a yellow light makes
a “即将到期” reminder, a red one an “已逾期” reminder. A reminder is stored once per assignment, kind and
deadline (a unique constraint), so running the job again the same day — or every hour, or after a missed
day — sends nothing twice; an approved extension is a new deadline and so may remind again. Units see
their reminders on their task page and the office on the dashboard.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from . import status
from .models import Assignment, Programme, Reminder


@dataclass
class RemindOutcome:
    on: dt.date
    due_soon: int = 0
    overdue: int = 0
    already: int = 0

    def as_json(self) -> dict:
        return {"on": self.on.isoformat(), "due_soon": self.due_soon, "overdue": self.overdue,
                "already_sent": self.already}


@transaction.atomic
def run(on: dt.date) -> RemindOutcome:
    outcome = RemindOutcome(on)
    for programme in Programme.objects.all():
        days = status.yellow_days_for(programme, on)
        open_rows = (Assignment.objects.filter(task__programme=programme, is_group=False, due__isnull=False)
                     .exclude(state__in=status.DONE).select_related("task"))
        sent = set(Reminder.objects.filter(assignment__task__programme=programme)
                   .values_list("assignment_id", "kind", "due"))
        new = []
        for row in open_rows.iterator(chunk_size=2000):
            light = status.light(row.state, row.due, row.reported_on, on, days)
            if light.colour == "green":
                continue
            kind = Reminder.Kind.OVERDUE if light.colour == "red" else Reminder.Kind.DUE_SOON
            if (row.pk, kind, row.due) in sent:
                outcome.already += 1
                continue
            verb = "已逾期，请尽快报结" if light.colour == "red" else "即将到期，请按时报结"
            new.append(Reminder(assignment=row, kind=kind, due=row.due, on=on,
                                message=f"{row.unit_name}：“{row.task.ref}. {row.task.title}”截止 {row.due.isoformat()}，{verb}。"))
            if kind == Reminder.Kind.OVERDUE:
                outcome.overdue += 1
            else:
                outcome.due_soon += 1
        Reminder.objects.bulk_create(new, ignore_conflicts=True)  # a parallel run cannot send twice either
    return outcome
