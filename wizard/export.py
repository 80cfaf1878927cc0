"""Every format a plan can be written in, by name: the CLI and the wizard's "Exporter" use this.

Each renderer only formats the plan's sections; heavy ones are imported when asked for.
"""

from __future__ import annotations

from .sections import PlanSections

FORMATS = ("text", "md", "html", "svg", "json")
SUFFIX = {"text": ".txt", "md": ".md", "html": ".html", "svg": ".svg", "json": ".json"}


def render(plan: PlanSections, fmt: str) -> str:
    """The plan in ``fmt`` (one of ``FORMATS``) as text."""
    if fmt == "json":
        from .render import plan_json
        from .safe_text import json_text

        return json_text(plan_json(plan)) + "\n"
    if fmt == "md":
        from .export_md import render_md

        return render_md(plan)
    if fmt == "html":
        from .export_html import render_html

        return render_html(plan)
    if fmt == "svg":
        from .export_svg import render_svg

        return render_svg(plan)
    if fmt == "text":
        from .render import render_text

        return render_text(plan)
    raise ValueError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
