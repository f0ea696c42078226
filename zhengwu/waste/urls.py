"""Pages of the waste system under /waste/."""
from django.urls import path  # noqa: F401

app_name = "waste"
urlpatterns: list = []
