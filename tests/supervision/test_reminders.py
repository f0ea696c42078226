"""The daily reminders job: yellow and red assignments reminded once, whatever the number of runs."""
import datetime as dt

from zhengwu.supervision import reminders, workflow
from zhengwu.supervision.models import Reminder

from .conftest import assignment


def test_reminders_are_sent_once_per_deadline(campaign, sfj, office):
    first = reminders.run(dt.date(2021, 7, 18))
    open_units = campaign.tasks.get(ref="1").assignments.filter(is_group=False).count()
    assert first.due_soon > open_units and first.overdue == 0
    again = reminders.run(dt.date(2021, 7, 18))
    assert (again.due_soon, again.overdue, again.already) == (0, 0, first.due_soon)
    a = assignment(campaign, "1", "区司法局")
    message = Reminder.objects.get(assignment=a).message
    assert message == "区司法局：“1. 深化领导干部学习教育”截止 2021-07-20，即将到期，请按时报结。"
    late = reminders.run(dt.date(2021, 7, 21))
    assert late.overdue == first.due_soon and late.due_soon == 0


def test_reported_tasks_and_early_days_get_no_reminder(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    workflow.run_step(a, "acknowledge", user=sfj)
    workflow.run_step(a, "report", user=sfj, on=dt.date(2021, 7, 1), note="完成")
    assert reminders.run(dt.date(2021, 7, 1)).due_soon == 0
    reminders.run(dt.date(2021, 7, 21))
    assert not Reminder.objects.filter(assignment=a).exists()


def test_an_approved_extension_is_a_new_deadline_to_remind_about(campaign, sfj, office):
    a = assignment(campaign, "1", "区司法局")
    reminders.run(dt.date(2021, 7, 19))
    ask = workflow.request_extension(a, dt.date(2021, 8, 3), "补充材料", user=sfj, on=dt.date(2021, 7, 19))
    workflow.decide_extension(ask, True, user=office, on=dt.date(2021, 7, 19))
    reminders.run(dt.date(2021, 8, 2))
    assert list(Reminder.objects.filter(assignment=a).values_list("kind", "due")) == [
        ("due_soon", dt.date(2021, 8, 3)), ("due_soon", dt.date(2021, 7, 20))]
