"""Kept copies are archival: PDF/A-3b carrying the moment's data, in the person's language."""

import hashlib
import io
import json
import re
import uuid

import pytest
from pypdf import PdfReader

from casework.database import open_session
from casework.models import Dossier
from tests.dossier_samples import pdf_text
from tests.journey import assess, move, ok, open_case, printed_dossiers

pytestmark = pytest.mark.usefixtures("prefect_server")


def _declared_conformance(reader: PdfReader) -> tuple[str, str]:
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    part = re.search(r'pdfaid:part="(\d)"', metadata)
    conformance = re.search(r'pdfaid:conformance="([A-Z])"', metadata)
    assert part, "no PDF/A part in the XMP metadata"
    assert conformance, "no PDF/A conformance level in the XMP metadata"
    return part.group(1), conformance.group(1)


def _kept_copies(client, people, *, language: str | None) -> tuple[dict, list[dict]]:
    if language is not None:
        profile = {"preferred_language": language, "diaspora": True}
        ok(client.put("/auth/me/profile", json=profile, headers=people.entrepreneur.headers))
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    move(client, case["id"], "support", people.advisor)
    return case, printed_dossiers(client, case["id"], people.advisor)


def test_a_kept_copy_is_pdf_a_3b_carrying_the_data_it_was_printed_from(client, people) -> None:
    case, kept = _kept_copies(client, people, language=None)
    for listed in kept:
        answer = client.get(
            f"/cases/{case['id']}/dossiers/{listed['id']}.pdf", headers=people.advisor.headers
        )
        assert answer.status_code == 200
        assert hashlib.sha256(answer.content).hexdigest() == listed["sha256"]
        reader = PdfReader(io.BytesIO(answer.content))
        assert _declared_conformance(reader) == ("3", "B")
        assert reader.trailer["/Root"]["/OutputIntents"], "PDF/A needs its colour space declared"
        attached = reader.attachments["dossier.json"]
        assert len(attached) == 1
        with open_session() as session:
            stored = session.get(Dossier, uuid.UUID(listed["id"]))
            assert stored is not None
            assert json.loads(attached[0]) == stored.data
            assert stored.sha256 == listed["sha256"]
        relationships = {
            str(spec.get_object()["/AFRelationship"]) for spec in reader.trailer["/Root"]["/AF"]
        }
        assert relationships == {"/Data"}


def test_the_entrepreneurs_archived_copy_carries_no_internal_note(client, people) -> None:
    case, kept = _kept_copies(client, people, language=None)
    (own,) = [d for d in kept if d["audience"] == "entrepreneur"]
    answer = client.get(
        f"/cases/{case['id']}/dossiers/{own['id']}.pdf", headers=people.entrepreneur.headers
    )
    data = json.loads(PdfReader(io.BytesIO(answer.content)).attachments["dossier.json"][0])
    assert data["assessment"]["notes"] is None
    assert all(line["internal_note"] is None for line in data["referrals"])


def test_copies_are_printed_in_the_entrepreneurs_preferred_language(client, people) -> None:
    case, kept = _kept_copies(client, people, language="fr")
    assert {d["language"] for d in kept} == {"fr"}
    for listed in kept:
        answer = client.get(
            f"/cases/{case['id']}/dossiers/{listed['id']}.pdf", headers=people.advisor.headers
        )
        text = pdf_text(answer.content)
        assert "Dossier du projet" in text
        assert "Entrée en accompagnement" in text, "the moment, in French"
        assert answer.headers["content-disposition"].endswith(f'-{listed["audience"]}-fr.pdf"')
