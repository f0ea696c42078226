"""Reference data: add people, units, bodies and posts; link 主要负责人 to the title that fills it.

`add_*` are for staff (they refuse duplicates); `ensure_*` are for readers of documents (they return what
exists, create what does not). Each creation is recorded in the audit log.
"""
from django.db import transaction

from zhengwu.core.errors import DomainError

from .audit import record
from .models import Organization, OrganizationName, Person, Post
from .names import normalize_name
from .resolve import find_organization, lookup_organization, lookup_post
from .titles import PRINCIPAL, default_max_holders, head_title
from .units import canonical_unit_name, classify_unit, known_unit


def _check_person_name(name: str, field: str) -> str:
    key = normalize_name(name)
    if not (1 < len(key) <= 40):
        raise DomainError(f"姓名“{name}”不像姓名（应为2个字以上）。", field=field, code="bad_name")
    return key


@transaction.atomic
def add_person(name: str, *, gender_note: str = "", by: str, reason: str = "") -> Person:
    """Register a person staff are about to appoint; refused when the name is already in the registry."""
    key = _check_person_name(name, "person")
    if Person.objects.filter(name=key).exists():
        raise DomainError(f"名录中已有“{key}”。同名的另一人请先在管理页面核对。", field="person",
                          code="duplicate_person")
    person = Person.objects.create(name=key, gender_note=gender_note.strip())
    record("add_person", person, f"登记人员 {key}", by=by, reason=reason)
    return person


def ensure_person(name: str, *, gender_note: str = "", by: str, reason: str = "") -> Person:
    """The person of that name, created if new; a gender note fills an empty one."""
    key = _check_person_name(name, "person")
    person = Person.objects.filter(name=key).first()
    if person is None:
        person = Person.objects.create(name=key, gender_note=gender_note)
        record("add_person", person, f"登记人员 {key}", by=by, reason=reason)
    elif gender_note and not person.gender_note:
        person.gender_note = gender_note
        person.save(update_fields=["gender_note"])
    return person


def add_alias(org: Organization, name: str, *, note: str = "") -> None:
    """Record another name of `org` (no-op if it is its name already; refused if another unit has it)."""
    key = normalize_name(name)
    if not key or key in (org.name, org.short_name):
        return
    existing = OrganizationName.objects.filter(name=key).first()
    if existing and existing.organization_id != org.pk:
        raise DomainError(f"“{key}”已是{existing.organization.label}的别名。", field="alias", code="duplicate_alias")
    if existing is None:
        OrganizationName.objects.create(organization=org, name=key, note=note)


def ensure_unit(printed: str, *, by: str, reason: str = "") -> Organization:
    """The unit a document names (区应急局, 文龙街道办事处 …), created on first sight.

    A name in `units.KNOWN_UNITS` is registered under its attested full name with its aliases; any other
    under the printed name, classified by `units.classify_unit`.
    """
    name, alias = canonical_unit_name(normalize_name(printed))
    org = lookup_organization(name)
    if org is None:
        known = known_unit(name)
        if known:
            org = Organization.objects.create(name=known.name, short_name=known.short_name,
                                              classification=known.classification)
            for other in (known.short_name, *known.aliases):
                add_alias(org, other, note=f"见{known.source}")
        else:
            org = Organization.objects.create(name=name, classification=classify_unit(name))
        record("add_organization", org, f"登记单位 {org.name}", by=by, reason=reason)
    if alias:
        add_alias(org, alias, note="公文的另一种写法")
    return org


@transaction.atomic
def add_organization(name: str, *, classification: str, short_name: str = "", parent: Organization | None = None,
                     by: str, reason: str = "") -> Organization:
    """Register an organisation staff name (refused when the name or an alias already exists)."""
    key = normalize_name(name)
    if not key:
        raise DomainError("请填写机构名称。", field="name", code="bad_name")
    if lookup_organization(key) is not None:
        raise DomainError(f"名录中已有“{key}”。", field="name", code="duplicate_organization")
    org = Organization.objects.create(name=key, short_name=normalize_name(short_name),
                                      classification=classification, parent=parent)
    if org.short_name:
        add_alias(org, org.short_name, note="简称")
    record("add_organization", org, f"登记机构 {org.name}", by=by, reason=reason)
    return org


def ensure_post(org: Organization, title: str, *, by: str, reason: str = "") -> Post:
    """The post `title` of `org`, created with the default number of holders for the title."""
    post = Post.objects.filter(organization=org, title=title).first()
    if post is None:
        post = Post.objects.create(organization=org, title=title, max_holders=default_max_holders(title))
        record("add_post", post, f"设立职务 {post.label}", by=by, reason=reason)
        if title in (PRINCIPAL, head_title(org.name), head_title(org.short_name)):
            link_principal(org, by=by, reason=reason)
    return post


@transaction.atomic
def add_post(unit_name: str, title: str, *, max_holders: int | None = 1, by: str, reason: str = "") -> Post:
    """Register a post in a known unit; refused if it exists or the unit is unknown."""
    org = find_organization(unit_name, field="unit")
    title = normalize_name(title)
    if not title:
        raise DomainError("请填写职务名称，如 局长。", field="title", code="bad_title")
    if lookup_post(f"{org.label}{title}") is not None:
        raise DomainError(f"{org.label}已有“{title}”这个职务。", field="title", code="duplicate_post")
    if max_holders is not None and max_holders < 1:
        raise DomainError("职数至少为1（不限请留空）。", field="max_holders", code="bad_max_holders")
    post = Post.objects.create(organization=org, title=title, max_holders=max_holders)
    record("add_post", post, f"设立职务 {post.label}", by=by, reason=reason)
    link_principal(org, by=by, reason=reason)
    return post


def link_principal(org: Organization, *, by: str, reason: str = "") -> Post | None:
    """Make `org`'s 主要负责人 filled by its head title (区应急局主要负责人 ← 区应急局局长) when both posts
    exist, the unit's kind names the head title (`titles.head_title`) and nobody was appointed to
    主要负责人 directly. Returns the post linked, None when nothing changed."""
    head = head_title(org.name) or head_title(org.short_name or "")
    if head is None:
        return None
    principal = Post.objects.filter(organization=org, title=PRINCIPAL, filled_by__isnull=True).first()
    head_post = Post.objects.filter(organization=org, title=head).first()
    if principal is None or head_post is None or principal.memberships.exists():
        return None
    principal.filled_by = head_post
    principal.save(update_fields=["filled_by"])
    record("link_principal", principal, f"{principal.label} 由 {head_post.label} 担任", by=by, reason=reason,
           details={"filled_by": head_post.pk})
    return principal
