"""The awards desk on the staff desk home (区长奖评审台): the bureau, school accounts and experts
(roles.any_role). The bureau sees editions still running and objections not yet handled; an expert the
assigned candidates not yet scored; a school its candidates in the edition open for applying (one query each)."""
from __future__ import annotations

from zhengwu.desk.registry import Count, DeskEntry

from . import roles
from .models import Assignment, Candidate, Edition, Objection
from .vocab import State

OPEN = (State.APPLYING, State.RECOMMENDING)  # views.school: the edition a school applies to


def waiting(user) -> list[Count]:
    counts = []
    if roles.is_bureau(user):
        running = Edition.objects.exclude(state=State.DECIDED).count()
        objections = Objection.objects.filter(outcome=Objection.Outcome.OPEN).count()
        counts += [Count("进行中的评选", running, url="/awards/staff/editions/"),
                   Count("待处理的异议", objections, url="/awards/staff/editions/", urgent=True)]
    expert = roles.expert_of(user)
    if expert is not None:
        unscored = Assignment.objects.filter(expert=expert, submitted_on__isnull=True,
                                             candidate__edition__state=State.REVIEWING).count()
        counts.append(Count("待评分的候选人", unscored, url="/awards/staff/review/", urgent=True))
    school = roles.school_of(user)
    if school is not None:
        applied = Candidate.objects.filter(school=school, edition__state__in=OPEN).count()
        counts.append(Count("本校本届申报", applied, url="/awards/staff/school/"))
    return counts


ENTRY = DeskEntry("awards", "区长青少年科技创新奖评审", "awards:staff", roles.any_role, waiting,
                  description="评选办理、学校申报与推荐、专家评审", order=50)
