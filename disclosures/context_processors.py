"""What every page says: whether the site holds generated demo documents (then a banner says so on every page)."""

from django.utils.functional import SimpleLazyObject

from .models import Disclosure


def demo(request):
    # Evaluated only where base.html asks for it: one indexed EXISTS query.
    return {"site_has_demo": SimpleLazyObject(lambda: Disclosure.objects.filter(demo=True).exists())}
