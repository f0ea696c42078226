"""JSON API of the waste system under /api/waste/."""
from ninja import Router

router = Router(tags=["waste"])
