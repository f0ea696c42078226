"""What reading a document gave: counts, and every line that was not (fully) turned into data."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """A line the reader did not turn into data.

    severity `warning`: not understood, skipped — staff must enter it by hand;
    severity `info`: understood, but the registry has nothing to record it in (办公室成员由…有关科室负责人担任).
    """

    line: int | None
    code: str
    message: str
    severity: str = "warning"

    def as_json(self) -> dict:
        return {"line": self.line, "code": self.code, "message": self.message, "severity": self.severity}

    def __str__(self) -> str:
        where = f"第{self.line}行" if self.line else "刊头"
        return f"{where}: [{self.severity}] {self.code} {self.message}"


@dataclass
class ImportReport:
    """The outcome of reading one document (or an issue's masthead) into the registry."""

    source: str  # document number, or 刊头 2021年第6期
    kind: str  # appointments | composition | masthead
    already_imported: bool = False
    bodies: list[str] = field(default_factory=list)
    seats: int = 0
    memberships: int = 0
    items: int = 0
    dissolved: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"source": self.source, "kind": self.kind, "already_imported": self.already_imported,
                "bodies": self.bodies, "seats": self.seats, "memberships": self.memberships, "items": self.items,
                "dissolved": self.dissolved, "linked": self.linked,
                "problems": [p.as_json() for p in self.problems]}

    def summary(self) -> str:
        if self.already_imported:
            return f"{self.source}：已导入过，未重复写入。"
        parts = [f"机构 {len(self.bodies)} 个", f"席位 {self.seats} 个", f"任职 {self.memberships} 条"]
        if self.items:
            parts.append(f"任免事项 {self.items} 项")
        if self.dissolved:
            parts.append(f"撤销/并入 {len(self.dissolved)} 个")
        return f"{self.source}：" + "，".join(parts) + f"；未能读入的行 {len(self.problems)} 处。"
