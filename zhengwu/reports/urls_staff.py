"""Staff pages of the reports system (举报办理): cases, deadlines, routing, verification, rewards."""
from django.urls import path  # noqa: F401

app_name = "reports_staff"
urlpatterns: list = []
