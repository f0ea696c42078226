"""Staff pages of the reports system (举报办理): cases, deadlines, routing, verification, rewards."""
from django.urls import path

from .views import staff, staff_accounts, staff_stats

app_name = "reports_staff"
urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("new/", staff.new_report, name="new"),
    path("stats/", staff_stats.statistics, name="stats"),
    path("stats/export.csv", staff_stats.statistics_csv, name="stats_csv"),
    path("stats/export.xlsx", staff_stats.statistics_xlsx, name="stats_xlsx"),
    path("access-log/", staff_stats.access_log, name="access_log"),
    path("2fa/setup/", staff_accounts.two_factor_setup, name="2fa_setup"),
    path("2fa/verify/", staff_accounts.two_factor_verify, name="2fa_verify"),
    path("<str:reference>/", staff.case_detail, name="case"),
    path("<str:reference>/do/<slug:action>/", staff.case_action, name="act"),
    path("<str:reference>/identity/", staff.reveal_identity, name="identity"),
    path("<str:reference>/evidence/<int:pk>/", staff.evidence_file, name="evidence"),
    path("<str:reference>/documents/<slug:kind>/", staff.document, name="document"),
]
