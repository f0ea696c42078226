"""预算预测 (forecast and what-if): the latest (or a chosen, or a newly uploaded) firm register, what-if
parameter values, totals by item and overall under the current and the what-if parameters, the
difference, and an inline SVG bar chart drawn on the server."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from zhengwu.core.errors import DomainError

from .. import engine, matching
from ..chart import bar_chart
from ..forms_staff import ForecastForm
from ..models import RegisterUpload
from .staff import T, staff_page
from .staff_matching import _error_text

SERIES = ("现行参数", "假设参数")


def parse_overrides(text: str) -> dict[str, str]:
    """"六.above.cap=600000" lines (blank lines and # comments skipped) → {name: value}; a malformed
    line is a DomainError naming it."""
    found: dict[str, str] = {}
    for number, raw in enumerate((text or "").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, value = (part.strip() for part in line.replace("＝", "=").partition("="))
        if not sep or not name or not value:
            raise DomainError(f"假设参数第{number}行“{raw.strip()}”应写作 名称=数值，如 六.above.cap=600000。",
                              field="overrides", code="bad_override")
        if name in found:
            raise DomainError(f"假设参数第{number}行：“{name}”重复。", field="overrides", code="bad_override")
        found[name] = value
    return found


@staff_page
def forecast(request: HttpRequest) -> HttpResponse:
    uploads = list(RegisterUpload.objects.order_by("-uploaded_at", "-pk")[:50])
    bound = request.method == "POST" or bool(request.GET)
    form = ForecastForm((request.POST or request.GET) if bound else None, request.FILES or None, uploads=uploads)
    result, chosen, status = None, None, 200
    if form.is_bound:
        status = 400
        if form.is_valid():
            try:
                result, chosen = _run(request, form, uploads)
                status = 200
            except DomainError as exc:
                # The engine names a bad what-if value by its command-line option (--set); here it is the box.
                field = {"--set": "overrides", "overrides": "overrides", "on": "on"}.get(exc.field or "", "register")
                form.add_error(field, _error_text(exc) if field == "register" else exc.message)
    elif uploads:
        # The page opens on the latest register under the current parameters: the baseline to change.
        try:
            result, chosen = engine.run_forecast(_firms(uploads[0]), {}, timezone.localdate()), str(uploads[0])
        except DomainError as exc:
            form.add_error(None, _error_text(exc))
    chart = None
    if result is not None:
        chart = bar_chart([(f"（{r.item}）", [r.current, r.whatif]) for r in result.rows if r.current or r.whatif],
                          title="按政策条目的预测金额：现行参数与假设参数", series=SERIES)
    context = {"form": form, "result": result, "chart": chart, "chosen": chosen, "has_uploads": bool(uploads),
               "example": "六.above.cap=600000"}
    return render(request, T + "forecast.html", context, status=status)


def _run(request: HttpRequest, form: ForecastForm, uploads: list[RegisterUpload]):
    d = form.cleaned_data
    on = d["on"] or timezone.localdate()
    overrides = parse_overrides(d["overrides"])
    if d.get("register"):
        upload = d["register"]
        data, name = upload.read(), upload.name
        if len(data) > matching.MAX_BYTES:
            raise DomainError(f"企业名录文件超过 {matching.MAX_BYTES // 2**20} MB。", field="register",
                              code="file_too_large")
        chosen = name
    else:
        picked = next((u for u in uploads if u.pk == d.get("upload")), None) or (uploads[0] if uploads else None)
        if picked is None:
            raise DomainError("还没有导入企业名录：请上传一个名录文件（CSV 或 Excel）。", field="register", code="required")
        return engine.run_forecast(_firms(picked), overrides, on), str(picked)
    return engine.run_forecast(engine.read_register(name, data), overrides, on), chosen


def _firms(upload: RegisterUpload) -> list:
    return engine.read_register(upload.filename, bytes(upload.data))
