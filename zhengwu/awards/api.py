"""JSON API of the awards system under /api/awards/."""
from ninja import Router

router = Router(tags=["awards"])
