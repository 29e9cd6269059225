"""A plan full of text that breaks careless reports."""

from __future__ import annotations

import pytest

from wsoa_desktop.services.periods import add_period, set_status
from wsoa_desktop.services.plan_items import ActionFields, add_action, add_priority
from wsoa_desktop.services.plans import create_plan

LONG_PROGRESS = " ".join(f"Week {i}: visits & audits <done>, Kateřina’s notes → next step ≥ 2." for i in range(60))
REF_LIST = ", ".join(f"{i}.{j}.{k}" for i in range(1, 4) for j in range(1, 4) for k in range(1, 3))[:120]
NAMES = ["Siân Jones", "Kateřina Dvořáková", "Łukasz Nowak"]
AWKWARD = {
    "amp": "Parents & carers",
    "bold": "Use <b> tags literally",
    "draft": "Publish <draft v2> of the “Local Offer” – review ≥ 3 times → done",
}


@pytest.fixture
def awkward_store(store):  # type: ignore[no-untyped-def]
    plan_id = create_plan(store, "Tom & Jerry’s <WSOA> 2025", by="test")
    add_priority(store, plan_id, "1", "EHC <Plans> & QA", area_of_concern="Quality & “consistency” <of> plans",
                 lead_officers="Siân Jones – Head of Service", outcome_statement="Plans ≥ good",
                 delivery_partners=["Łukasz Nowak & Co"], by="test")
    add_priority(store, plan_id, "2", "Empty priority", by="test")
    add_action(store, plan_id, "1.1", ActionFields(description=AWKWARD["amp"], outcomes=["Fewer <tribunals>"],
                                                   impact_measures=["From 52.5% to 75% & rising"]), by="test")
    add_action(store, plan_id, "1.1.1", ActionFields(description=AWKWARD["bold"], leads=NAMES, target="July 2022"),
               by="test")
    add_action(store, plan_id, "1.1.2", ActionFields(description=AWKWARD["draft"], leads=["Kateřina Dvořáková"],
                                                     target="Ongoing – July for 1st annual report"), by="test")
    add_action(store, plan_id, "1.1.3", ActionFields(description=f"Links to {REF_LIST}", target="June 2023"),
               by="test")
    add_period(store, plan_id, "July 2022", by="test")
    add_period(store, plan_id, "August 2022", by="test")
    set_status(store, plan_id, "1.1.1", "July 2022", "Green", by="test")
    set_status(store, plan_id, "1.1.2", "July 2022", "Amber", by="test")
    set_status(store, plan_id, "1.1.1", "August 2022", "Red", reason="Staff away", progress="Slipped <again> & again", by="test")
    set_status(store, plan_id, "1.1.2", "August 2022", "Green", progress=LONG_PROGRESS, by="test")
    set_status(store, plan_id, "1.1.3", "August 2022", "Yellow", by="test")
    return store, plan_id
