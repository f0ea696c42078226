"""Who may appoint to a post: superusers to any; other staff only to the posts of their units (StaffUnit).

The appoint form and the Excel upload call `check_can_edit` before `appointments.appoint` / `remove`;
the command line (run by the server's operators) is not restricted.
"""
from zhengwu.core.errors import DomainError

from .models import Organization, Post


def editable_units(user) -> list[Organization] | None:
    """The units `user` may edit, or None for every unit (superuser)."""
    if getattr(user, "is_superuser", False):
        return None
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Organization.objects.filter(staff_links__user=user).order_by("pk"))


def check_can_edit(user, post: Post, *, field: str = "post") -> None:
    """A DomainError naming `field` unless `user` may appoint to or remove from `post`."""
    if user is None:
        return
    units = editable_units(user)
    if units is None or post.organization_id in {u.pk for u in units}:
        return
    if not units:
        raise DomainError(f"您的账号尚未关联任何单位，不能任免{post.label}；请管理员在“工作人员所属单位”中添加。",
                          field=field, code="no_unit")
    names = "、".join(u.label for u in units)
    raise DomainError(f"{post.label}属于{post.organization.label}，您只能任免{names}的职务。", field=field,
                      code="other_unit")
