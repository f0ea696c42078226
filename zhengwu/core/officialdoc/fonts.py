"""The Chinese fonts (中文字体) a printed document (the gazette PDF, a notice) needs, found through fontconfig.

The PDF must embed a font the system really has: WeasyPrint silently falls back to boxes (豆腐块)
when no CJK font is installed, so the check fails loudly before rendering instead.
"""
import shutil
import subprocess
from dataclasses import dataclass

from zhengwu.core.errors import DomainError

FONT_PACKAGE = "fonts-noto-cjk"
# Preferred families, best first: 宋体-like serif for the body, 黑体-like sans for headings.
SERIF_PREFERRED = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
                   "Noto Serif CJK TC", "Noto Serif CJK JP")
SANS_PREFERRED = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
                  "WenQuanYi Micro Hei", "Noto Sans CJK TC", "Noto Sans CJK JP", "Droid Sans Fallback")
UNSAFE = set('"\\<>{};')  # a family name goes into a CSS string; these could break out of it


@dataclass(frozen=True)
class CjkFonts:
    """中文字体: the font families the PDF is set in."""

    serif: str  # 正文（宋体类）
    sans: str  # 标题（黑体类）

    def css_stack(self, family: str) -> str:
        return f'"{family}", "{self.serif}", "{self.sans}", serif'


def system_cjk_families() -> list[str]:
    """Family names fontconfig reports for Chinese (`fc-list :lang=zh family`); [] without fontconfig."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    families: list[str] = []
    for line in done.stdout.splitlines():
        # One font per line; a font with localised names lists them all, comma separated.
        for name in line.split(","):
            name = name.strip()
            if name and name not in families and not UNSAFE & set(name):
                families.append(name)
    return sorted(families)


def require_cjk_font() -> CjkFonts:
    """The serif and sans CJK families to use; a DomainError naming the package when there is none."""
    found = system_cjk_families()
    families = [f for f in found if "mono" not in f.lower()] or found
    if not families:
        raise DomainError(f"系统中没有中文字体，无法生成 PDF。请安装 {FONT_PACKAGE}："
                          f"sudo apt-get install {FONT_PACKAGE}", field="字体", code="font_missing")
    serif = _pick(families, SERIF_PREFERRED, ("serif", "song", "ming", "宋"))
    sans = _pick(families, SANS_PREFERRED, ("sans", "hei", "黑"))
    return CjkFonts(serif=serif or sans or families[0], sans=sans or serif or families[0])


def _pick(families: list[str], preferred: tuple[str, ...], hints: tuple[str, ...]) -> str | None:
    for name in preferred:
        if name in families:
            return name
    # "Sans Serif" names both hints; a sans family must not pass for the serif one.
    for family in families:
        lower = family.lower()
        if any(h in lower for h in hints) and not ("serif" in hints and "sans" in lower):
            return family
    return None
