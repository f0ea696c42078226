"""Progress against the targets of 綦江府办发〔2021〕23号 四: exactly at 50/40/35 % and 90/80/70 % meets (至少
includes the number), just below does not; `met` is null until the due date; new builds and towns."""
from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.waste.models import Community
from zhengwu.waste.progress import Target, UnitProgress, progress, share_text, targets, work_queue
from zhengwu.waste.units import resolve_unit

pytestmark = pytest.mark.django_db

AUG, NOV = dt.date(2021, 8, 31), dt.date(2021, 11, 30)


def fill(unit: str, total: int, done: int, *, on: dt.date = dt.date(2021, 8, 1), building: str = "high_rise") -> None:
    org = resolve_unit(unit)
    Community.objects.bulk_create([
        Community(unit=org, name=f"{unit}{i:03d}", management="managed", building=building, households=100,
                  removed_on=on if i < done and building != "new_build" else None,
                  handover_on=on if i < done and building == "new_build" else None) for i in range(total)])


def of(unit: str, on: dt.date) -> dict:
    return next(u.as_json() for u in progress(on) if u.unit == unit)


@pytest.mark.parametrize(("unit", "total", "done", "due", "met"), [
    ("古南街道", 20, 10, AUG, True), ("古南街道", 20, 9, AUG, False),      # 50 %
    ("文龙街道", 20, 18, NOV, True), ("通惠街道", 20, 17, NOV, False),     # 90 %
    ("三江街道", 20, 8, AUG, True), ("新盛街道", 20, 7, AUG, False),       # 40 %
    ("三江街道", 20, 16, NOV, True), ("新盛街道", 20, 15, NOV, False),     # 80 %
    ("东溪镇", 20, 7, AUG, True), ("石角镇", 20, 6, AUG, False),           # 35 %
    ("东溪镇", 20, 14, NOV, True), ("横山镇", 20, 13, NOV, False),         # 70 %
])
def test_exactly_at_the_target_meets_it_and_just_below_does_not(unit, total, done, due, met):
    fill(unit, total, done)
    answer = of(unit, due)
    target = next(t for t in answer["targets"] if t["due"] == due.isoformat())
    assert target["met"] is met
    assert answer["share"] == share_text(Fraction(done, total))


def test_display_rounding_never_decides():
    fill("古南街道", 200, 99)  # 0.495 shows as 0.50 but is below 50 %
    answer = of("古南街道", AUG)
    assert answer["share"] == "0.50"
    assert answer["targets"][0] == {"due": "2021-08-31", "required": "0.50", "met": False}


def test_met_is_null_until_the_due_date():
    fill("古南街道", 20, 11)
    before = of("古南街道", dt.date(2021, 8, 30))
    assert [t["met"] for t in before["targets"]] == [None, None]
    on_due = of("古南街道", AUG)
    assert [t["met"] for t in on_due["targets"]] == [True, None]
    assert on_due == {"unit": "古南街道", "communities": 20, "done": 11, "share": "0.55", "targets": [
        {"due": "2021-08-31", "required": "0.50", "met": True}, {"due": "2021-11-30", "required": "0.90", "met": None}]}


def test_removal_after_the_day_does_not_count_yet():
    fill("古南街道", 4, 4, on=dt.date(2021, 9, 1))
    assert of("古南街道", AUG)["done"] == 0
    assert of("古南街道", dt.date(2021, 9, 1))["done"] == 4


def test_new_builds_count_as_done_from_handover():
    fill("文龙街道", 2, 2, on=dt.date(2021, 7, 1), building="new_build")
    fill("文龙街道", 0, 0)
    org = resolve_unit("文龙街道")
    Community.objects.create(unit=org, name="未交付新盘", management="managed", building="new_build", households=10)
    answer = of("文龙街道", AUG)
    assert (answer["communities"], answer["done"]) == (3, 2)
    assert of("文龙街道", dt.date(2021, 6, 30))["done"] == 0


def test_towns_have_their_own_targets_and_appear_only_with_communities():
    fill("东溪镇", 10, 4)
    units = [u.unit for u in progress(AUG)]
    assert units[:5] == ["古南街道", "文龙街道", "三江街道", "新盛街道", "通惠街道"]
    assert units[5:] == ["东溪镇"]
    assert [str(t.required) for t in targets("东溪镇", AUG)] == ["0.35", "0.70"]
    assert "各镇" in targets("东溪镇", AUG)[0].text


def test_each_street_has_its_own_target_group():
    assert [str(t.required) for t in targets("古南街道", AUG)] == ["0.50", "0.90"]
    assert [str(t.required) for t in targets("新盛街道", AUG)] == ["0.40", "0.80"]
    assert targets("新盛街道", AUG)[1].cite == "綦江府办发〔2021〕23号四（三）"


def test_work_queue_puts_non_managed_and_mid_rise_first_and_high_rise_last():
    org = resolve_unit("古南街道")
    for name, management, building in (("A高层", "managed", "high_rise"), ("B洋房", "managed", "villa"),
                                       ("C无物业", "unmanaged", "high_rise"), ("D单梯", "single_stair", "high_rise"),
                                       ("E小高层", "managed", "mid_rise"), ("F新盘", "managed", "new_build")):
        Community.objects.create(unit=org, name=name, management=management, building=building, households=10)
    queue = work_queue("古南街道", AUG)
    assert [c.name for c, _ in queue] == ["C无物业", "D单梯", "B洋房", "E小高层", "A高层", "F新盘"]
    assert queue[4][1] == "试点（高层）"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(total=st.integers(1, 300), data=st.data())
def test_met_equals_the_exact_comparison(total, data):
    done = data.draw(st.integers(0, total))
    for required in ("0.50", "0.40", "0.35", "0.90", "0.80", "0.70"):
        target = Target(due=AUG, required=Decimal(required), cite="", text="")
        unit = UnitProgress("古南街道", total, done, AUG, [target])
        assert target.met(unit.share, AUG) is (done * 100 >= int(Decimal(required) * 100) * total)
        needed = unit.needed(target)
        assert Fraction(done + needed, total) >= Fraction(required)
        assert needed == 0 or Fraction(done + needed - 1, total) < Fraction(required)


def test_cli_progress_json(capsys):
    fill("古南街道", 20, 11)
    call_command("waste", "progress", "--on", "2021-08-31", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out[0] == {"unit": "古南街道", "communities": 20, "done": 11, "share": "0.55", "targets": [
        {"due": "2021-08-31", "required": "0.50", "met": True}, {"due": "2021-11-30", "required": "0.90", "met": None}]}
    assert out[1]["unit"] == "文龙街道" and out[1]["share"] is None


def test_cli_progress_bad_date(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as caught:
        call_command("waste", "progress", "--on", "2021-02-30", "--json")
    assert caught.value.returncode == 1
    assert json.loads(capsys.readouterr().out)["error"]["field"] == "--on"


def test_a_unit_of_its_own_can_have_its_own_target(tmp_path, monkeypatch):
    from zhengwu.core.parameters import load_rulebook
    from zhengwu.waste import progress as module
    from zhengwu.waste.rules import FILES, FOLDER, WasteRules

    (tmp_path / "town.toml").write_text('''
[document]
number = "綦江某文〔2021〕1号"
title = "示例：东溪镇目标调整"
effective = 2021-09-01
cite = "綦江某文〔2021〕1号"
text = "示例"

[[value]]
name = "target.东溪镇.phase3"
value = "0.60"
effective = 2021-09-01
cite = "綦江某文〔2021〕1号 第二条"
text = "东溪镇11月底前完成辖区至少60%居民小区的撤桶并点任务"
''', encoding="utf-8")
    rules = load_rulebook(FOLDER, [*FILES, str(tmp_path / "town.toml")], cls=WasteRules)
    monkeypatch.setattr(module, "default_rules", lambda: rules)
    assert [str(t.required) for t in targets("东溪镇", dt.date(2021, 10, 1))] == ["0.35", "0.60"]
    assert [str(t.required) for t in targets("东溪镇", dt.date(2021, 8, 1))] == ["0.35", "0.70"]  # not yet in force
    assert [str(t.required) for t in targets("石角镇", dt.date(2021, 10, 1))] == ["0.35", "0.70"]
