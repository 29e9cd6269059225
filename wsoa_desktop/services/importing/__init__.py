"""Bring a council's existing plan in from a spreadsheet (.csv, .xlsx) or a Word WSOA (.docx).

Reading, checking and writing are separate steps: a reader turns the file into
:class:`~.rows.SourceRow`s, the planner checks them and says what would be
created (the dry run), and :func:`apply_import` writes the new plan in one
transaction. ``import_file`` runs all three.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services import incoming_files
from wsoa_desktop.services.importing.planner import ImportPlan, Problem, plan_import
from wsoa_desktop.services.importing.rows import SourceTable
from wsoa_desktop.store.database import Store

READERS = (".csv", ".xlsx", ".docx", ".json")

__all__ = ["READERS", "ImportPlan", "Problem", "dry_run", "import_file", "read_table"]


def read_table(path: Path) -> SourceTable:
    """The rows of the file, or a :class:`ValidationError` saying why it cannot be read.

    This is the readers' boundary (see :mod:`wsoa_desktop.services.incoming_files`):
    the file's size and shape are checked before it is opened, anything a reader
    raises on a damaged file becomes one plain message, and a cell longer than a
    cell may be is a problem the dry run lists.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS or suffix == ".json":
        raise ValidationError(f"Cannot import “{path.name}”: use a .csv, .xlsx or .docx file.")
    kind = incoming_files.KINDS[suffix]
    incoming_files.check_file(path, kind)
    try:
        if suffix == ".csv":
            from wsoa_desktop.services.importing.csv_reader import read_csv

            table = read_csv(path)
        elif suffix == ".xlsx":
            from wsoa_desktop.services.importing.xlsx_reader import read_xlsx

            table = read_xlsx(path)
        else:
            from wsoa_desktop.services.importing.docx_reader import read_docx

            table = read_docx(path)
    except ValidationError:
        raise
    except Exception as exc:  # whatever a damaged file makes a library raise
        raise incoming_files.damaged(path, kind, exc) from exc
    _check_lengths(table)
    return table


_COLUMNS = (("action", "Action"), ("lead", "Lead"), ("target", "Target End Date"), ("rating", "RAG"),
            ("progress", "Progress Update"), ("impact_measures_heading", "Action"), ("priority_title", "priority"),
            ("lead_officers", "Lead Officers"), ("outcome_statement", "outcome statement"))


def _check_lengths(table: SourceTable) -> None:
    """A problem for every cell over :data:`incoming_files.MAX_CELL_CHARS` characters."""
    limit = incoming_files.MAX_CELL_CHARS
    if table.title and len(table.title) > limit:
        table.problems.append(("", "", incoming_files.too_long(len(table.title), "The file's title")))
        table.title = None
    for row in table.rows:
        if len(row.ref) > limit:
            table.problems.append((row.where, "", incoming_files.too_long(len(row.ref), "The Ref cell")))
            row.ref = row.ref[:20] + "…"  # never a reference; kept short for the messages about it
        texts = [(getattr(row, name), column) for name, column in _COLUMNS]
        texts += [(t, "Action (an intended outcome)") for t in row.outcomes]
        texts += [(t, "Action (an impact measure)") for t in row.impact_measures]
        for text, column in texts:
            if len(text) > limit:
                table.problems.append((row.where, row.ref[:20],
                                       incoming_files.too_long(len(text), f"The {column} cell")))


def title_from_name(path: Path) -> str:
    return " ".join(path.stem.replace("_", " ").split())


def dry_run(path: Path, *, title: str | None = None, period: str | None = None,
            today: date | None = None, scheme: str | None = None,
            owners: dict[str, str] | None = None) -> ImportPlan:
    """What importing ``path`` would create, and every problem; nothing is written.

    ``scheme`` names a built-in rating scheme to read the ratings in (default: the
    document's own key, else WSOA BRAG); ``owners`` says who ambiguous owners are
    (``{"PW": "Paula Williams (I)"}``).
    """
    path = Path(path)
    if path.suffix.lower() == ".json":
        from wsoa_desktop.services.importing.plan_file import plan_file_dry_run

        return plan_file_dry_run(path, title=title)
    table = read_table(path)
    chosen = title or table.title or title_from_name(path)
    chosen_scheme = None
    if scheme:
        from wsoa_desktop.services.importing.legend import choose_scheme

        chosen_scheme = choose_scheme(scheme)
    return plan_import(table, title=chosen, source=path.name, period=period, today=today,
                       scheme=chosen_scheme, owner_choices=owners)


def import_file(store: Store, path: Path, *, title: str | None = None, period: str | None = None,
                by: str | None = None, scheme: str | None = None,
                owners: dict[str, str] | None = None) -> tuple[int, ImportPlan]:
    """Import ``path`` as a new plan (all or nothing); returns the plan id and what was created."""
    from wsoa_desktop.services.importing.apply import apply_import

    if Path(path).suffix.lower() == ".json":
        from wsoa_desktop.services.importing.plan_file import import_plan_file

        return import_plan_file(store, Path(path), title=title, by=by)
    plan = dry_run(path, title=title, period=period, scheme=scheme, owners=owners)
    return apply_import(store, plan, by=by), plan
