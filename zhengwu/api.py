"""The one NinjaAPI: each system adds its router. OpenAPI at /api/openapi.json (no CDN docs page)."""
from django.http import Http404
from ninja import NinjaAPI

from zhengwu.gazette.api import router as gazette_router
from zhengwu.gazette.search.api import router as search_router
from zhengwu.org.api import router as org_router

api = NinjaAPI(title="zhengwu 政务 API", version="1", docs_url=None,
               description="政府公报及其所设项目的 JSON API。")
api.add_router("/gazette", gazette_router)
api.add_router("/gazette", search_router)  # GET /api/gazette/search
api.add_router("/org", org_router)
api.add_router("/reports", "zhengwu.reports.api.router")  # POST /api/reports/intake (对接平台)
api.add_router("/waste", "zhengwu.waste.api.router")
api.add_router("/supervision", "zhengwu.supervision.api.router")
api.add_router("/awards", "zhengwu.awards.api.router")


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    return api.create_response(request, {"detail": str(exc) or "没有找到"}, status=404)
