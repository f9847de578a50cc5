"""Reorienting a project from its case page: the reason, the unit's word for it and the
catalogue's activities, by the same flow the API's reorientation runs; a refused form changes
nothing and says why beside the field."""

import re

import pytest

from tests.console.conftest import form_token, form_version
from tests.journey import ok, open_case


def _activity(client, people, title: str) -> str:
    made = client.post(
        "/reorientation-activities",
        json={"title": title, "kind": "training"},
        headers=people.manager.headers,
    )
    return str(ok(made, 201)["id"])


def test_a_refused_reorientation_says_why_beside_the_field_and_changes_nothing(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}"
    shown = console.get(url)
    assert 'id="move-reorientation"' in shown.text, "no reorientation form"
    data = {
        "csrf_token": form_token(shown.text),
        "version": form_version(shown.text),
        "reason": "no",
        "reason_code": "skills_gap",
        "suggestions": "Work with a cooperative first\n\n",
    }
    refused = console.post(url + "/reorient", data=data)
    assert refused.status_code == 422
    assert re.search(r'<p class="problem" id="reason-problem">[^<]*3 characters', refused.text)
    assert '<details class="gate" open>' in refused.text
    assert ">no</textarea>" in refused.text  # what was typed stays
    assert 'value="skills_gap" selected' in refused.text
    kept = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert kept["status"] == "active"
    assert kept["version"] == case["version"]


@pytest.mark.usefixtures("prefect_server")
def test_an_advisor_reorients_a_project_towards_the_catalogues_activities(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    bookkeeping = _activity(client, people, "Bookkeeping course")
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}"
    shown = console.get(url)
    assert "Bookkeeping course" in shown.text
    assert 'id="move-reorientation"' in shown.text, "no reorientation form"
    data = {
        "csrf_token": form_token(shown.text),
        "version": form_version(shown.text),
        "reason": "The market for ice is taken for now.",
        "reason_code": "not_viable_market",
        "activity_ids": [bookkeeping],
        "suggestions": "Work with a cooperative first",
    }
    done = console.post(url + "/reorient", data=data)
    assert done.status_code == 200
    assert done.url.path == url
    reoriented = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert reoriented["status"] == "reoriented"
    assert 'id="move-reorientation"' not in done.text  # nothing more to reorient
    followed = console.get(url + "/reorientation")
    assert followed.status_code == 200
    assert "Bookkeeping course" in followed.text
    assert "Work with a cooperative first" in followed.text


def test_the_entrepreneur_is_not_offered_reorientation_and_cannot_post_it(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}"
    shown = console.get(url)
    assert 'id="move-reorientation"' not in shown.text
    data = {"csrf_token": form_token(shown.text), "version": "1", "reason": "I give up on it."}
    assert console.post(url + "/reorient", data=data).status_code == 403
