"""Titles (职务名称) and how a printed post such as “区委常委、区政府常务副区长” splits into unit + title.

A printed post is the unit's name followed by a title; the title is found by the longest known title at
the end. Add a title to TITLES when a document prints one that is missing: the reader then reports the
line instead of guessing.
"""
import re
from dataclasses import dataclass

TITLES = (
    "常务副区长", "副区长", "区长", "常委",
    "党委书记", "党委副书记", "工委副书记", "政法书记", "纪委书记", "副书记", "书记",
    "常务副主任", "副主任", "主任", "常务副局长", "副局长", "局长",
    "副总经理", "总经理", "监事会主席", "副董事长", "董事长",
    "一级调研员", "二级调研员", "三级调研员", "四级调研员", "副调研员", "调研员",
    "武装部长", "副部长", "部长", "副镇长", "镇长", "人大主席", "人大副主席",
    "组织委员", "宣传委员", "统战委员", "宣传、统战委员",
    "政委", "专委", "副检察长", "检察长", "副院长", "院长", "副主席", "主席", "副理事长", "理事长",
    "副支队长", "支队长", "副秘书长", "秘书长",
    "主要负责人", "分管负责人",
)
_BY_LENGTH = sorted(TITLES, key=len, reverse=True)

# Titles several people hold at once besides the deputies (副职): ranks and 分管负责人.
MULTI_HOLDER_TITLES = frozenset({"常委", "一级调研员", "二级调研员", "三级调研员", "四级调研员", "调研员",
                                 "副调研员", "分管负责人", "专委"})
# A piece without its own unit continues the previous one: “新盛街道武装部长、办事处副主任”.
SUB_UNIT_WORDS = ("办事处", "人大", "党委")
QUALIFIERS = ("有关",)  # “区政府办公室主任、有关副主任”: the relevant ones among the deputies
NOTE_RE = re.compile(r"[（(](?P<note>[^（）()]{1,10})[）)]$")

PRINCIPAL = "主要负责人"
IN_CHARGE = "分管负责人"


@dataclass(frozen=True)
class PrintedPost:
    """One post as printed: unit name as printed, title, and a note (兼, 挂, 有关)."""

    unit: str
    title: str
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.unit}{self.title}"


def split_title(text: str) -> tuple[str, str] | None:
    """'区应急局局长' → ('区应急局', '局长'); None when no known title ends the text."""
    for title in _BY_LENGTH:
        if text.endswith(title):
            return text[: -len(title)], title
    return None


def default_max_holders(title: str) -> int | None:
    """1 for a post one person holds (局长, 常务副区长); None (no limit) for deputies and ranks."""
    if title in MULTI_HOLDER_TITLES:
        return None
    if "副" in title and not title.startswith("常务"):
        return None
    return 1


def split_top_level(text: str, sep: str = "、") -> list[str]:
    """Split on `sep` outside parentheses: '区国资委（甲、乙）、区统计局' → two pieces."""
    pieces, depth, current = [], 0, []
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(0, depth - 1)
        if ch == sep and depth == 0:
            pieces.append("".join(current))
            current = []
        else:
            current.append(ch)
    pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


def split_posts(text: str) -> list[PrintedPost]:
    """'区委常委、区政府常务副区长' → [区委 常委, 区政府 常务副区长]. ValueError (in Chinese) if unreadable.

    A piece that does not end with a title belongs to the next one (“扶欢镇宣传、统战委员” is one title);
    a piece without a unit continues the previous unit (“篆塘镇武装部长、副镇长” → 篆塘镇副镇长).
    """
    pieces: list[str] = []
    pending = ""
    for piece in split_top_level(re.sub(r"\s+", "", text)):
        piece = f"{pending}、{piece}" if pending else piece
        bare = NOTE_RE.sub("", piece)
        if split_title(bare) is None:
            pending = piece
            continue
        pieces.append(piece)
        pending = ""
    if pending:
        raise ValueError(f"“{pending}”不是已知的职务名称（单位 + 职务，如 区应急局局长）。")
    found: list[PrintedPost] = []
    for piece in pieces:
        note_match = NOTE_RE.search(piece)
        note = note_match["note"] if note_match else ""
        unit, title = split_title(NOTE_RE.sub("", piece))  # type: ignore[misc]  # checked above
        for qualifier in QUALIFIERS:
            if unit.startswith(qualifier):
                unit, note = unit[len(qualifier):], qualifier
        if not unit or unit in SUB_UNIT_WORDS:
            if not found:
                raise ValueError(f"职务“{piece}”没有写明单位。")
            unit = found[-1].unit + unit
        found.append(PrintedPost(unit, title, note))
    if not found:
        raise ValueError("没有职务。")
    return found


def seat_post(posts: list[PrintedPost]) -> PrintedPost:
    """The post a named person sits by: the first post one person holds (区政府常务副区长, not 区委常委,
    which several people hold); when all are shared (渝南公司副总经理、…副主任), the first."""
    for post in posts:
        if default_max_holders(post.title) == 1:
            return post
    return posts[0]


def head_title(unit_name: str) -> str | None:
    """The title of a unit's head (主要负责人) where the unit's kind says it: 局 → 局长, 委/中心/办 → 主任.

    None for party bodies (区委…, whose head is a 书记), companies (总经理 or 董事长), streets and towns:
    for those the link from 主要负责人 to a title is made by staff, never assumed.
    """
    if unit_name.startswith(("区委", "团区委")) or unit_name.endswith("工委"):
        return None
    if unit_name.endswith("局"):
        return "局长"
    if unit_name.endswith(("委", "委员会", "中心", "办", "办公室", "管委会")):
        return "主任"
    if unit_name.endswith("支队"):
        return "支队长"
    return None
