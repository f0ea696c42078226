"""Root URLs: a flat list of includes."""
from django.contrib import admin
from django.urls import include, path

from .api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("zhengwu.desk.urls_accounts")),  # staff login of every system
    path("desk/", include("zhengwu.desk.urls")),
    path("api/", api.urls),
    path("org/", include("zhengwu.org.urls")),
    path("report/", include("zhengwu.reports.urls_public")),
    path("reports/", include("zhengwu.reports.urls_staff")),
    path("subsidy/", include("zhengwu.subsidies.urls_public")),
    path("subsidies/", include("zhengwu.subsidies.urls_staff")),
    path("waste/", include("zhengwu.waste.urls")),
    path("supervision/", include("zhengwu.supervision.urls")),
    path("awards/", include("zhengwu.awards.urls")),
    path("", include("zhengwu.gazette.urls")),
]
