"""Vocabularies of the gazette app, as TextChoices (English values, Chinese labels)."""
from django.db import models


class ItemKind(models.TextChoices):
    """What an entry of an issue is (篇目类型): a document, the editorial or a news brief; the search index uses the same kinds."""

    DOCUMENT = "document", "公文"
    EDITORIAL = "editorial", "卷首语"
    NEWS = "news", "政务要闻"


class PartKind(models.TextChoices):
    """Which text of a document a part is (文本类型): the notice itself or the 方案/办法 it transmits (印发的文本)."""

    MAIN = "main", "正文"
    TRANSMITTED = "transmitted", "印发的文本"
