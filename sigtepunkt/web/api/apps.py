from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sigtepunkt.web.api"
    label = "api"
    verbose_name = "API"
