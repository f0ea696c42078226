"""Staff login, logout, password change and password reset under /accounts/ (工作人员登录与密码).

Django's own views with Chinese templates; django-axes (settings) locks a user name for 30 minutes after 5
wrong passwords. A reset link goes by mail through the configured EMAIL_BACKEND; the page says the same
whether or not the address belongs to an account, so it tells nobody who has one.
"""
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator

from zhengwu.core.private_pages import private_page


@method_decorator(private_page, name="dispatch")
class StaffLoginView(auth_views.LoginView):
    template_name = "desk/accounts/login.html"
    redirect_authenticated_user = True


@method_decorator(private_page, name="dispatch")
class StaffLogoutView(auth_views.LogoutView):
    pass  # POST only (Django 5): a link or an image cannot log anyone out


@method_decorator(private_page, name="dispatch")
class StaffPasswordChangeView(auth_views.PasswordChangeView):
    template_name = "desk/accounts/password_change_form.html"


@method_decorator(private_page, name="dispatch")
class StaffPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "desk/accounts/password_change_done.html"


@method_decorator(private_page, name="dispatch")
class StaffPasswordResetView(auth_views.PasswordResetView):
    template_name = "desk/accounts/password_reset_form.html"
    email_template_name = "desk/accounts/password_reset_email.txt"
    subject_template_name = "desk/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"site_name": settings.ZHENGWU_SITE_NAME}

    def form_valid(self, form):
        # the mail names the government, not the host name Django would otherwise use
        self.extra_email_context = {"site_name": settings.ZHENGWU_SITE_NAME}
        return super().form_valid(form)


@method_decorator(private_page, name="dispatch")
class StaffPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "desk/accounts/password_reset_done.html"


@method_decorator(private_page, name="dispatch")
class StaffPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "desk/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


@method_decorator(private_page, name="dispatch")
class StaffPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "desk/accounts/password_reset_complete.html"
