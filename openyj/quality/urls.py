from django.urls import path

from openyj.quality import views
from openyj.quality.actions import views as actions
from openyj.quality.audits import views as audits
from openyj.quality.inspections import views as inspections
from openyj.quality.standards import views as standards

urlpatterns = [
    path("", views.home, name="quality_home"),
    # Case audits
    path("audits/new/", audits.audit_create, name="quality_audit_create"),
    path("audits/<int:pk>/", audits.audit_detail, name="quality_audit_detail"),
    path("audits/<int:pk>/redraw/", audits.audit_redraw, name="quality_audit_redraw"),
    path("audits/<int:pk>/cases/<int:case_pk>/", audits.audit_case, name="quality_audit_case"),
    path("audits/<int:pk>/cases/<int:case_pk>/standards/<str:code>/", audits.audit_answer,
         name="quality_audit_answer"),
    path("audits/<int:pk>/cases/<int:case_pk>/moderate/", audits.audit_moderate, name="quality_audit_moderate"),
    path("audits/<int:pk>/results/", audits.audit_results, name="quality_audit_results"),
    path("audits/<int:pk>/questions/<str:code>/", audits.audit_question, name="quality_audit_question"),
    path("audits/<int:pk>/judgements/<str:code>/", audits.audit_judgement, name="quality_audit_judgement"),
    path("audits/<int:pk>/adjust/", audits.audit_adjust, name="quality_audit_adjust"),
    path("adjustments/<int:pk>/remove/", audits.adjustment_remove, name="quality_adjustment_remove"),
    # Inspections
    path("inspections/new/", inspections.inspection_choose, name="quality_inspection_choose"),
    path("inspections/new/<str:framework>/", inspections.inspection_create, name="quality_inspection_create"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="quality_inspection_detail"),
    path("inspections/<int:pk>/adjust/", inspections.inspection_adjust, name="quality_inspection_adjust"),
    path("inspections/<int:pk>/compare/", inspections.inspection_compare, name="quality_inspection_compare"),
    # Improvement actions, raised from the finding they answer
    path("actions/", actions.action_list, name="quality_action_list"),
    path("actions/<int:pk>/", actions.action_edit, name="quality_action_edit"),
    path("audits/<int:pk>/findings/<str:code>/actions/new/", actions.audit_action_create,
         name="quality_audit_action_create"),
    path("inspections/<int:pk>/findings/<str:code>/actions/new/", actions.inspection_action_create,
         name="quality_inspection_action_create"),
    path("inspections/<int:pk>/recommendations/<int:number>/actions/new/", actions.recommendation_action_create,
         name="quality_recommendation_action_create"),
    path("standards/<int:pk>/<str:code>/<str:level>/actions/new/", actions.standards_action_create,
         name="quality_standards_action_create"),
    # National Standards
    path("standards/", standards.standards_list, name="quality_standards_list"),
    path("standards/new/", standards.standards_create, name="quality_standards_create"),
    path("standards/scales/new/", standards.scale_create, name="quality_scale_create"),
    path("standards/<int:pk>/", standards.standards_detail, name="quality_standards_detail"),
    path("standards/<int:pk>/cases/<int:case_pk>/", standards.standards_case, name="quality_standards_case"),
    path("standards/<int:pk>/<str:code>/sample/", standards.standards_sample, name="quality_standards_sample"),
    path("standards/<int:pk>/<str:code>/<str:level>/", standards.standards_grade, name="quality_standards_grade"),
    path("standards/<int:pk>/<str:code>/<str:level>/moderate/", standards.standards_moderate,
         name="quality_standards_moderate"),
]
