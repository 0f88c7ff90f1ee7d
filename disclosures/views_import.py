"""The staff upload page: pick a file (a PDF as published, or its text), see what was found, then save or replace;
or only check it, for any department's disclosure, without saving anything. Several files at once are each imported
(or checked) on their own, without a preview, and each gets its line of results."""

import logging
import secrets

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.db import Error
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .findings import reader_voice
from .forms import ConfirmForm, UploadForm, size_error
from .parsing.pages import numbered_lines, page_per_line
from .parsing.types import DisclosureError
from .remedies import for_batch, for_page
from .selectors.versions import disclosure_version_changes
from .services.imports import (
    ImportOutcome,
    ImportRefused,
    Overrides,
    Prepared,
    disclosure_import,
    disclosure_look_up,
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
        files = form.cleaned_data["file"]
        if len(files) > 1:
            return _upload_several(request, form, files)
        return _upload_one(request, form, files[0])
    return render(request, "disclosures/upload.html", {"form": form})


def _upload_one(request, form: UploadForm, upload_file):
    overrides = form.overrides()
    check = form.cleaned_data["check"]
    try:
        prepared = disclosure_prepare(
            data=upload_file.read(), filename=upload_file.name, overrides=Overrides(**overrides), check=check
        )
    except DisclosureError as exc:
        form.add_error(None, _refusal(upload_file.name, exc))
    except Error as exc:
        form.add_error(None, _of_file(upload_file.name, database_unavailable(exc)))
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
        return _preview(request, prepared, check=check, confirm=ConfirmForm(initial={"token": token}))
    return render(request, "disclosures/upload.html", {"form": form})


def _where(line: int | None) -> str:
    return _("第 %(line)s 行：") % {"line": line} if line else ""


def _of_file(filename: str, message: str) -> str:
    return _("%(file)s：%(message)s") % {"file": filename, "message": message}


def _refusal(filename: str, exc: DisclosureError) -> str:
    """A refusal on the page, in the reader's language, with what to do there."""
    return _of_file(filename, f"{_where(exc.line)}{for_page(exc.words(reader_voice()), exc.remedy)}")


def _preview(request, prepared: Prepared, *, check: bool, confirm: ConfirmForm, error: str = ""):
    """The preview of one file; when it would replace the current version, what it changes from that version."""
    current = prepared.current if prepared.needs_confirmation else None
    changes = None
    if current is not None:
        result = prepared.result
        changes = disclosure_version_changes(stored=current, lines=result.lines, figures=result.figures)
    context = {
        "p": prepared,
        "check": check,
        "groups": lines_by_table(prepared.result.tables, prepared.result.lines),
        "confirm": confirm,
        "confirm_error": error,
        "compared_with": current,
        "changes": changes,
        "source": numbered_lines(prepared.text),
        "pages": page_per_line(prepared.text),
    }
    return render(request, "disclosures/upload_preview.html", context)


def _upload_several(request, form: UploadForm, files):
    """Each file imported (or checked) on its own, in its own transaction: one failing leaves the others as they are.
    Nothing is replaced here: a file that would replace a version is refused with what to do."""
    overrides = Overrides(**form.overrides())
    check = form.cleaned_data["check"]
    outcomes = []
    for upload_file in files:
        if error := size_error(upload_file):
            outcomes.append(ImportOutcome(upload_file.name, "error", error=error))
            continue
        outcomes.append(
            disclosure_import(
                data=upload_file.read(), filename=upload_file.name, overrides=overrides, check=check, user=request.user
            )
        )
    rows = [_result_row(outcome) for outcome in outcomes]
    return render(request, "disclosures/upload_results.html", {"rows": rows, "check": check, "form": UploadForm()})


def _result_row(outcome: ImportOutcome) -> dict:
    words = {
        "imported": _("已导入"),
        "unchanged": _("同一文件已导入过，没有改动"),
        "checked": _("已核对，没有导入"),
        "error": _("错误"),
    }
    message = ""
    if outcome.status == "error":
        said = outcome.refusal.words(reader_voice()) if outcome.refusal is not None else outcome.error
        message = f"{_where(outcome.line)}{for_batch(said, outcome.remedy)}"
    elif outcome.prepared is not None:
        problems = outcome.prepared.result.problems
        message = _("读到 %(lines)s 行，%(warnings)s 处不一致，%(infos)s 条提示。") % {
            "lines": outcome.prepared.rows.line_count,
            "warnings": sum(p.severity == "warning" for p in problems),
            "infos": sum(p.severity == "info" for p in problems),
        }
    return {
        "file": outcome.filename,
        "status": outcome.status,
        "status_text": words.get(outcome.status, outcome.status),
        "message": message,
        "disclosure": outcome.disclosure,
    }


@staff_member_required(login_url="login")
@require_POST
def upload_confirm(request):
    form = ConfirmForm(request.POST)
    token = request.POST.get("token", "")
    pending = _pending(request).get(token)
    if not form.is_valid() or pending is None:
        messages.error(request, _("这次上传已过期，请重新选择文件。"))
        return redirect("disclosures:upload")
    replace = form.cleaned_data["replace"]
    try:
        prepared = disclosure_prepare_text(
            text=pending["text"],
            sha256=pending["sha256"],
            filename=pending["filename"],
            overrides=Overrides(**pending["overrides"]),
        )
        if prepared.needs_confirmation and not replace:
            return _confirmation_missing(
                request, prepared, token, _("请先勾选“我确认用这份文件替换现有版本”，再按“替换”。")
            )
        outcome = disclosure_save(prepared=prepared, replace=replace, user=request.user)
    except ImportRefused as exc:
        if exc.remedy in ("replace", "restore"):  # another version was saved since the preview: show it again
            disclosure_look_up(prepared=prepared)
            return _confirmation_missing(request, prepared, token, _refusal(pending["filename"], exc))
        messages.error(request, _refusal(pending["filename"], exc))
        return redirect("disclosures:upload")
    except DisclosureError as exc:
        messages.error(request, _refusal(pending["filename"], exc))
        return redirect("disclosures:upload")
    except Error as exc:
        messages.error(request, _of_file(pending["filename"], database_unavailable(exc)))
        return redirect("disclosures:upload")
    except Exception as exc:  # the last step of an upload answers with a message, never a server error page
        logger.exception("confirming the upload of %s failed", pending["filename"])
        messages.error(
            request,
            _("%(file)s：内部错误（%(error)s），没有写入任何数据。")
            % {"file": pending["filename"], "error": type(exc).__name__},
        )
        return redirect("disclosures:upload")
    request.session.pop(SESSION_KEY, None)
    text = {
        "imported": _("已导入"),
        "unchanged": _("同一文件已导入过，没有改动"),
        "replaced": _("已替换旧版本，旧版本保留为“已被替换”"),
    }[outcome.status]
    messages.success(request, _of_file(pending["filename"], text))
    return redirect("disclosures:disclosure_detail", pk=outcome.disclosure.pk)


def _confirmation_missing(request, prepared: Prepared, token: str, error: str):
    """The same preview again, the text still kept under its token, with what is missing next to the tick box."""
    return _preview(request, prepared, check=False, confirm=ConfirmForm(initial={"token": token}), error=error)
