"""Staff pages of the subsidy system (科技政策兑现办理) under /subsidies/: applications, budget, proactive
matching (免申即享) and the forecast."""
from django.urls import path

from .views import staff, staff_budget, staff_forecast, staff_matching

app_name = "subsidies_staff"
urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    path("budget/", staff_budget.budget, name="budget"),
    path("budget/export.csv", staff_budget.budget_csv, name="budget_csv"),
    path("budget/export.xlsx", staff_budget.budget_xlsx, name="budget_xlsx"),
    path("register/", staff_matching.registers, name="registers"),
    path("register/<int:upload>/", staff_matching.matches, name="matches"),
    path("register/<int:upload>/<int:row>/", staff_matching.match, name="match"),
    path("register/<int:upload>/<int:row>/invite/", staff_matching.invite, name="invite"),
    path("forecast/", staff_forecast.forecast, name="forecast"),
    path("<str:reference>/", staff.application, name="application"),
    path("<str:reference>/do/<slug:action>/", staff.act, name="act"),
    path("<str:reference>/correct/", staff.correct, name="correct"),
    path("<str:reference>/evidence/<int:pk>/", staff.evidence_file, name="evidence"),
]
