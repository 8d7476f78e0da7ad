from django.urls import path

from sigtepunkt.web.datahub import views

urlpatterns = [
    path("", views.data_page, name="sp-data"),
]
