"""JSON API of the supervision system under /api/supervision/."""
from ninja import Router

router = Router(tags=["supervision"])
