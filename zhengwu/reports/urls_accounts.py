"""Staff accounts under /accounts/: login, logout (POST), password change (reports system, SPEC S7)."""
from django.urls import path

from .views import staff_accounts as views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("password/", views.StaffPasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.StaffPasswordChangeDoneView.as_view(), name="password_change_done"),
]
