from django.urls import path

from sigtepunkt.web.strategy import edit_views, file_views, report_views, views

urlpatterns = [
    path("", views.strategy_list, name="sp-strategies"),
    path("ny/", edit_views.strategy_create, name="sp-strategy-create"),
    path("indlaes/", file_views.strategy_file_upload, name="sp-strategy-upload"),
    path("<int:strategy_id>/", views.strategy_detail, name="sp-strategy"),
    path("<int:strategy_id>/strategi.<str:fmt>", file_views.strategy_file_download, name="sp-strategy-file"),
    path("<int:strategy_id>/spor/ny/", edit_views.track_create, name="sp-track-create"),
    path("<int:strategy_id>/maal/ny/", edit_views.objective_create, name="sp-objective-create"),
    path("<int:strategy_id>/delmaal/ny/", edit_views.milestone_create, name="sp-milestone-create"),
    path("<int:strategy_id>/indsatser/ny/", edit_views.initiative_create, name="sp-initiative-create"),
    path("<int:strategy_id>/statusrapport/", report_views.strategy_status_report, name="sp-strategy-report"),
    path("<int:strategy_id>/statusrapport.<str:fmt>", report_views.strategy_status_report,
         name="sp-strategy-report-file"),
    path("delmaal/<int:milestone_id>/", views.milestone_detail, name="sp-milestone"),
    path("delmaal/<int:milestone_id>/rediger/", edit_views.milestone_edit, name="sp-milestone-edit"),
    path("indsatser/<int:initiative_id>/", views.initiative_detail, name="sp-initiative"),
    path("indsatser/<int:initiative_id>/rediger/", edit_views.initiative_edit, name="sp-initiative-edit"),
    path("indsatser/<int:initiative_id>/fremdrift/", edit_views.progress_add, name="sp-progress-add"),
    path("indsatser/<int:initiative_id>/godkendelse/", edit_views.approval_add, name="sp-approval-add"),
    path("handlingsplan/", views.action_plan, name="sp-action-plan"),
    path("fora/", edit_views.forum_list, name="sp-forums"),
    path("fora/<int:forum_id>/statusrapport/", report_views.forum_status_report, name="sp-forum-report"),
    path("fora/<int:forum_id>/statusrapport.<str:fmt>", report_views.forum_status_report,
         name="sp-forum-report-file"),
    path("indikatorer/", file_views.indicators, name="sp-indicators"),
]
