"""`GET /cases/{id}/dossier.pdf` in the language, kind and variant asked; by default, theirs."""

import io
import json

import pytest
from pypdf import PdfReader

from tests.dossier_samples import pdf_text
from tests.journey import assess, ok, open_case


def _dossier(client, case_id: str, person, **query: str):
    return client.get(f"/cases/{case_id}/dossier.pdf", params=query, headers=person.headers)


def _query_error(answer, name: str) -> None:
    assert answer.status_code == 422, answer.text
    assert any(error["loc"] == ["query", name] for error in answer.json()["detail"])


@pytest.fixture
def case(client, people) -> dict:
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    return case


def test_lang_fr_prints_the_dossier_in_french(client, people, case) -> None:
    answer = _dossier(client, case["id"], people.advisor, lang="fr")
    assert answer.status_code == 200
    assert answer.headers["content-language"] == "fr"
    text = pdf_text(answer.content)
    assert "Dossier du projet" in text
    assert "Évaluation à l'accueil" in text
    assert answer.headers["content-disposition"].endswith(f'{case["reference"]}-unit-fr.pdf"')


def test_by_default_the_dossier_is_in_the_entrepreneurs_preferred_language(
    client, people, case
) -> None:
    assert _dossier(client, case["id"], people.advisor).headers["content-language"] == "en"
    profile = {"preferred_language": "fr"}
    saved = ok(client.put("/auth/me/profile", json=profile, headers=people.entrepreneur.headers))
    assert saved["preferred_language"] == "fr"
    for reader in (people.entrepreneur, people.advisor):
        answer = _dossier(client, case["id"], reader)
        assert answer.headers["content-language"] == "fr"
        assert "Dossier du projet" in pdf_text(answer.content)
    english = _dossier(client, case["id"], people.advisor, lang="en")
    assert "Case dossier" in pdf_text(english.content)


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        ("reception", "Reception summary"),
        ("support", "Support dossier"),
        ("referral", "Referral dossier"),
        ("follow_up", "Follow-up report"),
    ],
)
def test_each_stages_dossier_is_printed_on_request(client, people, case, kind, title) -> None:
    answer = _dossier(client, case["id"], people.entrepreneur, kind=kind)
    assert answer.status_code == 200
    assert title in pdf_text(answer.content)
    expected = f'{case["reference"]}-{kind}-entrepreneur-en.pdf"'
    assert answer.headers["content-disposition"].endswith(expected)


@pytest.mark.parametrize(
    ("name", "value"),
    [("lang", "de"), ("lang", "FR "), ("kind", "everything"), ("archival", "maybe")],
)
def test_an_unknown_language_kind_or_variant_is_refused_naming_it(
    client, people, case, name, value
) -> None:
    _query_error(_dossier(client, case["id"], people.advisor, **{name: value}), name)


def test_an_unknown_preferred_language_is_refused_naming_the_field(client, people) -> None:
    answer = client.put(
        "/auth/me/profile", json={"preferred_language": "de"}, headers=people.entrepreneur.headers
    )
    assert answer.status_code == 422
    assert any(e["loc"][-1] == "preferred_language" for e in answer.json()["detail"])
    profile = ok(client.get("/auth/me/profile", headers=people.entrepreneur.headers))
    assert profile["preferred_language"] is None, "nothing of the bad profile was saved"


def test_the_archival_variant_carries_only_what_its_audience_may_read(client, people, case) -> None:
    notes = {}
    for reader, audience in ((people.entrepreneur, None), (people.advisor, "unit")):
        query = {"archival": "true"} | ({"audience": audience} if audience else {})
        answer = _dossier(client, case["id"], reader, **query)
        assert answer.status_code == 200
        pdf = PdfReader(io.BytesIO(answer.content))
        metadata = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert 'pdfaid:part="3"' in metadata
        assert 'pdfaid:conformance="B"' in metadata
        data = json.loads(pdf.attachments["dossier.json"][0])
        assert data["case"]["reference"] == case["reference"]
        notes[audience or "entrepreneur"] = data["assessment"]["notes"]
    assert notes["entrepreneur"] is None
    assert notes["unit"], "the unit's copy holds the staff's notes"
