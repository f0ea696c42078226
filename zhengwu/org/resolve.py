"""Names → rows: people, organisations and posts as staff and documents write them.

Every shell (CLI, API, pages, Excel import) resolves names here, so the same spellings work everywhere:
- people: padding spaces do not count (“刘 刚” is 刘刚, “罗 成” is 罗成);
- organisations: full name, short name or any recorded alias; 区X, 綦江区X and 重庆市綦江区X are tried
  for one another; “区减灾委（区自然灾害应急总指挥部）” is looked up as 区减灾委;
- posts: unit (as above) + title, 区应急局局长 or 重庆市綦江区应急管理局局长.
Unknown or ambiguous names are a DomainError naming the field.
"""
import re

from django.db.models import Q

from zhengwu.core.errors import DomainError

from .models import Organization, Person, Post
from .names import normalize_name
from .titles import split_title

TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]*[）)]$")
DISTRICT_PREFIXES = ("重庆市綦江区", "綦江区", "区")


def find_person(name: str, *, field: str = "person") -> Person:
    key = normalize_name(name)
    if not key:
        raise DomainError("请填写人员姓名。", field=field, code="unknown_person")
    found = list(Person.objects.filter(name=key)[:3])
    if not found:
        found = [p for p in Person.objects.exclude(other_names=[])
                 if any(normalize_name(o.get("name", "")) == key for o in p.other_names)]
    if not found:
        raise DomainError(f"名录中没有“{key}”这个人。", field=field, code="unknown_person")
    if len(found) > 1:
        raise DomainError(f"名录中有不止一位“{key}”，请在管理页面核对后用其他姓名区分。", field=field,
                          code="ambiguous_person")
    return found[0]


def name_variants(name: str) -> list[str]:
    """区X ↔ 綦江区X ↔ 重庆市綦江区X, and the name without a trailing （…）."""
    key = normalize_name(name)
    variants = [key]
    bare = TRAILING_NOTE_RE.sub("", key)
    if bare and bare != key:
        variants.append(bare)
    for candidate in list(variants):
        for prefix in DISTRICT_PREFIXES:
            if candidate.startswith(prefix) and len(candidate) > len(prefix) + 1:
                rest = candidate[len(prefix):]
                variants.extend(p + rest for p in DISTRICT_PREFIXES if p != prefix)
                break
    return list(dict.fromkeys(variants))


def lookup_organization(name: str) -> Organization | None:
    """The organisation a name means, or None: its name first, then an alias, then a short name, trying
    the spellings of `name_variants` in order."""
    variants = name_variants(name)
    rows = list(Organization.objects.filter(Q(name__in=variants) | Q(names__name__in=variants)
                                            | Q(short_name__in=variants)).prefetch_related("names").distinct())
    ranked = []
    for org in rows:
        aliases = {n.name for n in org.names.all()}
        for index, variant in enumerate(variants):
            for rank, hit in enumerate((org.name == variant, variant in aliases, org.short_name == variant)):
                if hit:
                    ranked.append((index, rank, org.pk, org))
    return min(ranked, key=lambda r: r[:3])[3] if ranked else None


def find_organization(name: str, *, field: str = "body") -> Organization:
    org = lookup_organization(name) if normalize_name(name) else None
    if org is None:
        raise DomainError(f"名录中没有“{normalize_name(name)}”这个机构或单位。", field=field,
                          code="unknown_organization")
    return org


def lookup_post(label: str) -> Post | None:
    key = normalize_name(label)
    split = split_title(key)
    if split is None:
        return None
    unit_name, title = split
    org = lookup_organization(unit_name) if unit_name else None
    if org is None:
        return None
    return Post.objects.filter(organization=org, title=title).select_related("organization").first()


def find_post(label: str, *, field: str = "post") -> Post:
    key = normalize_name(label)
    if not key:
        raise DomainError("请填写职务，如 区应急局局长。", field=field, code="unknown_post")
    post = lookup_post(key)
    if post is not None:
        return post
    split = split_title(key)
    if split is None:
        for end in range(len(key) - 1, 1, -1):  # the longest known unit at the start names the unit
            org = lookup_organization(key[:end])
            if org is not None:
                split = (key[:end], key[end:])
                break
        else:
            raise DomainError(f"“{key}”不是“单位 + 职务”的写法（如 区应急局局长）。", field=field, code="unknown_post")
    org = lookup_organization(split[0]) if split[0] else None
    if org is None:
        raise DomainError(f"名录中没有职务“{key}”：找不到单位“{split[0]}”。", field=field, code="unknown_post")
    titles = "、".join(org.posts.values_list("title", flat=True)) or "（尚无职务）"
    raise DomainError(f"{org.label}没有“{split[1]}”这个职务；已有：{titles}。", field=field, code="unknown_post")
