"""Domain errors: each names the line or field at fault, so every shell can show a clear message."""


class DomainError(Exception):
    """Bad input or a refused action (错误). `where` is the field or line the user must look at."""

    code = "invalid"

    def __init__(self, message: str, *, line: int | None = None, field: str | None = None,
                 code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field
        if code:
            self.code = code

    def as_dict(self) -> dict:
        return {"code": self.code, "line": self.line, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        if self.line and self.message.startswith(f"第{self.line}行"):  # already named: 第4行“营业收入”列：…
            return self.message
        where = f"第{self.line}行: " if self.line else (f"{self.field}: " if self.field else "")
        return f"{where}{self.message}"
