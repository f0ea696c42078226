"""Pages of the supervision system under /supervision/: the office's and the units' pages behind login,
and the public roll-up at /supervision/public/."""
from django.urls import path

from .views import assignment, office, public, sheets, targets

app_name = "supervision"
urlpatterns = [
    path("", office.dashboard, name="dashboard"),
    path("public/", public.public, name="public"),
    path("p/<int:pk>/", office.programme, name="programme"),
    path("p/<int:pk>/edit/<slug:what>/", office.programme_edit, name="programme_edit"),
    path("p/<int:pk>/targets/", targets.targets, name="targets"),
    path("p/<int:pk>/targets/record/", targets.record, name="record"),
    path("p/<int:pk>/targets/fund/", targets.fund, name="fund"),
    path("p/<int:pk>/sheet/<slug:kind>/", sheets.sheet, name="sheet"),
    path("task/<int:pk>/", office.task, name="task"),
    path("task/<int:pk>/edit/<slug:what>/", office.task_edit, name="task_edit"),
    path("task/<int:pk>/choose/<int:group>/", office.choose_members, name="choose"),
    path("a/<int:pk>/", assignment.assignment, name="assignment"),
    path("a/<int:pk>/do/<slug:action>/", assignment.act, name="act"),
    path("a/<int:pk>/extension/", assignment.extension, name="extension"),
    path("extension/<int:pk>/decide/", assignment.decide, name="decide"),
    path("file/<int:pk>/", assignment.download, name="file"),
]
