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
from wsoa_desktop.services.importing.planner import ImportPlan, Problem, plan_import
from wsoa_desktop.services.importing.rows import SourceTable
from wsoa_desktop.store.database import Store

READERS = (".csv", ".xlsx", ".docx", ".json")

__all__ = ["READERS", "ImportPlan", "Problem", "dry_run", "import_file", "read_table"]


def read_table(path: Path) -> SourceTable:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS or suffix == ".json":
        raise ValidationError(f"Cannot import “{path.name}”: use a .csv, .xlsx or .docx file.")
    if not path.is_file():
        raise ValidationError(f"There is no file at {path}. Check the name.")
    if suffix == ".csv":
        from wsoa_desktop.services.importing.csv_reader import read_csv

        return read_csv(path)
    if suffix == ".xlsx":
        from wsoa_desktop.services.importing.xlsx_reader import read_xlsx

        return read_xlsx(path)
    from wsoa_desktop.services.importing.docx_reader import read_docx

    return read_docx(path)


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
