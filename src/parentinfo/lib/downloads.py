"""Files the browser saves rather than shows: one response shape for every CSV download."""

from __future__ import annotations

from litestar import Response

CSV = "text/csv"  # Litestar adds "; charset=utf-8" to every text/ type itself


def csv_download(text: str, *, filename: str) -> Response[str]:
    """``text`` as a UTF-8 CSV attachment that saves as ``filename``."""
    return Response(
        text,
        media_type=CSV,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
