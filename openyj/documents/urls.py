from django.urls import path

from openyj.documents import views

urlpatterns = [
    path("", views.documents, name="documents"),
    path("plans/start/", views.plan_create, name="document_plan_create"),
    path("board-reports/start/", views.board_report_create, name="document_board_report_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/text/<str:key>/", views.text_edit, name="document_text"),
    path("<int:pk>/commentary/<slug:indicator>/", views.commentary_edit, name="document_commentary"),
    path("<int:pk>/board-approval/", views.board_approve, name="document_board_approve"),
    path("<int:pk>/submission/", views.submit, name="document_submit"),
    path("<int:pk>/yjb-comments/", views.comment_add, name="document_comment"),
    path("<int:pk>/council-approval/", views.council_approve, name="document_council_approve"),
    path("<int:pk>/publication/", views.publish, name="document_publish"),
    path("<int:pk>/circulation/", views.circulate, name="document_circulate"),
    path("<int:pk>/what-would-change/", views.changes, name="document_changes"),
    path("<int:pk>/files/", views.rendering_start, name="document_render"),
    path("<int:pk>/files/<int:rendering>/", views.rendering_detail, name="document_rendering"),
    path("<int:pk>/files/<int:rendering>/<slug:fmt>/", views.rendering_file, name="document_file"),
]
