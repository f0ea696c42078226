"""Pages of the waste system under /waste/."""
from django.urls import path

from .views import communities, dashboard, field, outputs, public

app_name = "waste"
urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("export.xlsx", dashboard.export_xlsx, name="export"),
    path("communities/", communities.communities, name="communities"),
    path("communities/import/", communities.import_view, name="import"),
    path("communities/new/", communities.new, name="new"),
    path("communities/<int:pk>/", communities.community, name="community"),
    path("communities/<int:pk>/edit/", communities.edit, name="edit"),
    path("communities/<int:pk>/publicity/", communities.add_publicity, name="publicity"),
    path("communities/<int:pk>/adjustments/", communities.add_adjustment, name="adjustment"),
    path("communities/<int:pk>/points/", communities.add_point, name="point"),
    path("communities/<int:pk>/points/<str:code>/", communities.point, name="point_adjust"),
    path("communities/<int:pk>/cards/", communities.add_card, name="card_issue"),
    path("communities/<int:pk>/notice.<str:kind>", outputs.community_notice, name="notice"),
    path("notices/<str:unit>.<str:kind>", outputs.unit_notices, name="unit_notices"),
    path("inspections/", field.inspection, name="inspection"),
    path("guidance/", field.guidance, name="guidance"),
    path("guidance/visit/", field.visit, name="visit"),
    path("guidance.xlsx", field.guidance_xlsx, name="guidance_xlsx"),
    path("card/", public.card, name="card"),
]
