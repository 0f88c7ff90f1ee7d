"""The methods page: every indicator's declaration and the national reference table."""

from django.shortcuts import render

from .methods import methods_describe


def methods(request):
    return render(request, "comparisons/methods.html", {"methods": methods_describe()})
