from django.urls import path

from . import views

app_name = "org"
urlpatterns = [
    path("", views.body_list, name="bodies"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/changes/", views.body_changes, name="changes"),
    path("people/", views.person_lookup, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("probations/", views.probation_list, name="probations"),
    path("appoint/", views.appoint_form, name="appoint"),
    path("excel/", views.excel_page, name="excel"),
    path("excel/upload/", views.excel_upload, name="excel_upload"),
]
