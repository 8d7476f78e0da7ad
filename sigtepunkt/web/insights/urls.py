from django.urls import path

from sigtepunkt.web.insights import export_views, views

urlpatterns = [
    path("", views.home, name="sp-home"),
    path("eksport/overblik.<str:fmt>", export_views.export_home, name="sp-export-home"),
    path("organisation/", views.organisation, name="sp-organisation"),
    path("min-enhed/", views.my_unit, name="sp-my-unit"),
    path("enhed/<str:unit_id>/", views.unit_page, name="sp-unit"),
    path("enhed/<str:unit_id>/eksport.<str:fmt>", export_views.export_unit, name="sp-export-unit"),
    path("noegletal/", views.figure_list, name="sp-figures"),
    path("noegletal/<str:figure_id>/", views.figure_page, name="sp-figure"),
    path("noegletal/<str:figure_id>/definition/", views.definition, name="sp-definition"),
    path("noegletal/<str:figure_id>/eksport.<str:fmt>", export_views.export_figure, name="sp-export-figure"),
]
