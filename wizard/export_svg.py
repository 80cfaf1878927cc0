"""The plan as an SVG picture (``--format svg``): the very renderable the plan screen shows.

Rich records ``plan_renderable`` at 80 columns and exports it; the web-font link Rich's template
carries is removed, so the file names nothing outside itself.
"""

from __future__ import annotations

import io
import re

from rich.console import Console

from .rich_plan import plan_renderable
from .sections import PlanSections

WIDTH = 80
_REMOTE_FONT = re.compile(r'\s*,\s*url\("https?://[^"]*"\)\s*format\("[^"]*"\)')


def render_svg(plan: PlanSections, width: int = WIDTH) -> str:
    """The plan screen's renderable as a self-contained SVG, ``width`` columns wide."""
    console = Console(
        width=width, record=True, file=io.StringIO(), force_terminal=True, color_system="truecolor"
    )
    console.print(plan_renderable(plan))
    svg = console.export_svg(title=f"{plan.title} — {plan.made}")
    return _REMOTE_FONT.sub("", svg)
