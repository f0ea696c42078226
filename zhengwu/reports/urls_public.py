"""Public pages of the reports system (举报): filing a report, following up with a receipt code, claiming."""
from django.urls import path

from .views import public

app_name = "reports_public"
urlpatterns = [
    path("", public.report_form, name="form"),
    path("follow-up/", public.follow_up, name="follow_up"),
    path("announcements/", public.announcements, name="announcements"),
]
