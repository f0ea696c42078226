"""Who may do what (权限): the bureau runs editions, a school account applies and recommends for its own
school, an expert scores only the candidates assigned to them. Django permissions on the awards models plus
the link of the account to its school or expert record."""
from __future__ import annotations

from typing import Any

from .models import Expert, School


def is_bureau(user: Any) -> bool:
    return bool(user.is_authenticated and user.has_perm("awards.run_edition"))


def school_of(user: Any) -> School | None:
    if not (user.is_authenticated and user.has_perm("awards.recommend_candidate")):
        return None
    member = getattr(user, "award_school", None)
    return member.school if member else None


def expert_of(user: Any) -> Expert | None:
    if not (user.is_authenticated and user.has_perm("awards.score_candidate")):
        return None
    return Expert.objects.filter(user=user, active=True).first()


def any_role(user: Any) -> bool:
    return is_bureau(user) or school_of(user) is not None or expert_of(user) is not None
