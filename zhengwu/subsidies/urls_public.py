"""Public pages of the subsidy system (科技政策兑现) under /subsidy/: self-check, applying, the firm's pages."""
from django.urls import path

from .views import public

app_name = "subsidies_public"
urlpatterns = [
    path("", public.self_check, name="check"),
    path("apply/", public.apply, name="apply"),
    path("k/<str:key>/", public.open_link, name="open"),
    path("my/", public.mine, name="mine"),
    path("my/leave/", public.leave, name="leave"),
    path("my/<str:reference>/", public.application, name="application"),
    path("my/<str:reference>/edit/", public.edit, name="edit"),
    path("my/<str:reference>/evidence/", public.upload, name="upload"),
    path("my/<str:reference>/evidence/<int:pk>/", public.download, name="download"),
    path("my/<str:reference>/evidence/<int:pk>/delete/", public.remove, name="remove"),
    path("my/<str:reference>/submit/", public.submit, name="submit"),
]
