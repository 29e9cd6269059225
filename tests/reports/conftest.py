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


#: What the carried-forward plan below holds, for the tests to look for.
CARRIED = {
    "period": "September 2022",
    "since": "August 2022",
    "reason": "Trainer off sick until October",  # 2.5.1, updated this period: Green → Amber
    "sign_off": "Closed with SEND Executive Board approval, 14 July 2022, minute 23/45",  # 2.4.2
    "revised": "December 2022 (was September 2022)",  # 2.5.2's target
}


@pytest.fixture
def carried_store(sample_store):  # type: ignore[no-untyped-def]
    """The sample plan one month on: September opened (every rating carried forward), then
    2.5.1 rated Amber with a reason, 2.4.2 signed off, 2.5.2's target moved."""
    from datetime import date

    from wsoa_desktop.services import plan_items, rounds, signoff

    rounds.new_period(sample_store, 1, CARRIED["period"], by="test")
    rounds.rate(sample_store, 1, "2.5.1", CARRIED["period"], "Amber", progress="Trainer off sick",
                reason=CARRIED["reason"], by="test")
    signoff.record_sign_off(sample_store, 1, "2.4.2", approved_on=date(2022, 7, 14), minute_ref="23/45",
                            body="SEND Executive Board", period_label=CARRIED["period"], by="test")
    plan_items.change_target(sample_store, 1, "2.5.2", "December 2022", reason="Trainer availability",
                             by="test")
    return sample_store
