"""Pages of the awards system under /awards/: public notice and winners, staff pages under staff/."""
from django.urls import path

from .views import bureau, expert, public, school

app_name = "awards"
urlpatterns = [
    path("", public.home, name="home"),
    path("<int:number>/", public.edition, name="edition"),
    path("apply/", public.apply, name="apply"),
    path("<int:number>/object/", public.object_to, name="object"),
    path("<int:number>/notice.docx", bureau.notice_docx, name="notice_docx"),
    path("staff/", bureau.dashboard, name="staff"),
    path("staff/editions/", bureau.editions_list, name="staff_editions"),
    path("staff/create", bureau.create, name="staff_create"),
    path("staff/editions/<int:number>/", bureau.edition, name="staff_edition"),
    path("staff/editions/<int:number>/step/<slug:action>", bureau.step, name="staff_step"),
    path("staff/editions/<int:number>/decision.docx", bureau.decision_docx, name="staff_decision_docx"),
    path("staff/editions/<int:number>/list.xlsx", bureau.ranking_xlsx, name="staff_xlsx"),
    path("staff/school/", school.school, name="staff_school"),
    path("staff/school/apply", school.apply, name="staff_apply"),
    path("staff/school/<int:pk>/recommend", school.recommend, name="staff_recommend"),
    path("staff/school/<int:pk>/upload", school.upload, name="staff_upload"),
    path("staff/files/<int:pk>", school.file, name="staff_file"),
    path("staff/review/", expert.assignments, name="staff_review"),
    path("staff/review/<int:pk>", expert.score, name="staff_score"),
]
