"""Red / yellow / green on the days around 16号's deadline (2021-07-20, a Tuesday), by core.days."""
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhengwu.core.days import due_after
from zhengwu.supervision import status
from zhengwu.supervision.vocab import State

DUE = dt.date(2021, 7, 20)


def colour(on, state=State.ACKNOWLEDGED, days=3, reported_on=None, due=DUE):
    return status.light(state, due, reported_on, on, days).colour


def test_lights_on_the_days_around_the_deadline():
    assert colour(dt.date(2021, 7, 16)) == "green"  # Friday: 3日内 ends Monday 19th, before the deadline
    assert colour(dt.date(2021, 7, 17)) == "yellow"  # Saturday: 3日内 ends Tuesday 20th
    assert colour(dt.date(2021, 7, 19)) == "yellow"
    assert colour(DUE) == "yellow"  # the deadline day itself is still in time
    assert colour(dt.date(2021, 7, 21)) == "red"
    assert status.light(State.ASSIGNED, DUE, None, dt.date(2021, 7, 23), 3).reason == "已逾期 3 天"


def test_a_period_ending_on_a_rest_day_runs_to_the_next_working_day():
    monday = dt.date(2021, 7, 19)
    # Wednesday 14th + 3 days is Saturday 17th, which moves to Monday 19th: the deadline is within reach
    assert due_after(dt.date(2021, 7, 14), 3).due == monday
    assert colour(dt.date(2021, 7, 14), due=monday) == "yellow"
    assert colour(dt.date(2021, 7, 13), due=monday) == "green"


def test_the_yellow_period_is_configurable():
    assert colour(dt.date(2021, 7, 13), days=7) == "yellow"
    assert colour(dt.date(2021, 7, 19), days=0) == "green"  # 0: no yellow, only red after the deadline


def test_reported_tasks_are_green_and_late_reports_say_so():
    on_time = status.light(State.REPORTED, DUE, DUE, dt.date(2021, 8, 1), 3)
    late = status.light(State.CLOSED, DUE, dt.date(2021, 7, 21), dt.date(2021, 8, 1), 3)
    assert (on_time.colour, on_time.late) == ("green", False)
    assert (late.colour, late.late, late.reason) == ("green", True, "逾期报结")
    assert status.light(State.ASSIGNED, None, None, dt.date(2030, 1, 1), 3).reason == "未设时限"


def test_yellow_days_come_from_the_office_rules_unless_the_programme_sets_them(campaign):
    assert status.yellow_days_for(campaign, DUE) == 3
    campaign.yellow_days = 5
    assert status.yellow_days_for(campaign, DUE) == 5


@given(on=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2025, 12, 20)),
       due=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2025, 12, 20)),
       days=st.integers(min_value=0, max_value=10),
       state=st.sampled_from(list(State.values)))
def test_the_light_follows_its_definition(on, due, days, state):
    light = status.light(state, due, due if state in status.DONE else None, on, days)
    if state in status.DONE:
        assert light.colour == "green"
    elif on > due:
        assert light.colour == "red"
    elif days and due_after(on, days).due >= due:
        assert light.colour == "yellow"
    else:
        assert light.colour == "green"
