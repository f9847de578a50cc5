"""The country guides' directory in the console: managers write, change and retire guides
through the API's services; everyone reads them as text, never as markup; a retired guide
is gone for entrepreneurs."""

import re
import uuid
from datetime import date, timedelta
from typing import Any

from sqlmodel import select

from casework.database import open_session
from casework.models import CountryGuide
from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case

HOSTILE_TEXT = (
    "<script>alert('guide')</script> Zones need a permit.\n\n"
    "<img src=http://evil.example/x.png onerror=alert(1)> Ask APIX first."
)
A_GUIDE = {
    "country": "SN",
    "topic": "special_economic_zones",
    "title": "Special economic zones in Senegal",
    "text": "The Diamniadio zone offers a single window.\n\nIts incentives last ten years.",
    "sources": "https://apix.sn/zones",
    "language": "en",
    "checked_on": "2026-11-02",
}


def _write(console: Any, **changes: str) -> str:
    """A guide written through the directory's form; its id."""
    directory = console.get("/app/guides")
    data = {"csrf_token": form_token(directory.text), **A_GUIDE, **changes}
    answer = console.post("/app/guides", data=data, follow_redirects=False)
    assert answer.status_code == 303, problems_of(answer.text) or answer.text[:300]
    found = re.fullmatch(r"/app/guides/([0-9a-f-]{36})\?notice=added", answer.headers["location"])
    assert found, answer.headers["location"]
    return found.group(1)


def test_a_guide_a_manager_writes_is_in_the_directory_and_the_api_reads_it(
    console_as, client, people
):
    manager = console_as(people.manager)
    guide_id = _write(manager)
    kept = ok(client.get(f"/guides/{guide_id}", headers=people.entrepreneur.headers))
    assert kept["title"] == A_GUIDE["title"]
    assert kept["sources"] == ["https://apix.sn/zones"]
    assert kept["sector"] is None
    assert kept["checked_by_id"] == people.manager.id
    shown = console_as(people.entrepreneur).get(f"/app/guides/{guide_id}")
    assert shown.status_code == 200
    assert '<p class="prose">Its incentives last ten years.</p>' in shown.text
    assert '<a href="https://apix.sn/zones" rel="noopener noreferrer">' in shown.text
    assert "Write a guide" not in console_as(people.entrepreneur).get("/app/guides").text


def test_hostile_text_in_a_guide_is_shown_as_text(console_as, client, people):
    manager = console_as(people.manager)
    guide_id = _write(manager, title="<b>Zones</b> & co", text=HOSTILE_TEXT)
    with open_session() as session:  # an address kept before the API checked them
        guide = session.get(CountryGuide, uuid.UUID(guide_id))
        assert guide is not None
        guide.sources = ["javascript:alert(1)", "https://apix.sn/zones"]
        session.add(guide)
        session.commit()
    case = open_case(client, people.entrepreneur)
    entrepreneur = console_as(people.entrepreneur)
    for url in (f"/app/guides/{guide_id}", f"/app/cases/{case['id']}/guides", "/app/guides"):
        html = entrepreneur.get(url).text
        assert "<script>alert" not in html, url
        assert "<img src=http://evil" not in html, url
        assert "<b>Zones</b>" not in html, url
        assert "&lt;b&gt;Zones&lt;/b&gt; &amp; co" in html, url
        assert 'href="javascript:' not in html, url
    page = entrepreneur.get(f"/app/guides/{guide_id}").text
    assert "&lt;script&gt;alert(&#39;guide&#39;)&lt;/script&gt; Zones need a permit." in page
    assert "<li>javascript:alert(1)</li>" in page  # shown, not linked


def test_a_retired_guide_is_hidden_from_entrepreneurs_and_kept_for_managers(
    console_as, client, people
):
    manager = console_as(people.manager)
    guide_id = _write(manager)
    case = open_case(client, people.entrepreneur)
    entrepreneur = console_as(people.entrepreneur)
    assert A_GUIDE["title"] in entrepreneur.get(f"/app/cases/{case['id']}/guides").text
    page = manager.get(f"/app/guides/{guide_id}")
    retire = {"csrf_token": form_token(page.text), "active": "false"}
    answer = manager.post(f"/app/guides/{guide_id}", data=retire)
    assert answer.url.path == f"/app/guides/{guide_id}"
    assert "The guide is retired" in answer.text
    assert ok(client.get(f"/guides/{guide_id}", headers=people.manager.headers))["active"] is False
    assert entrepreneur.get(f"/app/guides/{guide_id}").status_code == 404
    assert A_GUIDE["title"] not in entrepreneur.get("/app/guides").text
    assert A_GUIDE["title"] not in entrepreneur.get("/app/guides?active=false").text
    assert A_GUIDE["title"] not in entrepreneur.get(f"/app/cases/{case['id']}/guides").text
    retired = manager.get("/app/guides?active=false").text
    assert A_GUIDE["title"] in retired
    assert "retired" in retired
    assert A_GUIDE["title"] not in manager.get("/app/guides?active=true").text


def test_a_refused_guide_says_each_problem_next_to_its_field_and_keeps_what_was_typed(
    console_as, people
):
    manager = console_as(people.manager)
    directory = manager.get("/app/guides")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    data = {
        **A_GUIDE,
        "csrf_token": form_token(directory.text),
        "title": "Zo",
        "sources": "https://apix.sn/zones\nnot an address",
        "checked_on": tomorrow,
    }
    refused = manager.post("/app/guides", data=data)
    assert refused.status_code == 422
    problems = problems_of(refused.text)
    assert set(problems) == {"title", "sources", "checked_on"}
    assert problems["sources"].startswith("not an address: ")
    assert "still to come" in problems["checked_on"]
    assert 'aria-describedby="title-problem"' in refused.text
    assert A_GUIDE["text"] in refused.text  # what was typed stays
    assert "https://apix.sn/zones\nnot an address</textarea>" in refused.text
    with open_session() as session:
        assert session.exec(select(CountryGuide)).first() is None


def test_a_change_saves_only_what_the_form_changed(console_as, client, people, dakar):
    guide_id = _write(console_as(people.manager))
    other_manager = console_as(dakar.manager)
    assert other_manager.get(f"/app/guides/{guide_id}").status_code == 200
    assert "Change the guide" not in other_manager.get(f"/app/guides/{guide_id}").text  # shared
    manager = console_as(people.manager)
    page = manager.get(f"/app/guides/{guide_id}")
    shown = ok(client.get(f"/guides/{guide_id}", headers=people.manager.headers))
    form = {
        **A_GUIDE,
        "csrf_token": form_token(page.text),
        "sector": "",
        "title": "Zones and their single window",
        "is_example": "false",
    }
    answer = manager.post(f"/app/guides/{guide_id}", data=form)
    assert answer.status_code == 200
    assert "Saved." in answer.text
    after = ok(client.get(f"/guides/{guide_id}", headers=people.manager.headers))
    assert after["title"] == "Zones and their single window"
    assert {k: v for k, v in after.items() if k not in ("title", "updated_at")} == {
        k: v for k, v in shown.items() if k not in ("title", "updated_at")
    }
    refused = manager.post(f"/app/guides/{guide_id}", data={**form, "text": " "})
    assert refused.status_code == 422
    assert set(problems_of(refused.text)) == {"text"}


def test_the_directory_filters_as_the_api_does(console_as, client, people):
    manager = console_as(people.manager)
    _write(manager)
    _write(manager, country="ML", title="Zones in Mali", topic="land_and_property")
    _write(manager, title="Old accounts", checked_on="2020-01-01", sector="tourism")
    for query in ("country=ML", "topic=land_and_property", "stale=true", "sector=agri_food"):
        api = ok(client.get(f"/guides?{query}", headers=people.advisor.headers))
        html = console_as(people.advisor).get(f"/app/guides?{query}").text
        titles = re.findall(r'<a href="/app/guides/[0-9a-f-]{36}">([^<]*)</a>', html)
        assert titles == [g["title"] for g in api], query
    assert ok(client.get("/guides?stale=true", headers=people.advisor.headers))
    assert "due for a check" in console_as(people.advisor).get("/app/guides?stale=true").text
