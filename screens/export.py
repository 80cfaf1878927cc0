"""The export dialog: choose a format, confirm the folder (the default is shown), write the file.

Nothing is overwritten without asking; any failure (read-only folder, no space, a link in the
way) is one line in the dialog and the session goes on. In kiosk mode the folder is the desk's
configured export folder and cannot be changed (and without one, the plan screen offers no
export at all).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList

from ..wizard.export import FORMATS, SUFFIX, render
from ..wizard.files import ExistsError, OutputError, write_text
from ..wizard.safe_text import visible
from ..wizard.sections import PlanSections
from .confirm import ConfirmScreen
from .strings import t
from .widgets import ChoiceList, Plain

FOLDER_LIMIT = 1024  # characters typed as a folder: longer than any real path on this desk
PATH_SHOWN = 200  # characters of a path shown on screen (control characters made visible)


def export_path(folder: Path, fmt: str, today: date) -> Path:
    """The file a plan is exported to: ``plan-YYYY-MM-DD.<suffix>`` in ``folder``."""
    return folder / f"plan-{today.isoformat()}{SUFFIX[fmt]}"


class ExportScreen(ModalScreen[Path | None]):
    """Format, then folder, then the file is written; dismisses with the path written."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]
    """Escape closes the dialog without writing anything."""

    def __init__(self, plan: PlanSections, folder: Path, fixed: bool = False) -> None:
        super().__init__()
        self.plan = plan
        self.folder = folder
        self.fixed = fixed  # kiosk: the configured folder only
        self.fmt: str | None = None

    def compose(self) -> ComposeResult:
        lang = self.plan.lang
        with Vertical(id="export-dialog"):
            yield Plain(t("export_title", lang), classes="qr-heading")
            yield Plain(t("export_format", lang), classes="hint")
            yield ChoiceList(
                [(f, t(f"format_{f}", lang)) for f in FORMATS], mode="menu", id="export-formats"
            )
            hint = (
                t("export_dir_fixed", lang, dir=visible(self.folder, PATH_SHOWN))
                if self.fixed
                else t("export_dir", lang)
            )
            yield Plain(hint, id="export-dir-hint", classes="hint")
            yield Input(
                str(self.folder), id="export-dir", disabled=self.fixed, max_length=FOLDER_LIMIT
            )
            yield Plain("", id="export-file")
            yield Plain("", id="export-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#export-dir-hint").display = False
        self.query_one("#export-dir").display = False
        self.query_one("#export-formats").focus()

    @on(OptionList.OptionSelected, "#export-formats")
    def _format_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.fmt = event.option.id
        self.query_one("#export-dir-hint").display = True
        field = self.query_one("#export-dir", Input)
        field.display = True
        self._preview()
        if self.fixed:
            self.query_one("#export-formats").focus()
            self.write()  # the folder is the desk's; choosing the format confirms
        else:
            field.focus()

    @on(Input.Changed, "#export-dir")
    def _preview(self) -> None:
        target = self.target()
        if target is not None:
            shown = t("export_file", self.plan.lang, path=visible(target, PATH_SHOWN))
            self.query_one("#export-file", Plain).update(shown)

    @on(Input.Submitted, "#export-dir")
    def _folder_confirmed(self) -> None:
        self.write()

    def target(self) -> Path | None:
        if self.fmt is None:
            return None
        folder = self.folder
        if not self.fixed:
            typed = self.query_one("#export-dir", Input).value.strip()
            folder = Path(typed).expanduser() if typed else self.folder
        return export_path(folder, self.fmt, self.plan.today)

    def write(self, force: bool = False) -> None:
        """Write the file; ask before replacing one; report any failure in the dialog."""
        target = self.target()
        if target is None or self.fmt is None:
            return
        lang = self.plan.lang
        try:
            write_text(target, render(self.plan, self.fmt), force=force)
        except ExistsError:

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.write(force=True)

            self.app.push_screen(
                ConfirmScreen(
                    t("export_replace", lang, path=visible(target, PATH_SHOWN)),
                    t("yes_replace", lang),
                    t("no_cancel", lang),
                ),
                confirmed,
            )
            return
        except OutputError as exc:
            why = exc.text(lang)
            self.query_one("#export-error", Plain).update(t("export_failed", lang, why=why))
            return
        except (OSError, ValueError) as exc:
            why = " ".join(str(exc).split())
            self.query_one("#export-error", Plain).update(t("export_failed", lang, why=why))
            return
        self.app.notify(t("export_done", lang, path=visible(target, PATH_SHOWN)), timeout=8)
        self.dismiss(target)

    def action_cancel(self) -> None:
        self.dismiss(None)
