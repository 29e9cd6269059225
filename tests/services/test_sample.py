"""The bundled Rotherham WSOA, January 2022, with the August 2022 ratings."""

from __future__ import annotations

from collections import Counter

import pytest

from wsoa_desktop.services import audit
from wsoa_desktop.services.outline import load_outline
from wsoa_desktop.services.plan_document import document_for
from wsoa_desktop.services.plans import list_plans
from wsoa_desktop.services.sample import add_sample


@pytest.fixture
def outline(sample_store):
    return load_outline(sample_store, 1)


def test_counts(outline):
    assert len(outline.priorities) == 4
    assert sum(len(p.actions) for p in outline.priorities) == 23
    assert len(outline.sub_actions()) == 75
    assert [p.ref for p in outline.priorities] == ["1", "2", "3", "4"]


def test_adding_twice_adds_once(sample_store):
    plan_id, added = add_sample(sample_store)
    assert (plan_id, added) == (1, False)
    assert len(list_plans(sample_store)) == 1


def test_plan_title_and_priorities(outline):
    assert outline.title == "Rotherham Local Area SEND 0-25 Written Statement of Action, January 2022"
    p1, p2, p3, p4 = outline.priorities
    assert p1.title == "EHC Plans"
    assert p1.area_of_concern == ("The variability in the quality of EHC plans, including the "
                                  "contribution of health and social care partners.")
    assert p1.lead_officers.startswith("Julie Day, Head of Service Inclusion and Ian Tankard")
    assert p1.outcome_statement.startswith("Children and Young People with SEND in Rotherham have")
    assert "Council for Disabled Children" in p1.delivery_partners
    assert p2.title == "Graduated Response"
    assert p3.title == "Preparing for Adulthood and Transitions"
    assert p4.title == "Local Offer"
    assert p1.subgroup == "Education Health Care Plans"


EXACT_SUB_ACTIONS = {
    "1.1.1": ("Integrate EHCP and SEND into full CYPS framework", ["Julie Day"], "July 2022"),
    "1.1.3": ("Establish internal QA processes within the EHCP Team and wider Inclusion Service",
              ["Julie Day", "Vicki Ingram"], "September 2022"),
    "1.1.5": ("Facilitate parents, carers, and young people to enable them the opportunity to audit "
              "and QA independently", ["RPCF group", "Scott Johnson", "Guiding Voices"], "July 2022"),
    "1.2.2": ("Deliver CPD to Parents and Carers", ["NDTi", "CDC"], "June 2023"),
    "2.3.3": ("Recognise positive judgements related to SEND in school/setting Ofsted’s and share as "
              "examples of good practice.", None, "Ongoing – July for 1st annual report"),
    "2.4.3": ("Develop and implement internal mechanisms within Health/CCG and RMBC including "
              "membership of the EHCP panel", ["Helen Sweaton"], "February 2022"),
    "4.5.2": ("Audit the use of the Local Offer across the wider SEND system for example Education "
              "Settings and partners", ["Pam Ward"], "Re-occurring action Sequence to be agreed Dec 2022"),
    "4.6.1": ("Undertake an annual review to assess progress against the identified outcomes and impact "
              "measures", ["Nathan Heath", "Julie Day"], "June 2023"),
}


@pytest.mark.parametrize("ref", sorted(EXACT_SUB_ACTIONS))
def test_exact_sub_action_texts(outline, ref):
    description, leads, target = EXACT_SUB_ACTIONS[ref]
    node = outline.find(ref)
    assert node.description.replace("'", "’") == description.replace("'", "’")
    if leads is not None:
        assert node.leads == leads
    assert node.target.text == target


def test_action_outcomes_and_measures(outline):
    a = outline.find("1.1")
    assert a.description == "Improve the Quality Assurance framework for Education Health and Care Plans"
    assert len(a.outcomes) == 7
    assert a.outcomes[0] == ("All practitioners understand their role and involvement in relation to "
                             "creating/contributing to the EHC plan")
    assert a.impact_measures_heading == "Key Impact Measures"
    assert a.impact_measures[0] == "Increased number of EHC plans audited rated as good or better from 52.5% to 75%"
    assert outline.find("4.6").description.startswith("To carry out a review of progress")


def test_free_text_targets_have_no_date_and_months_do(outline):
    assert outline.find("2.3.3").target.due is None
    assert outline.find("1.1.1").target.due.isoformat() == "2022-07-31"


def test_august_2022_ratings(outline):
    assert outline.period.label == "August 2022"
    ratings = {n.ref: n.rating for n in outline.sub_actions() if n.rating}
    assert Counter(ratings.values()) == {"Green": 9, "Amber": 7, "Blue": 3, "Grey": 3, "Red": 2}
    assert ratings["2.2.2"] == "Green"
    assert ratings["2.2.3"] == "Amber"  # "Yellow" in the appendix
    assert ratings["2.4.1"] == "Blue"
    assert ratings["2.5.3"] == "Red"
    assert ratings["2.5.5"] == "Red"
    assert ratings["2.7.1"] == "Grey"
    assert ratings["3.1.4"] == "Amber"
    assert "1.1.1" not in ratings


def test_progress_update_of_2_4_3(outline):
    assert outline.find("2.4.3").progress == (
        "Review of arrangements for children complex needs underway. Graduated response highlighted "
        "as appropriate stage prior to escalation")


def test_subgroups_with_chairs_and_members(sample_store):
    doc = document_for(sample_store, 1)
    names = [g["name"] for g in doc["subgroups"]]
    assert names == ["Education Health Care Plans", "Graduated Response", "Preparing for Adulthood",
                     "Local Offer and Communication"]
    ehcp = doc["subgroups"][0]
    assert ehcp["chairs"][0] == "Julie Day, Head of Service Inclusion"
    assert "Vicki Ingram, Head of EHCP Team CYPS" in ehcp["members"]
    assert doc["boards"][0]["name"] == "SEND Executive Board"


def test_sample_is_recorded_in_the_audit_trail(sample_store):
    lines = audit.history(sample_store, 1, "1.1.1")
    assert lines and lines[-1].operation == "create"
