"""Grades and classes (年级、班级) of Chinese schools, and reading a printed name-list line.

A school's stages decide which grades exist: 小学 一至六年级, 初中 七至九年级, 高中 高一至高三年级 (义务教育法
第二条: nine years, 6 + 3; three years of 普通高中). A name-list line of the gazette reads
“王 烁 綦江区康德城第一小学六年级 2 班学生”: a name (two-character names are padded with a space, which is
typography, not part of the name), the school, the grade, the class, “学生”.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from zhengwu.core.errors import DomainError

PRIMARY = ("一年级", "二年级", "三年级", "四年级", "五年级", "六年级")
JUNIOR = ("七年级", "八年级", "九年级")
SENIOR = ("高一年级", "高二年级", "高三年级")
STAGES = {"primary": PRIMARY, "junior": JUNIOR, "senior": SENIOR}
STAGE_LABELS = {"primary": "小学", "junior": "初中", "senior": "高中"}
ALL_GRADES = PRIMARY + JUNIOR + SENIOR
# 初一/初二/初三 are everyday names of 七/八/九年级.
GRADE_SYNONYMS = {"初一": "七年级", "初二": "八年级", "初三": "九年级"}

# Data-quality flags (数据质量提示) a list entry may carry, with what they mean.
FLAGS = {
    "grade_abbreviated": "年级写作“某年”而漏写“级”（如“五年 3 班”），已按“五年级3班”读取",
    "grade_not_at_school": "该校没有这个年级（按学校的学段判断）",
}

SCHOOL_END = re.compile(r"(小学校|小学|中学校|中学|学校|书院)")
GRADE = re.compile(r"(?P<grade>高[一二三]|初[一二三]|[一二三四五六七八九])\s*年\s*(?P<ji>级)?")
CLASS = re.compile(r"(?P<no>\d{1,3})\s*班")
NAME = re.compile(r"^[\u3400-\u9fff·]{2,10}$")


def stages_of(school: str) -> tuple[str, ...]:
    """The stages a school teaches, read from its name (取舍（Decision）: a plain 中学 may be a 完全中学, so it
    is taken as 初中 + 高中; 九年一贯制/学校 as 小学 + 初中). Staff correct a school's stages in the admin."""
    if "小学" in school:
        return ("primary",)
    if "初级中学" in school or "初中" in school:
        return ("junior",)
    if "高级中学" in school or "高中" in school:
        return ("senior",)
    if "中学" in school:
        return ("junior", "senior")
    return ("primary", "junior")


def grades_of(stages: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(g for stage in stages for g in STAGES[stage])


def normalize_grade(text: str) -> tuple[str, list[str]]:
    """A grade as written → its canonical name and flags; a grade that does not exist is an error."""
    cleaned = re.sub(r"\s+", "", text or "")
    cleaned = GRADE_SYNONYMS.get(cleaned.removesuffix("年级"), cleaned)
    match = GRADE.fullmatch(cleaned)
    if not match:
        raise DomainError(f"“{text}”不是年级（应为一年级至九年级或高一年级至高三年级）。", field="grade")
    grade = match["grade"]
    canonical = f"{grade}年级"
    if canonical not in ALL_GRADES:
        raise DomainError(f"“{text}”不是年级。", field="grade")
    return canonical, ([] if match["ji"] else ["grade_abbreviated"])


def check_grade(grade: str, school: str, stages: tuple[str, ...] | list[str]) -> None:
    """Refuse a grade the school does not have (七年级 at a primary school)."""
    if grade not in grades_of(stages):
        offered = "、".join(STAGE_LABELS[s] for s in stages)
        raise DomainError(f"{school}（{offered}）没有{grade}。", field="grade", code="grade_not_at_school")


def normalize_name(text: str) -> str:
    """A student's name without the padding spaces of print (“王 烁” → “王烁”); refused when not a name."""
    name = re.sub(r"[\s\u3000]+", "", text or "")
    if not NAME.fullmatch(name):
        raise DomainError(f"“{text}”不像学生姓名（应为2至10个汉字，可含间隔号·）。", field="name")
    return name


@dataclass(frozen=True)
class ListEntry:
    """One line of a printed name list (获奖名单): who, which school, grade and class, and any flags."""

    name: str
    school: str
    grade: str
    class_no: int
    flags: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def class_label(self) -> str:
        return f"{self.class_no}班"


def parse_list_line(text: str, *, line: int | None = None) -> ListEntry:
    """“王 烁 綦江区康德城第一小学六年级 2 班学生” → ListEntry("王烁", "綦江区康德城第一小学", "六年级", 2)."""
    body = re.sub(r"[\s\u3000]+", " ", text).strip().removesuffix("学生").strip()
    matches = list(CLASS.finditer(body))
    class_match = matches[-1] if matches else None
    if class_match is None or body[class_match.end():].strip():
        raise DomainError(f"名单行“{text}”末尾应为“N班学生”。", line=line, field="class")
    grades = list(GRADE.finditer(body[:class_match.start()]))
    if not grades:
        raise DomainError(f"名单行“{text}”中找不到年级。", line=line, field="grade")
    grade_match = grades[-1]
    before = body[:grade_match.start()].strip()
    # The school is the run that ends in 小学/中学/学校…; everything before the first place name is the name.
    start = before.find("綦江区")
    if start <= 0:
        school_end = SCHOOL_END.search(before)
        if school_end is None:
            raise DomainError(f"名单行“{text}”中找不到学校。", line=line, field="school")
        split = before.rfind(" ", 0, school_end.start())
        start = split + 1 if split > 0 else 0
        if start == 0:
            raise DomainError(f"名单行“{text}”中分不出姓名和学校。", line=line, field="name")
    try:
        name = normalize_name(before[:start])
        grade, flags = normalize_grade(grade_match.group(0))
    except DomainError as exc:
        raise DomainError(f"名单行“{text}”：{exc.message}", line=line, field=exc.field) from None
    school = re.sub(r"\s+", "", before[start:])
    if not SCHOOL_END.search(school):
        raise DomainError(f"名单行“{text}”中“{school}”不像学校名称。", line=line, field="school")
    if grade not in grades_of(stages_of(school)):
        flags.append("grade_not_at_school")
    return ListEntry(name, school, grade, int(class_match["no"]), flags, text)
