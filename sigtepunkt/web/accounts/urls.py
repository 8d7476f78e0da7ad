from django.contrib.auth import views as auth_views
from django.urls import path

from sigtepunkt.web.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="sp-login"),
    path("logout/", auth_views.LogoutView.as_view(), name="sp-logout"),
    path("konto/tokens/", views.tokens, name="sp-tokens"),
    path("konto/tokens/<int:token_id>/slet/", views.token_revoke, name="sp-token-revoke"),
    path("revisionslog/", views.audit_log, name="sp-audit-log"),
]
