"""Template filters for gazette text: document numbers become links to the cited document."""
from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from zhengwu.core.docnumber import find_numbers

register = template.Library()


@register.filter
def link_numbers(text: str, known: dict[str, str] | None) -> SafeString:
    """Escape `text`, linking every document number found in `known` (canonical number → URL)."""
    if not text:
        return mark_safe("")
    if not known:
        return conditional_escape(text)
    out, last = [], 0
    for canonical, _printed, start, end in find_numbers(text):
        url = known.get(canonical)
        if url is None:
            continue
        out.append(conditional_escape(text[last:start]))
        out.append(format_html('<a href="{}" class="cite">{}</a>', url, text[start:end]))
        last = end
    out.append(conditional_escape(text[last:]))
    return mark_safe("".join(str(part) for part in out))
