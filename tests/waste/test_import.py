"""Importing the community register: a good file, and bad files refused with every row reported and
nothing written."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengwu.waste.models import Community
from zhengwu.waste.register import ImportRefused, import_communities

from .helpers import HEADER, csv_bytes

pytestmark = pytest.mark.django_db

GOOD = csv_bytes("古南街道,翠湖小区,物业,高层,320,40,4,重庆翠湖物业,2021-08-01",
                 "古南街道办事处,老街院子,非物业,小高层,60,8,1,,",
                 "文龙街道,滨江新城,物业,新建,500,0,6,某物业,2021/6/30",
                 "东溪镇,东溪小区,单梯,洋房,80,6,1,,2021年9月3日")


def test_good_file_is_imported_with_units_from_the_org_registry():
    outcome = import_communities(data=GOOD)
    assert outcome.as_json() == {"created": 4, "updated": 0, "units": {"古南街道": 2, "文龙街道": 1, "东溪镇": 1}}
    old = Community.objects.get(name="老街院子")
    assert old.unit.name == "古南街道" and old.unit.classification == "street"
    assert old.removed_on is None and old.get_management_display() == "非物业" and old.property_company == ""
    new = Community.objects.get(name="滨江新城")
    assert new.handover_on == dt.date(2021, 6, 30) and new.removed_on is None  # a new build is handed over
    assert Community.objects.get(name="东溪小区").removed_on == dt.date(2021, 9, 3)
    assert Community.objects.get(name="东溪小区").unit.classification == "town"


def test_reimport_updates_instead_of_duplicating():
    import_communities(data=GOOD)
    again = csv_bytes("古南街道,翠湖小区,物业,高层,321,0,4,重庆翠湖物业,2021-08-02")
    assert import_communities(data=again).as_json()["updated"] == 1
    assert Community.objects.count() == 4
    assert Community.objects.get(name="翠湖小区").households == 321


def test_english_headers_and_xlsx():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["street", "community", "management", "building", "households", "floor_bins", "cleaners",
                  "property_company", "removed_on"])
    sheet.append(["通惠街道", "通惠花园", "物业", "洋房", 120, 12, 2, "某物业", dt.datetime(2021, 7, 20)])
    buffer = io.BytesIO()
    book.save(buffer)
    import_communities(data=buffer.getvalue())
    assert Community.objects.get(name="通惠花园").removed_on == dt.date(2021, 7, 20)


def refused(data: bytes) -> ImportRefused:
    with pytest.raises(ImportRefused) as caught:
        import_communities(data=data)
    assert Community.objects.count() == 0  # nothing written
    return caught.value


def test_missing_column_is_refused():
    header = HEADER.replace(",保洁人数", "")
    error = refused(csv_bytes("古南街道,翠湖小区,物业,高层,320,40,重庆翠湖物业,2021-08-01", header=header))
    assert [(p.row, p.column) for p in error.problems] == [(1, "保洁人数")]
    assert "缺少“保洁人数”列" in str(error)


def test_bad_dates_are_reported_on_every_row():
    error = refused(csv_bytes("古南街道,甲小区,物业,高层,320,40,4,某物业,2021-02-30",
                              "古南街道,乙小区,物业,高层,320,40,4,某物业,2021-08-01",
                              "古南街道,丙小区,物业,高层,320,40,4,某物业,八月一日"))
    assert [(p.row, p.column) for p in error.problems] == [(2, "撤桶日期"), (4, "撤桶日期")]
    assert "这一天不存在" in error.problems[0].message and "不是日期" in error.problems[1].message


def test_unknown_street_is_refused():
    error = refused(csv_bytes("古南街道,甲小区,物业,高层,320,40,4,某物业,", "南岸街道,乙小区,物业,高层,1,0,0,,"))
    assert [(p.row, p.column) for p in error.problems] == [(3, "街镇")]
    assert "南岸街道" in error.problems[0].message


def test_duplicate_community_is_refused_naming_both_rows():
    error = refused(csv_bytes("古南街道,甲小区,物业,高层,320,40,4,某物业,",
                              "文龙街道,甲小区,物业,高层,320,40,4,某物业,",  # same name, other street: fine
                              "古南街道, 甲小区 ,物业,高层,1,0,0,某物业,"))
    assert [(p.row, p.column) for p in error.problems] == [(4, "小区")]
    assert "与第2行重复" in error.problems[0].message


def test_every_bad_row_and_column_is_reported_together():
    error = refused(csv_bytes("某街道,甲,物业,别墅,x,-1,0,,2021-13-01",
                              "古南街道,乙,自管,高层,10,0,0,,"))
    assert [(p.row, p.column) for p in error.problems] == [
        (2, "街镇"), (2, "楼型"), (2, "户数"), (2, "楼层桶数"), (2, "撤桶日期"), (3, "管理类型")]
    assert error.as_dict()["problems"][0] == {"row": 2, "column": "街镇", "message": "“某街道”不是撤桶并点的实施街镇"}


def test_new_build_with_floor_bins_is_contradictory():
    error = refused(csv_bytes("古南街道,新城,物业,新建,100,5,1,某物业,2021-06-01"))
    assert error.problems[0].column == "楼层桶数"


def test_not_a_table():
    from zhengwu.core.errors import DomainError

    with pytest.raises(DomainError):
        import_communities(data=b"")
    with pytest.raises(DomainError, match="Excel 文件无法打开"):
        import_communities(data=b"PK\x03\x04garbage")


CORRUPTIONS = {0: ("南岸街道", "街镇"), 3: ("别墅", "楼型"), 4: ("0", "户数"), 5: ("-2", "楼层桶数"),
               8: ("2021-02-29", "撤桶日期")}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(st.sampled_from(["古南街道", "文龙街道", "三江街道", "石角镇"]),
                               st.sampled_from(["物业", "非物业", "单梯"]), st.sampled_from(["高层", "小高层", "洋房"]),
                               st.integers(1, 2000), st.one_of(st.none(), st.dates(dt.date(2021, 6, 1),
                                                                                   dt.date(2021, 12, 31))),
                               st.one_of(st.none(), st.sampled_from(sorted(CORRUPTIONS)))), min_size=1, max_size=15))
def test_any_register_imports_whole_or_reports_exactly_its_bad_rows(rows):
    Community.objects.all().delete()
    lines, bad = [], set()
    for index, (unit, management, building, households, removed, corrupt) in enumerate(rows):
        cells = [unit, f"小区{index}", management, building, str(households), "3", "1", "某物业",
                 removed.isoformat() if removed else ""]
        if corrupt is not None:
            cells[corrupt] = CORRUPTIONS[corrupt][0]
            bad.add((index + 2, CORRUPTIONS[corrupt][1]))
        lines.append(",".join(cells))
    if bad:
        with pytest.raises(ImportRefused) as caught:
            import_communities(data=csv_bytes(*lines))
        assert {(p.row, p.column) for p in caught.value.problems} == bad
        assert Community.objects.count() == 0
    else:
        outcome = import_communities(data=csv_bytes(*lines))
        assert outcome.created == len(rows) == Community.objects.count()
        for index, (*_, removed, _corrupt) in enumerate(rows):
            assert Community.objects.get(name=f"小区{index}").removed_on == removed


def test_rows_keep_their_numbers_across_blank_lines():
    data = (HEADER + "\n\n古南街道,甲,物业,高层,1,0,0,,\n,,,,,,,,\n古南街道,乙,物业,高层,x,0,0,,\n").encode()
    error = refused(data)
    assert [(p.row, p.column) for p in error.problems] == [(5, "户数")]
