"""Help ▸ User guide: the monthly job in ten steps, the rating legend, where everything is kept.

Written for the officer who opens the app once a month. The menu paths and
shortcuts in the steps are read from the window's own actions when the guide is
shown, the legend from the open plan's rating scheme, and the folders are the
real ones on this computer, so none of it can drift from what the window does.
All text is escaped before it becomes HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMenu, QTextBrowser, QVBoxLayout

from wsoa_desktop import APP_NAME
from wsoa_desktop.gui.help_shortcuts import keys_text, plain_text

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from wsoa_desktop.domain.rating_schemes import RatingScheme
    from wsoa_desktop.gui.main_window import MainWindow


@dataclass(frozen=True)
class Step:
    title: str
    menu: str  # the menu item's words as they appear in the menu ("Update round…")
    fallback: str  # where it is when the window has no such item (an area not installed)
    detail: str


STEPS = (
    Step("Back up before you start", "Back up now…", "File ▸ Back up now…",
         "A checked copy of the database goes to the backup folder, so nothing you do this month "
         "can lose last month."),
    Step("Open the new reporting period", "New period…", "Round ▸ New period…",
         "Name it as the committee papers will (“September 2022”). Last period's ratings and progress "
         "are carried forward and marked “not updated” until someone updates them."),
    Step("Send the leads their forms", "Lead forms: export…", "Round ▸ Lead forms: export…",
         "One spreadsheet per lead (or one sheet each) listing their items, with a drop-down for the "
         "new rating. E-mail them out."),
    Step("Bring the returned forms in", "Lead forms: import…", "Round ▸ Lead forms: import…",
         "Choose the forms that came back. You see every change and any conflict before anything is "
         "applied, and they are applied all together or not at all."),
    Step("Walk the update round", "Update round…", "Round ▸ Update round…",
         "One item at a time: press the key shown on a rating's button, type or paste the progress, "
         "then go to the next item. A worse rating, or Red, needs a reason."),
    Step("Sign off what is complete", "Sign off…", "Round ▸ Sign off…",
         "A completed (Blue) rating needs the approving body, the date and the minute reference; attach the "
         "evidence the panel saw (Round ▸ Attach evidence…)."),
    Step("Record target dates that moved", "Change target date…", "Edit ▸ Change target date…",
         "The old date is kept beside the new one, with the reason you give."),
    Step("Check the exceptions", "Exception report…", "Reports ▸ Exception report…",
         "Red, Amber, overdue and worsened items on a page or two: what the board will ask about."),
    Step("Publish this month's version", "Publish version…", "File ▸ Publish version…",
         "A numbered version that never changes afterwards, with who published it and a summary of "
         "amendments."),
    Step("Print the BRAG appendix, then close and back up", "BRAG appendix…", "Reports ▸ BRAG appendix…",
         "Preview, then Save as PDF or Word for the agenda pack, or Print. Close the period (Round ▸ "
         "Close period) so its ratings stay as reported, and back up again."),
)


def find_action(window: MainWindow, words: str) -> tuple[str, QAction] | None:
    """The menu path and action whose text reads ``words`` (ampersands ignored), if the window has one."""
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        found = _find_in(menu, _clean(menu.title()), words)
        if found is not None:
            return found
    return None


def _find_in(menu: QMenu, where: str, words: str) -> tuple[str, QAction] | None:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found = _find_in(sub, f"{where} ▸ {_clean(sub.title())}", words)
            if found is not None:
                return found
        elif plain_text(action) == words:
            return where, action
    return None


def _clean(title: str) -> str:
    return title.replace("&&", "\0").replace("&", "").replace("\0", "&")


def step_location(window: MainWindow, step: Step) -> str:
    """"Round ▸ Update round… (Ctrl+U)" as the window has it now, or the step's fallback."""
    found = find_action(window, step.menu)
    if found is None:
        return step.fallback
    where, action = found
    keys = keys_text(action)
    return f"{where} ▸ {plain_text(action)}" + (f" ({keys})" if keys else "")


def legend_html(scheme: RatingScheme) -> str:
    rows = []
    for r in sorted(scheme.ratings, key=lambda r: r.position):
        also = f" (also written {escape(', '.join(s for s in r.synonyms if len(s) > 1))})" \
            if any(len(s) > 1 for s in r.synonyms) else ""
        rows.append(f'<tr><td style="background:{escape(r.colour)}; color:{escape(r.text_colour)}; '
                    f'padding:3px 10px"><b>{escape(r.name)}</b></td>'
                    f"<td style=\"padding:3px 8px\">{escape(r.meaning)}{also}</td></tr>")
    return (f"<p>The plan's rating scheme: <b>{escape(scheme.name)}</b>. Every rating is shown with its "
            "name as well as its colour.</p><table cellspacing=\"2\">" + "".join(rows) + "</table>")


def measures_html() -> str:
    """How a key impact measure's status is worked out: the rule the dashboard and scorecard apply."""
    from wsoa_desktop.domain.measures import STATUS_RULE, STATUS_SCHEME

    head, *blocks = [b for b in STATUS_RULE.split("\n\n") if b.strip()]
    body = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(line.startswith("•") for line in lines):  # one short paragraph each (the steps are the list)
            body.append("".join(f"<p style=\"margin-left:12px\">{escape(line)}</p>" for line in lines))
        else:
            body.append(f"<p>{escape(' '.join(lines))}</p>")
    rows = "".join(
        f'<tr><td style="background:{escape(d.colour)}; color:{escape(d.text_colour)}; padding:3px 10px">'
        f"<b>{escape(d.name)}</b></td><td style=\"padding:3px 8px\">{escape(d.meaning)}</td></tr>"
        for d in STATUS_SCHEME.ratings)
    return ("<h3>Key impact measures</h3>" + "".join(f"<p>{escape(p)}</p>" for p in MEASURES_GUIDE)
            + f"<h3>{escape(head.strip())}</h3>" + "".join(body)
            + f'<table cellspacing="2">{rows}</table>')


#: Where an officer finds the measures, said once for the user guide.
MEASURES_GUIDE = (
    "Plan ▸ Impact measures… (Ctrl+Shift+M) adds, edits, links to actions and deletes the measures, with their "
    "milestones and readings (a value per quarter or reporting period, with a note); every save can be undone "
    "with Edit ▸ Undo. Plan ▸ Import measure readings… reads the performance team's workbook (Measure, Quarter, "
    "Value, Note): every reading and problem is listed first, and nothing is imported while there is a problem.",
    "The pane beside the plan lists the selected action's measures with their status, latest reading, baseline "
    "and target, as at the end of the period shown; Tab to a measure's link and press Enter to open it. "
    "View ▸ Dashboard (Ctrl+2) draws them all, with a Table tab of every number.",
    "Reports ▸ Impact measures scorecard… and Reports ▸ Performance on a page… print them. A published version "
    "keeps its measures and readings: choose “Published version” in the report window to print them as they "
    "were published.",
)


def places(window: MainWindow) -> list[tuple[str, str]]:
    """(what, where) for the database, its lock, settings, backups and the default data folder."""
    from wsoa_desktop.paths import user_data_dir

    settings = window.settings
    database = str(window.store.location) if window.store is not None else "none open (File ▸ Open database…)"
    backup = str(settings.get("backup/folder") or "") or \
        "not chosen yet: File ▸ Back up now… asks for it the first time"
    rows = [
        ("The plan's database (every plan, rating and version in one file)", database),
        ("Default folder for new databases", str(settings.get("paths/database_folder") or "")
         or str(user_data_dir())),
        ("Backups", backup),
        ("Your preferences (display name, folders, window layout)", settings.qsettings.fileName()),
    ]
    if window.store is not None and window.store.is_server:
        rows[0] = ("The plan's database, on a shared server (IT keeps it and its own backups)", database)
    elif window.store is not None:
        rows.insert(1, ("While the database is open here, a lock file beside it",
                        str(window.store.path.with_name(window.store.path.name + ".lock"))))
    return rows


def guide_html(window: MainWindow) -> str:
    from wsoa_desktop.domain.rating_schemes import DEFAULT_SCHEME

    scheme = window.outline.scheme if window.outline is not None else DEFAULT_SCHEME
    steps = "".join(
        f"<li><p><b>{escape(step.title)}</b> — {escape(step_location(window, step))}<br>{escape(step.detail)}"
        "</p></li>" for step in STEPS)
    where = "".join(f"<tr><td style=\"padding:2px 8px\">{escape(what)}</td>"
                    f"<td style=\"padding:2px 8px\"><code>{escape(path)}</code></td></tr>"
                    for what, path in places(window))
    return (f"<h2>{escape(APP_NAME)}: the monthly job</h2>"
            "<p>Every change is saved the moment you make it, and Edit ▸ Undo takes it back.</p>"
            f"<h3>The monthly job in ten steps</h3><ol>{steps}</ol>"
            f"<h3>The ratings</h3>{legend_html(scheme)}"
            f"{measures_html()}"
            f"<h3>Where everything is kept</h3><table>{where}</table>"
            "<p>Keep the database on this computer's own disk and the backups on the shared drive: a "
            "database on a network drive or in a OneDrive, Dropbox or Google Drive folder can be "
            "damaged, because those do not give SQLite the file locking it needs.</p>"
            "<p>Every keyboard shortcut is listed under Help ▸ Keyboard shortcuts.</p>")


class UserGuide(QDialog):
    """The guide in a window of its own, which can stay open beside the plan."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("userGuideDialog")
        self.setWindowTitle(f"{APP_NAME} user guide")
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("userGuideText")
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.window_ = window
        self.refresh()
        width = self.fontMetrics().horizontalAdvance("M") * 60
        self.resize(width, int(width * 1.1))

    def refresh(self) -> None:
        self.browser.setHtml(guide_html(self.window_))


def show_guide(window: MainWindow) -> UserGuide:
    """Show the guide (one per window, refreshed each time it is asked for)."""
    guide = window.findChild(UserGuide)
    if guide is None:
        guide = UserGuide(window)
    else:
        guide.refresh()
    guide.show()
    guide.raise_()
    guide.activateWindow()
    return guide
