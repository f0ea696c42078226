"""Chinese full-text search over the gazette (全文搜索): documents, the editorial and news briefs.

`search(query, filters=…, page=…)` → `SearchResult` is the one capability; the page (views/search.py), the
API (search/api.py) and `zhengwu gazette search` are shells over it. Pieces: `segment` (jieba precise mode +
dict.txt), `index` (entries written by the importer and by `reindex`), `backends` (SQLite posting arrays or
PostgreSQL tsvector), `query` (matching, facets, filters, pages, exact numbers), `snippets`, `suggest`.
"""
from typing import Any

__all__ = ["SearchResult", "index_import", "rebuild_index", "search"]


def __getattr__(name: str) -> Any:
    # Imported on first use: gazette.models imports search.models while Django loads its models, before the
    # query code (which needs those models) can be imported.
    if name in ("search", "SearchResult"):
        from . import query
        return getattr(query, name)
    if name in ("index_import", "rebuild_index"):
        from . import index
        return getattr(index, name)
    raise AttributeError(name)
