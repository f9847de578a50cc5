"""Each caller reads the dossier copy meant for them, on request and as kept at each move."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from tests.journey import ok, open_case, plan_body, printed_dossiers

NOTES = "Doubts about the co-founder; check the ZQXNOTES reference before any referral."
MARK = "ZQXNOTES"  # one word of the notes, so a line break cannot hide a leak


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _assessed_case(client, people) -> dict:
    case = open_case(client, people.entrepreneur)
    body = {
        "technical": 4,
        "financial": 3,
        "motivation": 5,
        "training_required": False,
        "decision": "proceed",
        "notes": NOTES,
    }
    ok(client.put(f"/cases/{case['id']}/assessment", json=body, headers=people.advisor.headers))
    return case


def ok_pdf(response) -> bytes:
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"%PDF")
    return response.content


def _dossier_now(client, case_id, person, audience=None):
    query = f"?audience={audience}" if audience else ""
    return client.get(f"/cases/{case_id}/dossier.pdf{query}", headers=person.headers)


def test_the_entrepreneur_reads_their_copy_without_the_staffs_notes(client, people):
    case = _assessed_case(client, people)
    pdf = _dossier_now(client, case["id"], people.entrepreneur)
    assert pdf.status_code == 200, pdf.text
    text = _text(pdf.content)
    assert MARK not in text
    assert "Entrepreneur's copy" in text
    assert "fatou@mail.example" in text  # their own data stays in their copy
    assert pdf.headers["X-Content-SHA256"] == hashlib.sha256(pdf.content).hexdigest()


@pytest.mark.parametrize("role", ["advisor", "manager"])
def test_staff_read_the_units_copy_with_the_notes(client, people, role):
    case = _assessed_case(client, people)
    text = _text(ok_pdf(_dossier_now(client, case["id"], people.by_role(role))))
    assert NOTES in text
    assert "Unit's copy" in text


def test_staff_may_print_the_entrepreneurs_copy(client, people):
    case = _assessed_case(client, people)
    pdf = _dossier_now(client, case["id"], people.advisor, "entrepreneur")
    assert MARK not in _text(ok_pdf(pdf))


def test_an_entrepreneur_asking_for_the_units_copy_is_refused(client, people):
    case = _assessed_case(client, people)
    refused = _dossier_now(client, case["id"], people.entrepreneur, "unit")
    assert refused.status_code == 403
    assert MARK not in refused.text
    assert ok_pdf(_dossier_now(client, case["id"], people.entrepreneur, "entrepreneur"))


def test_an_unknown_audience_is_a_422_and_another_persons_case_a_404(client, people):
    case = _assessed_case(client, people)
    assert _dossier_now(client, case["id"], people.advisor, "press").status_code == 422
    assert _dossier_now(client, case["id"], people.other_entrepreneur, "unit").status_code == 404


@pytest.mark.usefixtures("prefect_server")
def test_each_move_keeps_one_copy_per_audience_and_each_caller_reads_only_theirs(client, people):
    case = _assessed_case(client, people)
    ok(
        client.post(
            f"/cases/{case['id']}/transitions",
            json={"to": "support"},
            headers=people.advisor.headers,
        )
    )
    base = f"/cases/{case['id']}/dossiers"
    staff = printed_dossiers(client, case["id"], people.advisor)
    assert [(d["stage"], d["audience"]) for d in staff] == [
        ("support", "entrepreneur"),
        ("support", "unit"),
    ]
    assert ok(client.get(base, headers=people.manager.headers)) == staff
    own = ok(client.get(base, headers=people.entrepreneur.headers))
    assert own == [staff[0]]

    texts = {}
    for kept in staff:
        pdf = ok_pdf(client.get(f"{base}/{kept['id']}.pdf", headers=people.advisor.headers))
        assert hashlib.sha256(pdf).hexdigest() == kept["sha256"]
        assert len(pdf) == kept["size_bytes"]
        texts[kept["audience"]] = _text(pdf)
    assert MARK not in texts["entrepreneur"]
    assert NOTES in texts["unit"]

    unit_copy = f"{base}/{staff[1]['id']}.pdf"
    assert client.get(unit_copy, headers=people.entrepreneur.headers).status_code == 404
    assert client.get(unit_copy, headers=people.other_entrepreneur.headers).status_code == 404
    mine = client.get(f"{base}/{own[0]['id']}.pdf", headers=people.entrepreneur.headers)
    assert MARK not in _text(ok_pdf(mine))


def test_the_plan_is_in_both_copies(client, people):
    case = _assessed_case(client, people)
    url = f"/cases/{case['id']}/investment-plan"
    saved = ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    npv = f"{saved['results']['npv']:,.0f} XOF"
    assert npv in _text(ok_pdf(_dossier_now(client, case["id"], people.entrepreneur)))
    assert npv in _text(ok_pdf(_dossier_now(client, case["id"], people.advisor)))
