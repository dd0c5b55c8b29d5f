from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from hall import views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("hall/", include("screens.urls")),
    path("results/", include("scoring.urls")),
    path("online/", include("online.urls")),
    prefix_default_language=False,
)
