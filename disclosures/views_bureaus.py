"""The staff page of bureaus that may be one body spelled two ways, and the merge of two of them."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .models import Bureau
from .selectors.bureaus import bureau_likely_duplicates
from .services.bureaus import MergeRefused, bureau_merge


@staff_member_required(login_url="login")
@require_GET
def likely_duplicates(request):
    return render(request, "disclosures/bureau_duplicates.html", {"pairs": bureau_likely_duplicates()})


@staff_member_required(login_url="login")
@require_POST
def merge(request):
    ids = request.POST.get("keep", ""), request.POST.get("other", "")
    if not all(i.isascii() and i.isdigit() for i in ids):
        messages.error(request, _("请在列表中选择要保留的单位。"))
        return redirect("disclosures:bureau_duplicates")
    keep, other = (get_object_or_404(Bureau, pk=int(i)) for i in ids)
    try:
        summary = bureau_merge(keep=keep, other=other)
    except MergeRefused as exc:
        messages.error(request, str(exc))
        return redirect("disclosures:bureau_duplicates")
    messages.success(
        request,
        _("已将“%(other)s”并入“%(keep)s”：移入 %(moved)s 份文件。")
        % {"other": other.name, "keep": keep.name, "moved": summary.moved},
    )
    return redirect("comparisons:bureau_detail", pk=keep.pk)
