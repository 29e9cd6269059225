"""A plan's scheme chosen at creation and changed later, keeping (or mapping) every rating in use."""

from __future__ import annotations

import pytest

from wsoa_desktop.domain.errors import ValidationError
from wsoa_desktop.domain.rating_schemes import RAG_2017
from wsoa_desktop.domain.scheme_design import RatingDraft, drafts_of
from wsoa_desktop.services import audit, periods, plan_items, plans, rounds, versions
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.scheme_changes import change_scheme, ratings_in_use


def test_a_plan_created_with_the_2017_scheme_rates_in_it(store):
    pid = plans.create_plan(store, "Joint action plan 2017", scheme=RAG_2017)
    plan_items.add_priority(store, pid, "1", "Priority")
    plan_items.add_action(store, pid, "1.1", plan_items.ActionFields("Action"))
    periods.add_period(store, pid, "June 2017")
    rounds.rate(store, pid, "1.1", "June 2017", "Amber", progress="On track")
    assert plans.scheme_for(store, pid) == RAG_2017
    assert load_outline(store, pid).find("1.1").rating == "Amber"
    with pytest.raises(ValidationError, match="not a rating in this plan's scheme.*Green, Amber, Red"):
        rounds.rate(store, pid, "1.1", "June 2017", "Blue")


def test_renaming_recolouring_and_adding_keep_every_rating(sample_store):
    in_use = ratings_in_use(sample_store, 1)
    assert in_use["Amber"] > 0 and in_use["Green"] > 0
    drafts = drafts_of(plans.scheme_for(sample_store, 1))
    drafts[2].name, drafts[2].colour, drafts[2].synonyms = "Yellow", "#FFD200", ["A", "At risk"]
    drafts.insert(4, RatingDraft("Purple", "Paused by the board", "#5B2C83", "#FFFFFF", severity=4))
    change = change_scheme(sample_store, 1, "WSOA BRAG 2023", drafts, by="Ann")
    assert change.renamed == [("Amber", "Yellow")] and change.added == ["Purple"] and not change.removed
    scheme = plans.scheme_for(sample_store, 1)
    assert scheme.name == "WSOA BRAG 2023" and scheme.names() == ["Blue", "Green", "Yellow", "Red", "Purple", "Grey"]
    assert ratings_in_use(sample_store, 1)["Yellow"] == in_use["Amber"]
    assert load_outline(sample_store, 1).find("2.4.3").rating == "Yellow"
    assert scheme.match("amber") is None and scheme.match("at risk").name == "Yellow"
    trail = audit.history(sample_store, 1, "")
    assert any(e.field_name == "rating renamed" and (e.old_value, e.new_value) == ("Amber", "Yellow") for e in trail)


def test_a_rating_in_use_cannot_vanish_unless_mapped(sample_store):
    drafts = [d for d in drafts_of(plans.scheme_for(sample_store, 1)) if d.name != "Grey"]
    before = ratings_in_use(sample_store, 1)
    with pytest.raises(ValidationError, match="“Grey” is held by .* ratings in this plan: keep it, or choose"):
        change_scheme(sample_store, 1, "BRAG without Grey", drafts)
    assert ratings_in_use(sample_store, 1) == before and plans.scheme_for(sample_store, 1).name == "WSOA BRAG"
    with pytest.raises(ValidationError, match="choose the rating"):
        change_scheme(sample_store, 1, "BRAG without Grey", drafts, mapping={"Grey": "Purple"})
    change = change_scheme(sample_store, 1, "BRAG without Grey", drafts, mapping={"grey": "green"})
    assert change.moved == {"Grey": ("Green", before["Grey"])}
    assert ratings_in_use(sample_store, 1)["Green"] == before["Green"] + before["Grey"]
    assert "Grey" not in plans.scheme_for(sample_store, 1).names()


def test_swapping_two_names_and_published_versions_keep_their_scheme(sample_store):
    versions.publish(sample_store, 1, "August as reported", by="Ann")
    amber_items = [a.ref for a in load_outline(sample_store, 1).rated_items() if a.rating == "Amber"]
    drafts = drafts_of(plans.scheme_for(sample_store, 1))
    drafts[1].name, drafts[2].name = "Amber", "Green"  # rows keep their statuses; names swap
    drafts[1].synonyms, drafts[2].synonyms = [], []
    change_scheme(sample_store, 1, "Swapped", drafts)
    assert {a.ref for a in load_outline(sample_store, 1).rated_items() if a.rating == "Green"} == set(amber_items)
    published = versions.version_outline(sample_store, 1, 1)
    assert published.scheme.name == "WSOA BRAG" and published.find(amber_items[0]).rating == "Amber"


def test_a_scheme_failing_its_checks_changes_nothing(sample_store):
    drafts = drafts_of(plans.scheme_for(sample_store, 1))
    drafts[0].text_colour = "#1F5FAD"
    with pytest.raises(ValidationError, match="Blue: its name is hard to read"):
        change_scheme(sample_store, 1, "WSOA BRAG", drafts)
    assert plans.scheme_for(sample_store, 1).get("Blue").text_colour == "#FFFFFF"
