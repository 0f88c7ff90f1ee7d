"""Where a figure's source is: the document page, at the line the figure was read from."""

from django.urls import reverse


def source_line_url(disclosure_id: int, line: int | None = None) -> str:
    anchor = f"#L{line}" if line else ""
    return reverse("disclosure_detail", args=[disclosure_id]) + anchor
