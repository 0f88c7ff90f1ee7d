"""Staff pages of the comparisons app: the staff home (what needs fixing), enter or correct a denominator.

Logged-in staff only (others are sent to the login page); forms carry the CSRF token. Everything else on the site
is read-only to the public.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .data_selectors import denominator_change_list, denominator_list, region_list_with_bureaus
from .forms import USED_KINDS, DenominatorForm
from .models import Denominator
from .pages import staff_home_get
from .params import bounded, is_number, parse_id
from .services import denominator_delete, denominator_set


@staff_member_required(login_url="login")
@require_http_methods(["GET"])
def staff_home(request):
    """What needs fixing: documents with findings, missing denominators, counties without documents, recent imports;
    ?year= and ?province= (a 6-digit province code) choose the year and province of the lists that need them."""
    year = bounded(request.GET.get("year"), low=1990, high=2100)
    home = staff_home_get(year=year, province=request.GET.get("province", "")[:6])
    return render(request, "comparisons/staff_home.html", {"home": home})


@staff_member_required(login_url="login")
@require_http_methods(["GET", "POST"])
def denominators(request):
    """The list of entered figures and the form to add one or correct one (?edit=<id> fills the form)."""
    if request.method == "POST":
        form = DenominatorForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            denominator, created = denominator_set(
                region=data["region"],
                year=data["year"],
                kind=data["kind"],
                value=data["value"],
                source=data["source"],
                source_url=data["source_url"],
                user=request.user,
            )
            label = _("%(region)s %(year)s年%(kind)s %(value)s 人") % {
                "region": denominator.region.name,
                "year": denominator.year,
                "kind": denominator.get_kind_display(),
                "value": f"{denominator.value:,}",
            }
            text = _("已录入：%(label)s") if created else _("已更正：%(label)s")
            messages.success(request, text % {"label": label})
            return redirect("comparisons:denominators")
    else:
        edit = parse_id(request.GET.get("edit"))
        editing = get_object_or_404(Denominator, pk=edit) if edit else None
        form = DenominatorForm.for_denominator(editing) if editing else DenominatorForm(initial=_asked_for(request))
    context = {
        "form": form,
        "denominators": denominator_list(),
        "changes": denominator_change_list(),
        "regions": region_list_with_bureaus(),
        "used_kinds": USED_KINDS,
    }
    return render(request, "comparisons/denominator_list.html", context)


def _asked_for(request) -> dict:
    """The region and year a link from the staff home names (?region=130636&year=2024), to fill the form."""
    initial = {}
    region = request.GET.get("region", "")
    if len(region) == 6 and is_number(region):
        initial["region"] = region
    if year := bounded(request.GET.get("year"), low=1990, high=2100):
        initial["year"] = year
    return initial


@staff_member_required(login_url="login")
@require_http_methods(["GET", "POST"])
def denominator_remove(request, pk: int):
    denominator = get_object_or_404(denominator_list(), pk=pk)
    if request.method == "POST":
        label = str(denominator)
        denominator_delete(denominator=denominator, user=request.user)
        messages.success(request, _("已删除：%(label)s") % {"label": label})
        return redirect("comparisons:denominators")
    return render(request, "comparisons/denominator_confirm_delete.html", {"denominator": denominator})
