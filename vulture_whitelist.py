"""Names vulture cannot see used: model fields only the database, the admin and the templates read, TextChoices
members, and what the settings name by a dotted string. Read by .ci/dead_code.py, never imported."""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Model fields and choices, written by the services, read by the database, the admin or the templates.
_.computed_at, _.merged_at, _.superseded_at, _.imported_by, _.new_source, _.data_version
_.YUAN, _.WAN_YUAN, _.POPULATION
_.file  # disclosures.forms: the upload field, read from request.FILES by name
_.allow_multiple_selected  # Django's ClearableFileInput reads it (several files in one field)
# Named by a dotted string in config/settings/base.py (MIDDLEWARE, AXES_CLIENT_IP_CALLABLE).
_.ChineseFirstMiddleware, _.RejectNulMiddleware, _.BoundedPagingMiddleware, _.client_ip
_._mutable  # QueryDict's own flag, set to edit a copy in config/middleware.py
# XlsxWriter calls it when it writes the sheet (comparisons/exports.py: _RowsSheet).
_._write_sheet_data
# django-tables2's TableExport calls it for the response (comparisons/exports.py: SafeTableExport).
_.export
# Named by a dotted string in TEMPLATES' context_processors.
_.languages
# disclosures/parsing/wording.py: labels marked for makemessages only (parameters name them by their Chinese text).
_.TERMS
# Read by Django's URL resolver: the namespaces of the apps' URLconfs.
_.app_name
