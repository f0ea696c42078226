from django.urls import path

from .views import feeds, outputs, pages, pdf
from .views.search import search_page

app_name = "gazette"
urlpatterns = [
    path("", pages.home, name="home"),
    path("search/", search_page, name="search"),
    path("issues/", pages.issue_list, name="issues"),
    path("issues/<int:year>/<int:number>/", pages.issue_detail, name="issue"),
    path("issues/<int:year>/<int:number>/items/<int:order>/", pages.item_detail, name="item"),
    path("issues/<int:year>/<int:number>/pdf", pdf.issue_pdf, name="issue_pdf"),
    path("news/", pages.news_list, name="news"),
    path("feeds/issues.atom", feeds.IssuesFeed(), name="feed_issues"),
    path("feeds/documents.atom", feeds.DocumentsFeed(), name="feed_documents"),
    path("feeds/documents/<str:issuer>.atom", feeds.IssuerDocumentsFeed(), name="feed_issuer"),
    path("docs/", pages.document_lookup, name="lookup"),
    path("docs/id/<int:pk>/", pages.document_by_id, name="document_by_id"),
    path("docs/id/<int:pk>/docx", outputs.document_docx_by_id, name="document_docx_by_id"),
    path("docs/<path:number>/docx", outputs.document_docx_view, name="document_docx"),  # before the catch-all
    path("docs/<path:number>", pages.document_detail, name="document"),
]
