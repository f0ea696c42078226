"""How names are compared: printed lists pad two-character names with spaces (刘 刚); names never
contain spaces, so every space is removed before a name is stored or looked up."""
import re

SPACES_RE = re.compile(r"[\s\u3000\u00a0]+")


def normalize_name(text: str) -> str:
    """Remove every space, including full-width and no-break spaces: '刘 刚' → '刘刚'."""
    return SPACES_RE.sub("", text or "")
