"""Staff pages of the comparisons app: enter or correct a denominator (insured residents, population).

Logged-in staff only (others are sent to the login page); forms carry the CSRF token. Everything else on the site
is read-only to the public.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from disclosures.models import Denominator

from .data_selectors import denominator_change_list, denominator_list, region_list_with_bureaus
from .forms import DenominatorForm
from .params import parse_id
from .services import denominator_delete, denominator_set


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
            return redirect("denominators")
    else:
        edit = parse_id(request.GET.get("edit"))
        editing = get_object_or_404(Denominator, pk=edit) if edit else None
        form = DenominatorForm.for_denominator(editing) if editing else DenominatorForm()
    context = {
        "form": form,
        "denominators": denominator_list(),
        "changes": denominator_change_list(),
        "regions": region_list_with_bureaus(),
    }
    return render(request, "comparisons/denominator_list.html", context)


@staff_member_required(login_url="login")
@require_http_methods(["GET", "POST"])
def denominator_remove(request, pk: int):
    denominator = get_object_or_404(denominator_list(), pk=pk)
    if request.method == "POST":
        label = str(denominator)
        denominator_delete(denominator=denominator, user=request.user)
        messages.success(request, _("已删除：%(label)s") % {"label": label})
        return redirect("denominators")
    return render(request, "comparisons/denominator_confirm_delete.html", {"denominator": denominator})
