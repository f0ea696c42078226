"""Pages of the supervision system under /supervision/."""
from django.urls import path  # noqa: F401

app_name = "supervision"
urlpatterns: list = []
