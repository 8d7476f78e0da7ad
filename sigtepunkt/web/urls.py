from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

admin.site.site_header = "sigtepunkt"
admin.site.site_title = "sigtepunkt"

urlpatterns = [
    path("", include("sigtepunkt.web.insights.urls")),
    path("", include("sigtepunkt.web.accounts.urls")),
    path("data/", include("sigtepunkt.web.datahub.urls")),
    path("strategier/", include("sigtepunkt.web.strategy.urls")),
    path("api/", include("sigtepunkt.web.api.urls")),
    path("sprog/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
