from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "sigtepunkt.web.accounts"
    label = "accounts"
    verbose_name = _("Users and access")

    def ready(self) -> None:
        from sigtepunkt.web.accounts import signals  # noqa: F401  (login and failed-login audit)
