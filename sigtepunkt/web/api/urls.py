from django.urls import path

from sigtepunkt.web.api import views
from sigtepunkt.web.api.api import api

urlpatterns = [
    path("v1/", api.urls),
    path("vejledning/", views.guide, name="sp-api-guide"),
]
