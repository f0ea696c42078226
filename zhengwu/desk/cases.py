"""Abstract model bases for the cases staff desks handle (案件): the event log and the optimistic version.

`CaseEvent` (办理记录) is one step on a case: who, when, what, from which state to which, why, the facts of
the step and the version it left. `VersionedCase` is a case several staff handle at once: its `version` and
the check / lock / compare-and-swap helpers of `core.versions` as methods. A programme's concrete models
inherit them and add the foreign key to their case, their own vocabularies (`action_field`, `state_fields`)
and their Meta; the bases add no table.
"""
from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from zhengwu.core import versions

ACTION_MAX_LENGTH = 30  # the longest step code today is 19 characters (extend_verification)
STATE_MAX_LENGTH = 20


def action_field(choices: list[tuple[str, str]], default: str) -> models.CharField:
    """The event's `action` (事项) with the programme's own vocabulary of steps."""
    return models.CharField("事项", max_length=ACTION_MAX_LENGTH, choices=choices, default=default,
                            help_text="这一步办理的是什么（状态变更、延期、调整金额……）")


def state_fields(choices: list[tuple[str, str]]) -> tuple[models.CharField, models.CharField]:
    """The event's `from_state` and `to_state` (原状态、新状态) with the programme's own states."""
    return (models.CharField("原状态", max_length=STATE_MAX_LENGTH, choices=choices, blank=True,
                             help_text="办理前的状态；空：案件由这一步创建"),
            models.CharField("新状态", max_length=STATE_MAX_LENGTH, choices=choices,
                             help_text="办理后的状态；不改变状态的步骤与原状态相同"))


class CaseEvent(models.Model):
    """One step of a case (办理记录): who, when, what, from which state to which, why and the step's facts.

    A concrete event adds the foreign key to its case, named by `case_field`, with `related_name="events"`,
    and usually `action = action_field(...)` and `from_state, to_state = state_fields(...)` for its
    vocabularies. `details` holds facts of the step (a unit routed to, an amount from/to, a file name) and
    never anything sealed.
    """

    case_field: ClassVar[str] = "case"

    action = models.CharField("事项", max_length=ACTION_MAX_LENGTH, help_text="这一步办理的是什么")
    # PROTECT: accounts are deactivated, not deleted, so who did what stays known.
    who = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                            related_name="+", verbose_name="办理人",
                            help_text="空：没有账号的当事人（举报人、申报单位）或系统")
    at = models.DateTimeField("时间", auto_now_add=True, help_text="登记这一步的时刻")
    from_state = models.CharField("原状态", max_length=STATE_MAX_LENGTH, blank=True,
                                  help_text="办理前的状态；空：案件由这一步创建")
    to_state = models.CharField("新状态", max_length=STATE_MAX_LENGTH,
                                help_text="办理后的状态；不改变状态的步骤与原状态相同")
    reason = models.TextField("理由", blank=True, help_text="办理人写明的理由或说明")
    details = models.JSONField("详情", default=dict, blank=True, help_text="这一步的事实（承办单位、金额、日期……），不含保密内容")
    version = models.PositiveIntegerField("办理后版本", help_text="这一步之后案件的版本号")

    class Meta:
        abstract = True
        default_permissions = ()
        verbose_name = verbose_name_plural = "办理记录"

    @property
    def case(self) -> Any:
        """The case this step was taken on (the report, the application)."""
        return getattr(self, self.case_field)

    def __str__(self) -> str:
        action = self.get_action_display() if hasattr(self, "get_action_display") else self.action
        return f"{self.case} {action} {self.from_state}→{self.to_state}"


class VersionedCase(models.Model):
    """A case several staff handle at once (版本号): every change raises `version` by one.

    The concrete case names itself in messages with `case_noun` (举报, 申请) and has `reference` and `state`
    fields; a page carries the version its user saw, and a step locks the row, refuses with code
    `conflict` when the case moved on, and writes with compare-and-swap (core.versions).
    """

    case_noun: ClassVar[str] = "案件"

    version = models.PositiveIntegerField("版本", default=1, help_text="每次办理加一，用于防止并发覆盖")

    class Meta:
        abstract = True

    @classmethod
    def state_label(cls, state: str) -> str:
        """The Chinese name of `state` (the label of the `state` field's choice)."""
        return dict(cls._meta.get_field("state").choices or ()).get(state, state)

    def check_seen(self, expected_version: Any) -> None:
        """Refuse unless this row is still at the version the user saw."""
        versions.check_seen(self, expected_version, noun=self.case_noun, label=self.state_label)

    @classmethod
    def lock_seen(cls, pk: int, expected_version: Any, *, rows: models.QuerySet | None = None) -> Any:
        """The row, locked for this transaction (SELECT … FOR UPDATE), if it is still at `expected_version`.

        `rows` (e.g. with select_related) defaults to every row of the model."""
        return versions.lock_seen(rows if rows is not None else cls._default_manager.all(), pk, expected_version,
                                  noun=cls.case_noun, label=cls.state_label)

    def save_seen(self, expected_version: int, changes: dict) -> int:
        """Compare-and-swap: write `changes` and the next version only if the row is still at `expected_version`;
        returns the new version."""
        return versions.save_seen(self, expected_version, changes, noun=self.case_noun)
