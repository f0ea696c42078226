"""Staff accounts under /accounts/ (every system's staff): login, logout (POST), password change and reset."""
from django.urls import path

from .views import accounts as views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("password/", views.StaffPasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.StaffPasswordChangeDoneView.as_view(), name="password_change_done"),
    path("password/reset/", views.StaffPasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.StaffPasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.StaffPasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("password/reset/done/", views.StaffPasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
