"""ApplicationEvent (办理记录): the history of an application — who did what, when, and why."""
from django.db import models

from zhengwu.desk import cases

from ..vocab import ApplicationAction
from .application import Application, State


class ApplicationEvent(cases.CaseEvent):
    """One step on an application: a state move, an edit, a file, a change of amount, an invitation.

    `details` holds the facts of the step (amount from/to, file name, the earlier application that made a
    claim a duplicate); `who` is empty for the firm itself (it has no account) and the system.
    """

    Action = ApplicationAction  # the vocabulary lives in vocab.py

    case_field = "application"

    # CASCADE: the record belongs to the application; applications are never deleted except demo samples.
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events",
                                    verbose_name="申请", help_text="这一步办理的申请")
    action = cases.action_field(Action.choices, Action.TRANSITION)
    from_state, to_state = cases.state_fields(State.choices)

    class Meta(cases.CaseEvent.Meta):
        ordering = ["application", "at", "pk"]
