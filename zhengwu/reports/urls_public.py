"""Public pages of the reports system (举报): filing a report, following up with a receipt code, claiming."""
from django.urls import path  # noqa: F401

app_name = "reports_public"
urlpatterns: list = []
