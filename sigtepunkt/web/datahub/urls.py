from django.urls import path

from sigtepunkt.web.datahub import views

urlpatterns = [
    path("", views.data_page, name="sp-data"),
    path("indlaes/", views.upload, name="sp-data-upload"),
    path("genberegn/", views.recompute, name="sp-data-recompute"),
    path("job/<int:job_id>/", views.job_status, name="sp-data-job"),
    path("startmaaling/", views.baseline, name="sp-data-baseline"),
]
