"""The content of a dispatch sheet, bulletin or evaluation (one dict; pages, Excel and DOCX render it).

Tasks: the units ranked by the share of their tasks reported by the period's end (then fewer red, then
name), each with its red / yellow / green counts on the period's last day (status.light), and the list of
overdue tasks. A task reported after the end counts as open for that period.
Targets: each target of the period's year with its cumulative progress at the end, what was due by then
(rules.expected_by: spread over months) and a light (green: on pace; yellow: under pace by at most
behind_tolerance; red: further behind); the parties ranked by targets on pace. The year's evaluation says
met / not met (rules.is_met: the threshold itself is met). The month's sheet lists what each party
recorded in the month. The year adds the fund-rule checks.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from zhengwu.core.citations import cite

from .. import funds, progress, rules, status
from ..models import Assignment, Programme, ProgressEntry, Target
from ..vocab import State
from .periods import Period

BOUNDARY_NOTE = "“以上”“不低于”“至少”含本数（SPEC 边界约定；立法技术规范（试行）（一））：恰好达到目标值即为完成。"


def build_sheet(programme: Programme, period: Period) -> dict:
    end = period.end
    units, overdue, any_sample_task = _tasks(programme, end)
    targets, parties, any_sample_target = _targets(programme, period)
    sheet = {
        "kind": period.kind, "name": period.sheet_name, "period": {"key": period.key, "label": period.label,
                                                                    "start": period.start, "end": end},
        "title": f"{period.label}{period.sheet_name}",
        "programme": {"id": programme.pk, "number": programme.number, "title": programme.title},
        "units": units, "overdue": overdue, "targets": targets, "parties": parties,
        "sample": any_sample_task or any_sample_target, "boundary": BOUNDARY_NOTE,
    }
    if period.kind == "month":
        sheet["entries"] = _entries(programme, period)
    if period.kind == "year":
        sheet["funds"] = funds.fund_checks(programme, period.year)
        sheet["sample"] = sheet["sample"] or any(p["sample"] for p in sheet["funds"]["projects"]) or \
            programme.fund_projects.filter(year=period.year, is_sample=True).exists()
    return sheet


def _tasks(programme: Programme, end: dt.date) -> tuple[list[dict], list[dict], bool]:
    yellow = status.yellow_days_for(programme, end)
    rows = (Assignment.objects.filter(task__programme=programme, is_group=False)
            .values_list("unit_name", "state", "due", "reported_on", "task__ref", "task__title", "task__is_sample")
            .order_by("task__order", "order"))
    per_unit: dict[str, dict] = {}
    overdue = []
    sample = False
    for name, state, due, reported_on, ref, title, is_sample in rows.iterator(chunk_size=5000):
        sample = sample or is_sample
        if reported_on is None or reported_on > end:
            state = State.IN_PROGRESS if state in status.DONE else state
            reported_on = None
        light = status.light(state, due, reported_on, end, yellow)
        unit = per_unit.setdefault(name, {"unit": name, "assigned": 0, "done": 0, "late": 0, "red": 0,
                                          "yellow": 0, "green": 0})
        unit["assigned"] += 1
        unit[light.colour] += 1
        if reported_on is not None:
            unit["done"] += 1
            unit["late"] += int(light.late)
        if light.colour == "red":
            overdue.append({"ref": ref, "title": title, "unit": name, "due": due, "days": (end - due).days})
    ranked = sorted(per_unit.values(), key=lambda u: (-u["done"] / u["assigned"], u["red"], u["unit"]))
    for rank, unit in enumerate(ranked, start=1):
        unit["rank"] = rank
        unit["rate"] = f"{100 * unit['done'] / unit['assigned']:.1f}%"
    overdue.sort(key=lambda o: (-o["days"], o["ref"], o["unit"]))
    return ranked, overdue, sample


def target_light(total: Decimal, expected: Decimal, tolerance: Decimal) -> str:
    if total >= expected:
        return "green"
    if total >= expected * (1 - tolerance):
        return "yellow"
    return "red"


def _targets(programme: Programme, period: Period) -> tuple[list[dict], list[dict], bool]:
    found = list(Target.objects.filter(programme=programme, year=period.year).order_by("order", "party"))
    sums = progress.totals(found, period.end)
    tolerance = rules.behind_tolerance(period.end)
    rows = []
    per_party: dict[str, dict] = defaultdict(lambda: {"targets": 0, "green": 0, "yellow": 0, "red": 0})
    for target in found:
        total = sums.get(target.pk, Decimal(0))
        expected = rules.expected_by(target.threshold, target.year, period.end)
        colour = target_light(total, expected, tolerance)
        met = rules.is_met(total, target.threshold)
        rows.append({"id": target.pk, "party": target.party, "indicator": target.indicator, "year": target.year,
                     "threshold": target.threshold, "unit": target.unit, "total": total, "expected": expected,
                     "light": colour, "light_label": status.LIGHTS[colour], "met": met,
                     "gap": max(target.threshold - total, Decimal(0)), "aspirational": target.aspirational,
                     "cite": cite(programme.number, target.cite), "quote": target.quote,
                     "joint": target.joint})
        party = per_party[target.party]
        party["targets"] += 1
        party[colour] += 1
        party["met"] = party.get("met", 0) + int(met)
    parties = [{"party": name, **counts} for name, counts in per_party.items()]
    parties.sort(key=lambda p: (-p["green"] / p["targets"], p["red"], p["party"]))
    for rank, party in enumerate(parties, start=1):
        party["rank"] = rank
    sample = ProgressEntry.objects.filter(target__in=found, is_sample=True, on__lte=period.end).exists()
    return rows, parties, sample


def _entries(programme: Programme, period: Period) -> list[dict]:
    entries = (ProgressEntry.objects.filter(target__programme=programme, on__range=(period.start, period.end))
               .select_related("target").order_by("target__party", "on", "pk"))
    return [{"party": e.target.party, "indicator": e.target.indicator, "value": e.value, "unit": e.target.unit,
             "on": e.on, "note": e.note, "sample": e.is_sample} for e in entries]
