"""Body text: re-join paragraphs a page break split, then build the heading/article tree.

Heading levels follow GB/T 9704-2012 7.3.3: 一、 → （一） → 1. → （1）; articles are 第N条.
"""
import re

from zhengwu.core.chinese import chinese_numeral, to_chinese_numeral

from .result import Line, Node, Problem, Repair

CN_NUM = "一二三四五六七八九十百零〇"
ARTICLE_RE = re.compile(rf"^(第[{CN_NUM}]+条)\s*(.*)$")
HEADING_RES = [
    (1, re.compile(rf"^([{CN_NUM}]+)、\s*(.*)$")),
    (2, re.compile(rf"^（([{CN_NUM}]+)）\s*(.*)$")),
    (3, re.compile(r"^(\d{1,2})[.．、]\s*(?!\d)(.*)$")),
    (4, re.compile(r"^（(\d{1,2})）\s*(.*)$")),
]
# A line ending in one of these ends its paragraph; 》 does not (…推送《长江保护法》/权威访谈… was cut there).
TERMINAL = "。！？；：…”’）」』"
# A page holds far more than this: a fragment that began at a page top cannot end at the next one.
PAGE_CHARS = 500
SINGLE_GAP_MIN = 40  # a line this long that stops mid-sentence before one blank line was cut by a page
PAGE_GAP_MIN = 20
# A roster line: a name (spaces inside allowed), a space, then the post — 胡辉明 区交通局副局长.
ROSTER_RE = re.compile(r"^[\u4e00-\u9fff](?: ?[\u4e00-\u9fff]){1,3} +[\u4e00-\u9fff]")


def heading_of(text: str) -> tuple[int, str, str] | None:
    """(level, number, rest) when the text starts with a heading number; articles are level 1."""
    m = ARTICLE_RE.match(text)
    if m:
        return 1, m.group(1), m.group(2)
    for level, regex in HEADING_RES:
        m = regex.match(text)
        if m:
            number = m.group(1)
            printed = {1: f"{number}、", 2: f"（{number}）", 3: f"{number}.", 4: f"（{number}）"}[level]
            return level, printed, m.group(2)
    return None


def join_paragraphs(lines: list[Line], repairs: list[Repair]) -> list[Line]:
    """Join a paragraph that a page break cut in two (制定撤 / 桶并点), reporting each join."""
    out: list[Line] = []
    fragment_chars: int | None = None  # chars since the last join, while the paragraph started at a page top
    for line in lines:
        if out and _continues(out[-1], line, fragment_chars):
            prev = out[-1]
            repairs.append(Repair("page_break_split", line.no, prev.text[-8:] + " / " + line.text[:8],
                                  prev.text[-8:] + line.text[:8]))
            out[-1] = Line(prev.no, prev.text + line.text, prev.gap, prev.raw + line.raw)
            fragment_chars = len(line.text)
            continue
        out.append(line)
        fragment_chars = None
    return out


def _continues(prev: Line, line: Line, fragment_chars: int | None) -> bool:
    if line.gap == 0 or prev.text[-1] in TERMINAL or heading_of(line.text):
        return False
    if line.text[0] in "（(△“《—" or heading_of(prev.text) and len(prev.text) < 30 or ROSTER_RE.match(line.text):
        return False
    if fragment_chars is not None and fragment_chars < PAGE_CHARS:
        return False
    if line.gap >= 2:
        return len(prev.text) >= PAGE_GAP_MIN
    return len(prev.text) >= SINGLE_GAP_MIN


def split_title(rest: str) -> tuple[str, str]:
    """A run-in heading '支持企业加大研发投入。已成立…' → ('支持企业加大研发投入', '已成立…')."""
    if rest and "。" not in rest and "；" not in rest and len(rest) <= 40:
        return rest, ""  # a heading alone on its line, brackets and all: 区减灾委（区自然灾害应急总指挥部）
    head, sep, tail = rest.partition("。")
    if sep and tail.strip() and 0 < len(head) <= 30 and "，" not in head and "；" not in head:
        return head, tail
    return "", rest  # a list item that is a whole sentence has no title


def build_tree(lines: list[Line], problems: list[Problem], *, anchor_prefix: str = "") -> list[Node]:
    """Nest numbered parts by level; paragraphs go under the nearest heading above them."""
    roots: list[Node] = []
    stack: list[Node] = []
    # (parent anchor, level) → numbers in order; ("*", level) → all numbers at that level, because
    # a policy may number its items on across parts: 一、(一)(二)(三) 二、(四)…
    seen: dict[tuple[str, int], list[int]] = {}
    used_anchors: set[str] = set()
    for line in lines:
        found = heading_of(line.text)
        if found is None:
            node = Node("paragraph", 0, "", "", line.text, line.no)
            (stack[-1].children if stack else roots).append(node)
            continue
        level, number, rest = found
        kind = "article" if number.startswith("第") else "heading"
        title, text = ("", rest) if kind == "article" else split_title(rest)
        node = Node(kind, level, number, title, text, line.no)
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        node.anchor = _anchor(parent, node, anchor_prefix, used_anchors)
        _check_sequence(seen, parent, node, problems)
        (parent.children if parent else roots).append(node)
        stack.append(node)
    return roots


def _number_value(node: Node) -> int | None:
    digits = re.sub(r"[第条、（）.]", "", node.number)
    try:
        return int(digits) if digits.isdigit() else chinese_numeral(digits)
    except ValueError:
        return None


def _anchor(parent: Node | None, node: Node, prefix: str, used: set[str]) -> str:
    value = _number_value(node)
    own = (f"art{value}" if node.kind == "article" else f"{value}") if value is not None else "x"
    base = f"{parent.anchor}-{own}" if parent else f"{prefix}{'s' if node.kind == 'heading' else ''}{own}"
    anchor, n = base, 2
    while anchor in used:  # a repeated heading number (two 五、) still gets its own anchor
        anchor, n = f"{base}_{n}", n + 1
    used.add(anchor)
    return anchor


def _check_sequence(seen: dict, parent: Node | None, node: Node, problems: list[Problem]) -> None:
    value = _number_value(node)
    if value is None:
        return
    key = (parent.anchor if parent else "", node.level)
    numbers = seen.setdefault(key, [])
    if numbers:
        last = numbers[-1]
        if value == last:
            problems.append(Problem("heading_repeated", node.line,
                                    f"标题序号“{node.number}”与上一个同级标题重复（应为{_next_label(node, last + 1)}）。"))
        elif value != last + 1:
            problems.append(Problem("heading_skipped", node.line,
                                    f"标题序号“{node.number}”不连续：上一个同级标题是“{_next_label(node, last)}”，"
                                    f"此处应为“{_next_label(node, last + 1)}”。"))
    elif value != 1 and value != seen.setdefault(("*", node.level), [0])[-1] + 1:
        problems.append(Problem("heading_skipped", node.line, f"同级第一个标题序号是“{node.number}”，不是从一开始。"))
    numbers.append(value)
    seen.setdefault(("*", node.level), [0]).append(value)


def _next_label(node: Node, value: int) -> str:
    arabic = node.level in (3, 4) and node.kind == "heading"
    text = str(value) if arabic else to_chinese_numeral(value)
    if node.kind == "article":
        return f"第{text}条"
    return {1: f"{text}、", 2: f"（{text}）", 3: f"{text}.", 4: f"（{text}）"}[node.level]
