"""One spelling for runs and artifacts: kebab-case words around a case's reference."""

import re

import pytest

from flows.dossier_flow import render_moment_dossier
from flows.referral_flow import render_referral_dossier, send_referral
from flows.run_names import (
    artifact_key,
    by_tag,
    kebab,
    move_run_name,
    run_name,
    slug,
    started_by,
)
from flows.stage_flows import FLOWS, change_status, reorient_case
from flows.sweep_flow import follow_up_sweep

REF = "RU-2026-0007"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BIO", "bio"),
        ("CDE Dakar", "cde-dakar"),
        ("Teranga Meso-Credit", "teranga-meso-credit"),
        ("Banque Ouest-Africaine de Développement", "banque-ouest"),
        ("Société Générale", "societe-generale"),
        ("  Crédit  Agricole & Co. ", "credit-agricole-co"),
        ("Fonds d'Investissement Régional", "fonds-d"),
        ("Internationalisierungsfonds", "internationalisierun"),
        ("***", "partner"),
    ],
)
def test_a_partner_slug_is_short_lowercase_ascii_words(name, expected):
    made = slug(name)
    assert made == expected
    assert len(made) <= 20
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", made)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (move_run_name("support", REF), f"support-{REF}"),
        (move_run_name("follow_up", REF), f"follow-up-{REF}"),
        (move_run_name("completed", REF), f"completed-{REF}"),
        (move_run_name("reorientation", REF), f"reorientation-{REF}"),
        (move_run_name("on_hold", REF), f"on-hold-{REF}"),
        (move_run_name("active", REF), f"resume-{REF}"),
        (move_run_name("withdrawn", REF), f"withdrawal-{REF}"),
        (run_name("send-referral", REF, slug("BIO")), f"send-referral-{REF}-bio"),
        (run_name("render-dossier", REF, "follow_up"), f"render-dossier-{REF}-follow-up"),
        (run_name("follow-up-sweep", "2026-12-01"), "follow-up-sweep-2026-12-01"),
        (artifact_key("case", REF), "case-ru-2026-0007"),
        (artifact_key("Follow_up sweep"), "follow-up-sweep"),
        (kebab("follow_up"), "follow-up"),
        (by_tag("advisor"), "by:advisor"),
        (by_tag(None), "by:casework"),
        (started_by(["case:RU-1", "by:advisor"]), "an advisor"),
        (started_by(["by:manager"]), "a manager"),
        (started_by(["case:RU-1"]), "casework"),
    ],
)
def test_runs_artifacts_and_tags_are_spelled_one_way(made, expected):
    assert made == expected


@pytest.mark.parametrize(
    "flow",
    [
        *FLOWS.values(),
        reorient_case,
        change_status,
        render_moment_dossier,
        send_referral,
        render_referral_dossier,
        follow_up_sweep,
    ],
)
def test_every_flow_is_named_by_a_kebab_case_verb_phrase(flow):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", flow.name)
    assert callable(flow.flow_run_name), "its runs are named by flows/run_names.py"
