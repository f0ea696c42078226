from django.urls import path

from .views import pages
from .views.search import search_page

app_name = "gazette"
urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search_page, name="search"),
    path("issues/", pages.issue_list, name="issues"),
    path("issues/<int:year>/<int:number>/", pages.issue_detail, name="issue"),
    path("issues/<int:year>/<int:number>/items/<int:order>/", pages.item_detail, name="item"),
    path("news/", pages.news_list, name="news"),
    path("docs/", pages.document_lookup, name="lookup"),
    path("docs/id/<int:pk>/", pages.document_by_id, name="document_by_id"),
    path("docs/<path:number>", pages.document_detail, name="document"),
]
