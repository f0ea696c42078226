"""Deadlines of a case (办理期限) and their traffic lights, counted with core.days.due_after.

- verification (核查): 60 days after acceptance (第四条), `verification_due`; once extended by at most 30
  days with approval (`extended_due`, see workflow.extend_verification);
- reward notice (领奖通知): 20 days after the verification (第七条（二）), `notice_due`;
- claim (领奖): 60 days after the notice (第七条（三）), `claim_due`; may be extended for an accepted reason
  (`claim_extended_due`).

Each due date's basis (the article, then due_after's sentences) is stored in `Report.deadline_basis`
under the field's name.
"""
import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce

from zhengwu.core.days import due_after
from zhengwu.core.errors import DomainError

from .models import Report
from .vocab import State

DOC = "綦应急发〔2021〕41号"
VERIFICATION_DAYS = 60
MAX_EXTENSION_DAYS = 30
NOTICE_DAYS = 20
CLAIM_DAYS = 60
WARN_DAYS = 10

ARTICLES = {
    "verification_due": f"{DOC} 第四条：核查工作原则上应当在60日内完成",
    "extended_due": f"{DOC} 第四条：情况复杂的，经上一级部门批准可以延长，但延长期限不得超过30日",
    "notice_due": f"{DOC} 第七条（二）：应在核查属实后20日内发出领奖通知",
    "claim_due": f"{DOC} 第七条（三）：举报人接到领奖通知后，应当在60日内领取奖金",
    "claim_extended_due": f"{DOC} 第七条（三）：能够说明理由的，可以适当延长领取时间",
}

VERIFYING_STATES = (State.ACCEPTED, State.ROUTED, State.VERIFYING)
NOTICE_STATES = (State.VERIFIED_TRUE, State.REWARD_DECIDED)


def compute_due(field: str, start: dt.date, days: int) -> tuple[dt.date, list[str]]:
    """`days` days after `start` for deadline `field`, with its basis (article first).

    When the holiday calendar does not cover the period, the plain calendar day is used and the basis
    says so: a report must never be refused or lost because of the calendar.
    """
    try:
        due = due_after(start, days)
        return due.due, [ARTICLES[field], *due.basis]
    except DomainError as exc:
        if exc.code != "outside_calendar":
            raise
        plain = start + dt.timedelta(days=days)
        return plain, [ARTICLES[field], f"自{start.isoformat()}起算第{days}日为{plain.isoformat()}；"
                       f"工作日历未覆盖该期间，未按节假日顺延，请人工核对（{exc.message}）"]


def current_deadline(report: Report) -> tuple[str, dt.date] | None:
    """The deadline running now for `report` — (field name, due date) — or None when none runs."""
    if report.state in VERIFYING_STATES:
        field = "extended_due" if report.extended_due else "verification_due"
    elif report.state in NOTICE_STATES:
        field = "notice_due"
        # Only the first report of a matter is rewarded (第六条): later ones wait for no notice.
        if report.state == State.VERIFIED_TRUE and not _is_first(report):
            return None
    elif report.state == State.NOTICE_SENT:
        field = "claim_extended_due" if report.claim_extended_due else "claim_due"
    else:
        return None
    due = getattr(report, field)
    return (field, due) if due else None


def deadline_status(report: Report, today: dt.date, *, warn_days: int = WARN_DAYS) -> str | None:
    """"red" when the running deadline has passed, "yellow" when at most `warn_days` days are left,
    "green" otherwise; None when no deadline runs (closed cases, or no notice due for a later report)."""
    current = current_deadline(report)
    if current is None:
        return None
    left = (current[1] - today).days
    if left < 0:
        return "red"
    return "yellow" if left <= warn_days else "green"


def _earlier_in_matter():
    return Report.objects.filter(matter=OuterRef("matter")).filter(
        Q(received_at__lt=OuterRef("received_at")) | Q(received_at=OuterRef("received_at"), pk__lt=OuterRef("pk")))


def _is_first(report: Report) -> bool:
    return not Report.objects.filter(pk=report.pk).filter(Exists(_earlier_in_matter())).exists()


def overdue(today: dt.date) -> QuerySet[Report]:
    """Cases whose running deadline passed before `today`, for the office (区安委会办公室) to chase.

    Includes reports not verified in time, rewards whose notice is late (first report of its matter
    only), and notices whose claim period ran out and that still wait to be marked lapsed.
    """
    verification = Q(state__in=VERIFYING_STATES, _verify_due__lt=today)
    notice = Q(state__in=NOTICE_STATES, notice_due__lt=today) & ~Q(_later=True)
    claim = Q(state=State.NOTICE_SENT, _claim_due__lt=today)
    return (Report.objects
            .annotate(_verify_due=Coalesce("extended_due", "verification_due"),
                      _claim_due=Coalesce("claim_extended_due", "claim_due"),
                      _later=Exists(_earlier_in_matter()))
            .filter(verification | notice | claim)
            .order_by("pk"))


def deadline_counts(reports: QuerySet[Report], today: dt.date, *, warn_days: int = WARN_DAYS) -> dict[str, int]:
    """How many of `reports` are open, have their running deadline within `warn_days` days (yellow) and past
    it (red), in one query — the same lights as `deadline_status`, for the staff desk's counts."""
    soon = today + dt.timedelta(days=warn_days)

    def running(**bounds) -> Q:
        return (Q(state__in=VERIFYING_STATES, **{f"_verify_due__{k}": v for k, v in bounds.items()})
                | (Q(state__in=NOTICE_STATES, **{f"notice_due__{k}": v for k, v in bounds.items()}) & ~Q(_later=True))
                | Q(state=State.NOTICE_SENT, **{f"_claim_due__{k}": v for k, v in bounds.items()}))

    return (reports
            .annotate(_verify_due=Coalesce("extended_due", "verification_due"),
                      _claim_due=Coalesce("claim_extended_due", "claim_due"),
                      _later=Exists(_earlier_in_matter()))
            .aggregate(open=Count("pk", filter=Q(state__in=(*VERIFYING_STATES, *NOTICE_STATES, State.NOTICE_SENT))),
                       soon=Count("pk", filter=running(gte=today, lte=soon)),
                       late=Count("pk", filter=running(lt=today))))
