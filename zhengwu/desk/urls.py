"""The staff desk under /desk/ (工作台): the desk home and the second-factor pages."""
from django.urls import path

from .views import home, two_factor

app_name = "desk"
urlpatterns = [
    path("", home.home, name="home"),
    path("2fa/setup/", two_factor.two_factor_setup, name="2fa_setup"),
    path("2fa/verify/", two_factor.two_factor_verify, name="2fa_verify"),
    path("2fa/replace/", two_factor.two_factor_replace, name="2fa_replace"),
]
