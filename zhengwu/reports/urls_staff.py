"""Staff pages of the reports system (举报办理): cases, deadlines, routing, verification, rewards."""
from django.urls import path
from django.views.generic import RedirectView

from .views import staff, staff_stats


def _moved(to: str) -> RedirectView:
    """The old address of a page now on the staff desk: a permanent redirect keeping `?next=`."""
    return RedirectView.as_view(pattern_name=to, permanent=True, query_string=True)


app_name = "reports_staff"
urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("new/", staff.new_report, name="new"),
    path("stats/", staff_stats.statistics, name="stats"),
    path("stats/export.csv", staff_stats.statistics_csv, name="stats_csv"),
    path("stats/export.xlsx", staff_stats.statistics_xlsx, name="stats_xlsx"),
    path("access-log/", staff_stats.access_log, name="access_log"),
    path("2fa/setup/", _moved("desk:2fa_setup")),  # the second factor moved to the desk (all staff share it)
    path("2fa/verify/", _moved("desk:2fa_verify")),
    path("<str:reference>/", staff.case_detail, name="case"),
    path("<str:reference>/do/<slug:action>/", staff.case_action, name="act"),
    path("<str:reference>/identity/", staff.reveal_identity, name="identity"),
    path("<str:reference>/evidence/<int:pk>/", staff.evidence_file, name="evidence"),
    path("<str:reference>/documents/<slug:kind>/", staff.document, name="document"),
]
