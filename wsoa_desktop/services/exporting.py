"""Export a plan (or a published version) to CSV, JSON or Excel."""

from __future__ import annotations

import json
from pathlib import Path

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.services.files import atomic_write
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plans import resolve_plan
from wsoa_desktop.store.database import Store


def export_plan(store: Store, path: Path, *, plan: str | int | None = None, period: str | None = None,
                version: int | None = None) -> Path:
    plan_id = resolve_plan(store, plan)
    suffix = path.suffix.lower()
    if version is not None:
        from wsoa_desktop.services.versions import snapshot_text, version_outline

        if suffix == ".json":
            # The snapshot itself, byte for byte as published (its checksum was checked on reading).
            text = snapshot_text(store, plan_id, version)
            return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
        outline = version_outline(store, plan_id, version, period)
    else:
        outline = load_outline(store, plan_id, period)
    if suffix == ".csv":
        from wsoa_desktop.services.csv_export import write_csv

        return write_csv(outline, path)
    if suffix == ".json":
        from wsoa_desktop.services.plan_document import document_for

        periods = None if period is None else [outline.period.label] if outline.period else []
        # The whole plan: evidence, meetings and versions too, so ``import plan.json`` loses nothing.
        return _write_json(document_for(store, plan_id, periods=periods, whole=True), path)
    if suffix == ".xlsx":
        from wsoa_desktop.services.xlsx_export import write_xlsx

        return write_xlsx(outline, path)
    raise ValidationError(f"Cannot export to {path.suffix}: use .csv, .json or .xlsx.")


def _write_json(doc: dict[str, object], path: Path) -> Path:
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
