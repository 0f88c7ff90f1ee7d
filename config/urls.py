from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils import translation
from django.views.i18n import set_language


def language_set(request):
    """Django's set_language, reading `next` in the language of its own address: Django resolves it in the active
    language, which finds no /en/ page from a Chinese request and would leave an English reader where they were."""
    next_path = request.POST.get("next", request.GET.get("next", ""))
    with translation.override(translation.get_language_from_path(next_path) or settings.LANGUAGE_CODE):
        return set_language(request)


def favicon(request):
    # Resolved per request: the hashed name exists only after collectstatic.
    return redirect(static("favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("i18n/setlang/", language_set, name="set_language"),
]
# The language is in the address: Chinese at /, English at /en/…, so a link (and a cached page) keeps its language.
# The API and the downloads are reachable without a prefix too (Chinese), as scripts call them. The admin too: Django
# writes it in either language, so the English pages' "Admin" leads to /en/admin/, the Chinese ones' to /admin/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("comparisons.urls")),
    path("", include("disclosures.urls")),
    prefix_default_language=False,
)
