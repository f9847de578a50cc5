"""A case's country guides in the console: what its entrepreneur reads for their project (the
guides that match, those their advisor chose), and an advisor adding or taking one off."""

from datetime import date
from typing import Any

from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case

GUIDE = {
    "country": "SN",
    "topic": "foreign_currency_accounts",
    "title": "Accounts in euros",
    "text": "A resident abroad may keep an account in euros at a Senegalese bank.",
    "sources": "https://bceao.int/accounts",
    "language": "en",
    "checked_on": date.today().isoformat(),
}


def _written_in_the_console(console: Any, **changes: str) -> str:
    directory = console.get("/app/guides")
    data = {"csrf_token": form_token(directory.text), **GUIDE, **changes}
    answer = console.post("/app/guides", data=data, follow_redirects=False)
    assert answer.status_code == 303, problems_of(answer.text)
    return str(answer.headers["location"]).split("/")[-1].split("?")[0]


def test_a_guide_a_manager_adds_is_read_by_the_entrepreneur_for_their_project(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)  # agri-food, in Senegal
    entrepreneur = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/guides"
    assert "There is no guide for your project yet." in entrepreneur.get(url).text

    _written_in_the_console(console_as(people.manager))
    _written_in_the_console(console_as(people.manager), sector="tourism", title="Hotels")

    page = entrepreneur.get(url)
    assert page.status_code == 200
    assert "Before you invest in Senegal" in page.text
    assert "Accounts in euros" in page.text
    assert GUIDE["text"] in page.text
    assert "It is for every project in Senegal." in page.text
    assert "Hotels" not in page.text  # another sector's
    assert "Take it off the case" not in page.text
    assert "Add a guide" not in page.text
    api = ok(client.get(f"/cases/{case['id']}/guides", headers=people.entrepreneur.headers))
    assert [g["guide"]["title"] for g in api] == ["Accounts in euros"]
    assert console_as(people.other_entrepreneur).get(url).status_code == 404


def test_an_advisor_chooses_a_guide_and_takes_one_off_saying_why(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    manager = console_as(people.manager)
    matching = _written_in_the_console(manager)
    mali = _written_in_the_console(manager, country="ML", title="Land in Mali")
    advisor = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/guides"
    page = advisor.get(url)
    assert f'<option value="{mali}">' in page.text
    assert f'<option value="{matching}">' not in page.text  # on the case already

    choose = {"csrf_token": form_token(page.text), "guide_id": mali, "note": "Your field is there."}
    chosen = advisor.post(url, data=choose)
    assert chosen.url.path == url
    assert "The guide is on the case" in chosen.text

    entrepreneur = console_as(people.entrepreneur).get(url).text
    assert "Land in Mali" in entrepreneur
    assert "Your advisor, Awa Ndiaye, chose it for you." in entrepreneur
    assert "<em>Your field is there.</em>" in entrepreneur

    removal = f"{url}/{matching}/removal"
    short = advisor.post(removal, data={"csrf_token": form_token(page.text), "note": "no"})
    assert short.status_code == 422
    assert set(problems_of(short.text)) == {f"note-{matching}"}
    assert f'aria-describedby="note-{matching}-problem"' in short.text
    reason = {"csrf_token": form_token(page.text), "note": "Her savings stay in France."}
    assert "The guide is off the case" in advisor.post(removal, data=reason).text

    assert "Accounts in euros" not in console_as(people.entrepreneur).get(url).text
    staff = console_as(people.manager).get(url).text
    assert "Taken off the case" in staff
    assert "Her savings stay in France." in staff
    api = ok(client.get(f"/cases/{case['id']}/guides", headers=people.advisor.headers))
    assert {g["guide"]["title"]: g["removed_at"] is not None for g in api} == {
        "Accounts in euros": True,
        "Land in Mali": False,
    }


def test_an_unknown_guide_is_refused_next_to_the_choice(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    _written_in_the_console(console_as(people.manager), country="ML", title="Land in Mali")
    advisor = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/guides"
    page = advisor.get(url)
    nobody = "00000000-0000-4000-8000-000000000009"
    data = {"csrf_token": form_token(page.text), "guide_id": nobody, "note": "Read it."}
    refused = advisor.post(url, data=data)
    assert refused.status_code == 422
    assert "no active guide" in problems_of(refused.text)["guide_id"]
    assert "Read it.</textarea>" in refused.text
