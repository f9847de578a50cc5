"""The training page: courses an advisor plans and records progress on, as the API sees them;
what it refuses and where it says so; read-only once the case is closed; and who may do what."""

from typing import Any

import pytest

from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case

CASE = "{case_id}"
NOBODY = "00000000-0000-4000-8000-000000000001"


def _courses(client, case_id: str, reader) -> list[dict[str, Any]]:
    return ok(client.get(f"/cases/{case_id}/training", headers=reader.headers))


def test_a_course_planned_in_the_console_is_the_apis_and_a_refused_one_keeps_what_was_typed(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/training"
    page = console.get(url)
    assert "No course is planned." in page.text
    token = form_token(page.text)
    typed = {"csrf_token": token, "course": "x", "provider": "Chamber of commerce"}
    refused = console.post(url, data={**typed, "required": "false"})
    assert refused.status_code == 422
    assert "at least 2 characters" in problems_of(refused.text)["course"]
    assert 'aria-describedby="course-problem"' in refused.text
    assert 'value="Chamber of commerce"' in refused.text
    assert '<option value="false" selected>' in refused.text
    assert _courses(client, case["id"], people.advisor) == []

    saved = console.post(url, data={**typed, "course": "Bookkeeping", "required": "false"})
    assert saved.url.path == url
    assert "The course is planned." in saved.text
    [course] = _courses(client, case["id"], people.entrepreneur)
    assert (course["course"], course["provider"], course["required"], course["status"]) == (
        "Bookkeeping",
        "Chamber of commerce",
        False,
        "planned",
    )
    theirs = console_as(people.entrepreneur).get(url)
    assert "Bookkeeping" in theirs.text
    assert "<form" not in theirs.text.split("<main", 1)[1]  # the entrepreneur reads it only


def test_progress_is_recorded_on_the_course_and_a_future_completion_is_refused_beside_it(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    body = {"course": "Cold chain basics", "provider": "CDE"}
    url = f"/cases/{case['id']}/training"
    course = ok(client.post(url, json=body, headers=people.advisor.headers), 201)
    console = console_as(people.advisor)
    page = console.get("/app" + url)
    row = f"t-{course['id']}"
    data = {"csrf_token": form_token(page.text), "status": "completed", "required": "true"}
    refused = console.post(f"/app{url}/{course['id']}", data={**data, "completed_on": "2999-01-01"})
    assert refused.status_code == 422
    assert problems_of(refused.text)[f"{row}.completed_on"] == (
        "a course cannot be completed on a future date"
    )
    assert 'value="2999-01-01"' in refused.text
    assert _courses(client, case["id"], people.advisor)[0]["status"] == "planned"

    done = console.post(f"/app{url}/{course['id']}", data={**data, "completed_on": "2026-01-05"})
    assert "The course's progress is recorded." in done.text
    kept = _courses(client, case["id"], people.advisor)[0]
    assert (kept["status"], kept["completed_on"]) == ("completed", "2026-01-05")


@pytest.mark.usefixtures("prefect_server")
def test_a_closed_case_shows_its_training_read_only_with_the_reason(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/training"
    ok(
        client.post(
            url, json={"course": "Bookkeeping", "provider": "CDE"}, headers=people.advisor.headers
        ),
        201,
    )
    reoriented = {"reason": "The market is saturated."}
    ok(
        client.post(
            f"/cases/{case['id']}/reorientation", json=reoriented, headers=people.advisor.headers
        )
    )
    page = console_as(people.advisor).get("/app" + url)
    assert page.status_code == 200
    assert "Bookkeeping" in page.text
    assert "The case is reoriented: the training plan can no longer change." in page.text
    assert "<form" not in page.text.split("<main", 1)[1]


def test_someone_elses_training_reads_like_no_case(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    ok(
        client.post(
            f"/cases/{case['id']}/training",
            json={"course": "Secret course", "provider": "CDE"},
            headers=people.advisor.headers,
        ),
        201,
    )
    stranger = console_as(people.other_entrepreneur)
    theirs = stranger.get(f"/app/cases/{case['id']}/training")
    nobody = stranger.get(f"/app/cases/{NOBODY}/training")
    assert theirs.status_code == nobody.status_code == 404
    assert "Secret course" not in theirs.text
