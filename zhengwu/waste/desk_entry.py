"""The waste system's desk on the staff desk home (撤桶并点办理台): whoever may see the communities
(waste.view_community: the 区生活垃圾分类办, streets, inspectors); what waits is the communities whose bins are
not yet removed — one query."""
from __future__ import annotations

from zhengwu.desk.registry import Count, DeskEntry

from .models import Community

VIEW_PERM = "waste.view_community"  # views/access.staff_page's default right


def allowed(user) -> bool:
    return user.has_perm(VIEW_PERM)


def waiting(user) -> list[Count]:
    pending = Community.objects.filter(removed_on__isnull=True).count()
    return [Count("尚未撤桶的小区", pending, url="/waste/communities/")]


ENTRY = DeskEntry("waste", "生活垃圾分类（撤桶并点）", "waste:dashboard", allowed, waiting,
                  description="进度与目标、小区台账、告知书、巡检与上门指导", order=30)
