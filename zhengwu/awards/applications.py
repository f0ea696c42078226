"""Student applications (学生申报) and school recommendation (学校推荐), each one transaction."""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction

from zhengwu.core import uploads
from zhengwu.core.errors import DomainError
from zhengwu.org.resolve import lookup_organization

from . import grades
from .editions import locked, log, not_before, require_state
from .models import Candidate, CandidateFile, Edition, School
from .vocab import State

# A report with photos (20 MB), and a short video of the project too (mp4); longer videos are linked. Stored by
# CandidateFile.file, whose upload_to (awards/<year>/) is the folder.
POLICY = uploads.UploadPolicy(kinds=(*uploads.DOCUMENT_KINDS, "mp4"), max_bytes=20 * 1024 * 1024, max_count=10,
                              noun="文件", folder="awards", accepted=" PDF、JPEG/PNG 图片、Word/Excel 文档和 MP4 视频",
                              field="file", name_length=200)


def school_named(name: str, *, create: bool = True) -> School:
    """The school of that name (spaces ignored), created with the stages its name implies when new."""
    cleaned = "".join((name or "").split())
    if not cleaned:
        raise DomainError("请填写学校名称。", field="school")
    if not grades.SCHOOL_END.search(cleaned):
        raise DomainError(f"“{cleaned}”不像学校名称（应以小学、中学或学校等结尾）。", field="school")
    school = School.objects.filter(name=cleaned).first()
    if school is None:
        if not create:
            raise DomainError(f"没有“{cleaned}”这所学校。", field="school", code="unknown_school")
        school = School.objects.create(name=cleaned, stages=list(grades.stages_of(cleaned)),
                                       organization=lookup_organization(cleaned))
    return school


@transaction.atomic
def apply(edition: Edition, school: School, *, name: str, grade: str, class_no: Any, project: str,
          description: str = "", on: dt.date, by: Any = None, is_sample: bool = False) -> Candidate:
    """A student applies (or the school for them): refused twice per edition, for a grade the school does
    not have, a class that is not a positive number, or outside the application step."""
    edition = locked(edition)
    require_state(edition, State.APPLYING, action="申报")
    not_before(on, edition.applications_opened_on, "申报开始日期")
    student = grades.normalize_name(name)
    canonical, _flags = grades.normalize_grade(grade)
    grades.check_grade(canonical, school.name, school.stages)
    number = _class_number(class_no)
    title = " ".join((project or "").split())
    if not title:
        raise DomainError("请填写项目名称。", field="project")
    if len(title) > 200:
        raise DomainError("项目名称最多200个字。", field="project")
    if Candidate.objects.filter(edition=edition, school=school, name=student).exists():
        raise DomainError(f"{school.name}的{student}已在{edition}申报过，每届只能申报一次。", field="name",
                          code="duplicate")
    try:
        with transaction.atomic():
            candidate = Candidate.objects.create(
                edition=edition, school=school, name=student, grade=canonical, class_no=number, project=title,
                description=description.strip(), applied_on=on, is_sample=is_sample)
    except IntegrityError:  # the same student sent twice at the same moment
        raise DomainError(f"{school.name}的{student}已在{edition}申报过。", field="name", code="duplicate") from None
    log(edition, "applied", on, f"{school.name}{candidate.grade}{candidate.class_label}{student}申报“{title}”",
        by=by, candidate=candidate.pk)
    return candidate


def _class_number(value: Any) -> int:
    text = str(value if value is not None else "").strip().removesuffix("班").strip()
    if not text.isdigit() or not 1 <= int(text) <= 99:
        raise DomainError(f"班级“{value}”应为1至99的数字。", field="class_no")
    return int(text)


@transaction.atomic
def attach_file(candidate: Candidate, upload: UploadedFile) -> CandidateFile:
    """Add a file to an application while it can still change (before the expert review). Accepted by its
    bytes, never by its name (core.uploads, POLICY): PDF, JPEG/PNG, Word/Excel or WPS/Office 97; a name whose
    extension disagrees with the bytes is refused. Stored under a random name."""
    edition = locked(candidate.edition)
    require_state(edition, State.APPLYING, State.RECOMMENDING, action="上传申报材料")
    checked = uploads.check_file(upload, POLICY)
    if candidate.files.count() >= POLICY.max_count:
        raise DomainError(f"每名学生最多上传 {POLICY.max_count} 个文件。", field="file", code="too_many_files")
    shown = checked.name
    upload.name = secrets.token_hex(16) + checked.extension  # under upload_to awards/<year>/
    return CandidateFile.objects.create(candidate=candidate, file=upload, name=shown, size=upload.size)


@transaction.atomic
def recommend(candidate: Candidate, *, school: School, on: dt.date, by: Any = None,
              withdraw: bool = False) -> Candidate:
    """The school recommends its student (or takes the recommendation back) within its quota."""
    edition = locked(candidate.edition)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    require_state(edition, State.RECOMMENDING, action="推荐学生")
    if candidate.school_id != school.pk:
        raise DomainError(f"{candidate.name}不是{school.name}的学生，不能由本校推荐。", field="candidate",
                          code="other_school")
    not_before(on, edition.recommendation_on, "学校推荐开始日期")
    if withdraw:
        if not candidate.recommended:
            raise DomainError(f"{candidate.name}尚未被推荐。", field="candidate")
        candidate.recommended, candidate.recommended_on = False, None
        candidate.save(update_fields=["recommended", "recommended_on"])
        log(edition, "unrecommended", on, f"{school.name}撤回对{candidate.name}的推荐", by=by, candidate=candidate.pk)
        return candidate
    if candidate.recommended:
        raise DomainError(f"{candidate.name}已被推荐。", field="candidate")
    used = Candidate.objects.filter(edition=edition, school=school, recommended=True).count()
    if used >= edition.school_quota:
        raise DomainError(f"{school.name}本届最多推荐{edition.school_quota}名学生，已推荐{used}名。",
                          field="candidate", code="school_quota")
    candidate.recommended, candidate.recommended_on = True, on
    candidate.save(update_fields=["recommended", "recommended_on"])
    log(edition, "recommended", on, f"{school.name}推荐{candidate.name}（本校第{used + 1}名，名额{edition.school_quota}）",
        by=by, candidate=candidate.pk)
    return candidate


@transaction.atomic
def apply_with_files(edition: Edition, school: School, *, files: list[UploadedFile], **fields: Any) -> Candidate:
    """A student's own application (学生申报) with its files: all of it or nothing — a refused file takes the
    application back with it."""
    written: list[CandidateFile] = []
    try:
        candidate = apply(edition, school, **fields)
        for upload in files:
            written.append(attach_file(candidate, upload))
    except DomainError:
        for stored in written:  # the rows go with the rollback; the bytes already on disk must go too
            stored.file.storage.delete(stored.file.name)
        raise
    return candidate
