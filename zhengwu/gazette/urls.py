from django.urls import path

from . import views

app_name = "gazette"
urlpatterns = [
    path("", views.home, name="home"),
    path("issues/", views.issue_list, name="issues"),
    path("issues/<int:year>/<int:number>/", views.issue_detail, name="issue"),
    path("issues/<int:year>/<int:number>/items/<int:order>/", views.item_detail, name="item"),
    path("news/", views.news_list, name="news"),
    path("docs/", views.document_lookup, name="lookup"),
    path("docs/id/<int:pk>/", views.document_by_id, name="document_by_id"),
    path("docs/<path:number>", views.document_detail, name="document"),
]
