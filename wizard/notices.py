"""Standing texts the fronts show outside a plan: notices and where to find help.

They come from the content (with their sources), never from Python, so the welcome screen and the
plan screen say exactly what the data says.
"""

from __future__ import annotations

from .content import Content
from .text import tr

HELP_AUTHORITY = "associations"  # the content's authority record for "who can help"


def notice(content: Content, notice_id: str, lang: str) -> str | None:
    """The text of a standing notice (e.g. "not_legal_advice"), or None if the content has none."""
    rec = content.notices.get(notice_id)
    return tr(rec.text, lang) if rec else None


def help_contacts(content: Content, lang: str) -> str | None:
    """The associations that help foreign nationals, as the content names them."""
    rec = content.authorities.get(HELP_AUTHORITY)
    return tr(rec.name, lang) if rec else None
