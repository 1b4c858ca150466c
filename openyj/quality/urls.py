from django.urls import path

from openyj.quality import views

urlpatterns = [
    path("", views.home, name="quality_home"),
    # Case audits
    path("audits/new/", views.audit_create, name="quality_audit_create"),
    path("audits/<int:pk>/", views.audit_detail, name="quality_audit_detail"),
    path("audits/<int:pk>/redraw/", views.audit_redraw, name="quality_audit_redraw"),
    path("audits/<int:pk>/cases/<int:case_pk>/", views.audit_case, name="quality_audit_case"),
    path("audits/<int:pk>/cases/<int:case_pk>/standards/<str:code>/", views.audit_answer,
         name="quality_audit_answer"),
    path("audits/<int:pk>/cases/<int:case_pk>/moderate/", views.audit_moderate, name="quality_audit_moderate"),
    path("audits/<int:pk>/results/", views.audit_results, name="quality_audit_results"),
    path("audits/<int:pk>/questions/<str:code>/", views.audit_question, name="quality_audit_question"),
    path("audits/<int:pk>/judgements/<str:code>/", views.audit_judgement, name="quality_audit_judgement"),
    path("audits/<int:pk>/adjust/", views.audit_adjust, name="quality_audit_adjust"),
    path("adjustments/<int:pk>/remove/", views.adjustment_remove, name="quality_adjustment_remove"),
    # Inspections
    path("inspections/new/", views.inspection_choose, name="quality_inspection_choose"),
    path("inspections/new/<str:framework>/", views.inspection_create, name="quality_inspection_create"),
    path("inspections/<int:pk>/", views.inspection_detail, name="quality_inspection_detail"),
    path("inspections/<int:pk>/adjust/", views.inspection_adjust, name="quality_inspection_adjust"),
    path("inspections/<int:pk>/compare/", views.inspection_compare, name="quality_inspection_compare"),
    # Improvement actions
    path("actions/", views.action_list, name="quality_action_list"),
    path("actions/new/", views.action_create, name="quality_action_create"),
    path("actions/<int:pk>/", views.action_edit, name="quality_action_edit"),
    # National Standards
    path("standards/", views.standards_list, name="quality_standards_list"),
    path("standards/new/", views.standards_create, name="quality_standards_create"),
    path("standards/scales/new/", views.scale_create, name="quality_scale_create"),
    path("standards/<int:pk>/", views.standards_detail, name="quality_standards_detail"),
    path("standards/<int:pk>/cases/<int:case_pk>/", views.standards_case, name="quality_standards_case"),
    path("standards/<int:pk>/<str:code>/sample/", views.standards_sample, name="quality_standards_sample"),
    path("standards/<int:pk>/<str:code>/<str:level>/", views.standards_grade, name="quality_standards_grade"),
    path("standards/<int:pk>/<str:code>/<str:level>/moderate/", views.standards_moderate,
         name="quality_standards_moderate"),
]
