"""What every page says: whether the site holds generated demo documents (then a banner says so on every page), and
where the same page is in the other language."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .models import Disclosure


def demo(request):
    # Evaluated only where base.html asks for it: one indexed EXISTS query.
    return {"site_has_demo": SimpleLazyObject(lambda: Disclosure.objects.filter(demo=True).exists())}


def languages(request):
    """The same page in each language (Chinese at /, English at /en/…): the menu and the alternate links use them.

    Made only where a template reads them (base.html, once): every template rendered with the request (each
    django-tables2 table) runs the context processors again, and translate_url resolves and reverses the path."""
    return {"language_links": SimpleLazyObject(lambda: _language_links(request))}


def _language_links(request) -> list[dict]:
    path = request.get_full_path()
    current = translation.get_language()
    return [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
