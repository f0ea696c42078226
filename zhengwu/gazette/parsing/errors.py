"""The one error the parser raises: input it cannot read as a gazette issue or a document."""
from zhengwu.core.errors import DomainError


class ParseError(DomainError):
    """The file cannot be read as a gazette (无法解析); `line` says where."""

    code = "parse_error"
