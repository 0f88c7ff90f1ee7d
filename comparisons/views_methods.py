"""The methods page: every indicator's declaration and the national reference table."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from .methods import methods_describe


@require_safe
def methods(request):
    return render(request, "comparisons/methods.html", {"methods": methods_describe()})
