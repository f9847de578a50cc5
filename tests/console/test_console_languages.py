"""The stage machine's fixed sentences — what comes next, a closed gate's needs, why a form is
closed — read in the reader's language on the console, from the same catalogues."""

from tests.console.conftest import form_token
from tests.journey import ok, open_case


def _in_french(console) -> None:
    page = console.get("/app/account")
    data = {"csrf_token": form_token(page.text), "preferred_language": "fr"}
    assert console.post("/app/account/profile", data=data).status_code == 200


def test_a_french_reader_reads_what_comes_next_in_french(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.entrepreneur)
    _in_french(console)
    page = console.get(f"/app/cases/{case['id']}")
    assert '<html lang="fr">' in page.text
    assert (
        "Un conseiller n'a pas encore évalué la capacité technique, la capacité financière "
        "et la motivation du porteur de projet."
    ) in page.text.replace("&#39;", "'")
    assert "An advisor has not yet assessed" not in page.text


def test_the_same_sentence_stays_english_in_the_api(client, people):
    case = open_case(client, people.entrepreneur)
    standing = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert standing["next_steps"][0].startswith("An advisor has not yet assessed")


def test_a_sentence_with_a_figure_reads_in_french_with_its_figure(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    course = {"course": "Bookkeeping", "provider": "Chamber of commerce", "required": True}
    url = f"/cases/{case['id']}/training"
    ok(client.post(url, json=course, headers=people.advisor.headers), 201)
    console = console_as(people.entrepreneur)
    _in_french(console)
    page = console.get(f"/app/cases/{case['id']}")
    assert "1 formation(s) requise(s) pas encore terminée(s)." in page.text
    standing = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert "1 required training course(s) are not completed yet." in standing["next_steps"]
