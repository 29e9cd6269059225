"""The bundled Rotherham WSOA (January 2022 plan, August 2022 ratings)."""

from __future__ import annotations

import json

from sqlmodel import select

from wsoa_desktop.paths import resource_path
from wsoa_desktop.services.measures import add_measures_file
from wsoa_desktop.services.plan_document import load_document
from wsoa_desktop.store.database import Store
from wsoa_desktop.store.models import Plan

SAMPLE_FILE = resource_path("sample", "rotherham_wsoa_2022.json")
SAMPLE_KEY = "rotherham-wsoa-2022-01"
#: The plan's Key Impact Measures with their baselines and targets (no readings: the plan has none).
SAMPLE_MEASURES = resource_path("sample", "rotherham_wsoa_2022_measures.json")


def sample_plan_id(store: Store) -> int | None:
    with store.session() as s:
        pid = s.exec(select(Plan.id).where(Plan.sample_key == SAMPLE_KEY)).first()
        return int(pid) if pid is not None else None


def add_sample(store: Store, *, by: str | None = None) -> tuple[int, bool]:
    """Add the sample plan unless it is there already; returns (plan id, added?)."""
    existing = sample_plan_id(store)
    if existing is not None:
        return existing, False
    doc = json.loads(SAMPLE_FILE.read_text(encoding="utf-8"))
    plan_id = load_document(store, doc, by=by or "WSOA Desktop sample", sample_key=SAMPLE_KEY)
    add_measures_file(store, plan_id, SAMPLE_MEASURES, by=by or "WSOA Desktop sample")
    return plan_id, True
