"""Atom feeds (订阅源) of new issues and documents, per issuer too: thin shells over gazette.queries.

An entry's date is when it appeared: an issue's publication date (出版日期), a document's issue's
publication date, or its signing date (成文日期) when it stands alone. Re-importing an issue therefore
does not announce its documents again.
"""
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .. import queries
from ..models import Document, Issue

LIMIT = 30


def visible_documents() -> QuerySet[Document]:
    """Documents of published issues and lone documents, newest first by the date they appeared."""
    appeared = Coalesce("item__issue__published_on", "signed_on")
    return (Document.objects.filter(Q(item__isnull=True) | Q(item__issue__published=True))
            .select_related("item__issue")
            .alias(appeared=appeared)
            .order_by(F("appeared").desc(nulls_last=True), F("signed_on").desc(nulls_last=True), "-pk"))


def _moment(day: date | None, fallback: datetime) -> datetime:
    """Midnight of `day` in the site's time zone (Atom wants an instant), else `fallback`."""
    if day is None:
        return fallback
    return timezone.make_aware(datetime.combine(day, time.min))


def _day(day: date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else "未注明"


class IssuesFeed(Feed):
    """/feeds/issues.atom: the newest published issues (公报期)."""

    feed_type = Atom1Feed
    title = "政府公报 · 最新各期"
    subtitle = "新出版的政府公报"
    author_name = "政务公开平台"

    def link(self) -> str:
        return reverse("gazette:issues")

    def feed_url(self) -> str:
        return reverse("gazette:feed_issues")

    def items(self) -> QuerySet[Issue]:
        return queries.published_issues().order_by("-year", "-number")[:LIMIT]

    def item_title(self, item: Issue) -> str:
        return f"{item.gazette} {item.label}"

    def item_description(self, item: Issue) -> str:
        count = item.items.filter(kind="document").count()
        return f"{item.label}，{_day(item.published_on)}出版，公文 {count} 篇。"

    def item_updateddate(self, item: Issue) -> datetime:
        return _moment(item.published_on, item.created_at)

    def item_author_name(self, item: Issue) -> str:
        return item.publisher or item.sponsor or item.gazette


class DocumentsFeed(Feed):
    """/feeds/documents.atom: the newest documents (公文) the public can see."""

    feed_type = Atom1Feed
    title = "政府公报 · 最新公文"
    subtitle = "公报刊登的公文：文号、发文机关、成文日期"
    author_name = "政务公开平台"

    def link(self) -> str:
        return reverse("gazette:home")

    def feed_url(self) -> str:
        return reverse("gazette:feed_documents")

    def items(self) -> list[Document]:
        return list(visible_documents()[:LIMIT])

    def item_title(self, item: Document) -> str:
        return item.title

    def item_link(self, item: Document) -> str:
        return item.get_absolute_url()

    def item_description(self, item: Document) -> str:
        return f"文号：{item.number or '无'}；发文机关：{'、'.join(item.issuers)}；成文日期：{_day(item.signed_on)}"

    def item_updateddate(self, item: Document) -> datetime:
        issue = item.issue
        return _moment(issue.published_on if issue and issue.published_on else item.signed_on, item.created_at)

    def item_author_name(self, item: Document) -> str:
        return "、".join(item.issuers)


class IssuerDocumentsFeed(DocumentsFeed):
    """/feeds/documents/<issuer>.atom: documents whose issuers (发文机关) include this body."""

    def get_object(self, request: HttpRequest, issuer: str) -> str:
        if not any(issuer in issuers for issuers in visible_documents().values_list("issuers", flat=True)):
            raise Http404(f"没有“{issuer}”发布的公文")
        return issuer

    def title(self, obj: str) -> str:
        return f"{obj} · 公文"

    def subtitle(self, obj: str) -> str:
        return f"政府公报刊登的{obj}发文"

    def feed_url(self, obj: str) -> str:
        return reverse("gazette:feed_issuer", args=[obj])

    def feed_guid(self, obj: str) -> str:
        # Atom ids must differ between feeds; the alternate link (the home page) is the same for all.
        return f"tag:zhengwu,2021:feeds/documents/{obj}"

    def items(self, obj: str) -> list[Document]:
        # JSON containment is not available on SQLite, and a body issues few enough documents to filter here.
        return [d for d in visible_documents() if obj in d.issuers][:LIMIT]
