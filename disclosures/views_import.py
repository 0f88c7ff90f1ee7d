"""The staff upload page: pick a file (a PDF as published, or its text), see what was found, then save or replace;
or only check it, for any department's disclosure, without saving anything."""

import logging
import secrets

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import Error
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ConfirmForm, UploadForm
from .parsing.pages import numbered_lines, page_per_line
from .parsing.types import DisclosureError
from .remedies import for_page
from .services.imports import (
    ImportRefused,
    Overrides,
    disclosure_prepare,
    disclosure_prepare_text,
    disclosure_save,
)
from .summary import lines_by_table

SESSION_KEY = "pending_uploads"
logger = logging.getLogger(__name__)


def _pending(request) -> dict:
    return request.session.setdefault(SESSION_KEY, {})


def database_unavailable(exc: Exception) -> str:
    return _("数据库暂时无法访问（%(error)s），没有写入任何数据，请稍后再试。") % {"error": type(exc).__name__}


@staff_member_required(login_url="login")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        overrides = form.overrides()
        check = form.cleaned_data["check"]
        try:
            prepared = disclosure_prepare(
                data=upload_file.read(), filename=upload_file.name, overrides=Overrides(**overrides), check=check
            )
        except DisclosureError as exc:
            where = _("第 %(line)s 行：") % {"line": exc.line} if exc.line else ""
            form.add_error(None, f"{upload_file.name}：{where}{for_page(exc.message, exc.remedy)}")
        except Error as exc:
            form.add_error(None, f"{upload_file.name}：{database_unavailable(exc)}")
        else:
            token = ""
            if not check:
                token = secrets.token_urlsafe(16)
                # The text read from the file (not the file: a PDF is far larger), kept for the save that follows;
                # only the latest preview is kept: a staff member reviews one file at a time.
                request.session[SESSION_KEY] = {
                    token: {
                        "filename": upload_file.name,
                        "text": prepared.text,
                        "sha256": prepared.sha256,
                        "overrides": overrides,
                    }
                }
            return render(
                request,
                "disclosures/upload_preview.html",
                {
                    "p": prepared,
                    "check": check,
                    "groups": lines_by_table(prepared.result.tables, prepared.result.lines),
                    "confirm": ConfirmForm(initial={"token": token}),
                    "source": numbered_lines(prepared.text),
                    "pages": page_per_line(prepared.text),
                },
            )
    return render(request, "disclosures/upload.html", {"form": form})


@staff_member_required(login_url="login")
@require_POST
def upload_confirm(request):
    form = ConfirmForm(request.POST)
    pending = _pending(request).get(request.POST.get("token", ""))
    if not form.is_valid() or pending is None:
        messages.error(request, _("这次上传已过期，请重新选择文件。"))
        return redirect("upload")
    try:
        prepared = disclosure_prepare_text(
            text=pending["text"],
            sha256=pending["sha256"],
            filename=pending["filename"],
            overrides=Overrides(**pending["overrides"]),
        )
        outcome = disclosure_save(prepared=prepared, replace=form.cleaned_data["replace"], user=request.user)
    except (DisclosureError, ImportRefused) as exc:
        messages.error(request, f"{pending['filename']}：{for_page(exc.message, exc.remedy)}")
        return redirect("upload")
    except Error as exc:
        messages.error(request, f"{pending['filename']}：{database_unavailable(exc)}")
        return redirect("upload")
    except Exception as exc:  # the last step of an upload answers with a message, never a server error page
        logger.exception("confirming the upload of %s failed", pending["filename"])
        messages.error(
            request,
            _("%(file)s：内部错误（%(error)s），没有写入任何数据。")
            % {"file": pending["filename"], "error": type(exc).__name__},
        )
        return redirect("upload")
    request.session.pop(SESSION_KEY, None)
    text = {
        "imported": _("已导入"),
        "unchanged": _("同一文件已导入过，没有改动"),
        "replaced": _("已替换旧版本，旧版本保留为“已被替换”"),
    }[outcome.status]
    messages.success(request, f"{pending['filename']}：{text}")
    return redirect("disclosure_detail", pk=outcome.disclosure.pk)
