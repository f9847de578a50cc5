"""A case taken from sign-up to completion in a real browser, by the people who do it at the
unit: the entrepreneur (intake, plan, consent, the year's figures), the advisor and the
manager. Every move runs its real Prefect flow."""

import hashlib
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from selenium.webdriver.common.by import By

from casework.assessment_rubric import RUBRIC
from casework.vocabulary import FeasibilitySection
from tests.conftest import PASSWORD, settle_prints
from tests.journey import ok

pytestmark = pytest.mark.usefixtures("prefect_server")

PLAN = {
    "Currency (ISO code)": "XOF",
    "Units of it per euro": "655.957",
    "Investment 1: what": "Cold room",
    "Investment 1: year": "0",
    "Investment 1: amount": "9000000",
    "Investment 1: useful life in years": "10",
    "Financing 1: source": "own_funds",
    "Financing 1: amount": "9000000",
}
REVENUES = ("6000000", "9000000", "11000000", "12000000", "12000000")
COSTS = ("4000000", "5000000", "6000000", "6500000", "6500000")


def _case_id(browser) -> str:
    return browser.driver.current_url.rstrip("/").split("/cases/")[1].split("/")[0].split("?")[0]


def _signed_in(client, email: str) -> dict[str, str]:
    """Headers signing API requests with a token issued now."""
    answer = ok(client.post("/auth/token", data={"username": email, "password": PASSWORD}))
    return {"Authorization": f"Bearer {answer['access_token']}"}


def _sign_out(browser) -> None:
    browser.click("Sign out")
    assert browser.heading == "Sign in"


def test_a_case_goes_from_sign_up_to_completion_by_clicking(browser, client, people):
    # The entrepreneur signs up and opens their case.
    browser.open("/app/signup")
    browser.fill("Full name", "Awa Sarr")
    browser.fill("Email", "awa.sarr@mail.example")
    browser.fill("Password (at least 10 characters, not a common one)", PASSWORD)
    browser.click("Create my account")
    browser.fill("Your project's name", "Cold storage for fish")
    browser.fill("Sector", "agri_food")
    browser.fill("Country where the business will be", "SN")
    browser.fill("Your idea in a few sentences", "A cold room at Joal's landing beach.")
    browser.click("Open my case")
    case_id = _case_id(browser)
    browser.click("Intake")
    browser.fill("Years of experience in the sector", "6")
    browser.fill("Skills brought from abroad", "Refrigeration technician in Lyon")
    browser.click("Record the intake")
    assert "The intake is recorded." in browser.text
    _sign_out(browser)

    # The advisor assesses the project leader and moves the case to support.
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case_id}")
    browser.click("Assessment")
    for criterion in RUBRIC:
        browser.driver.find_element(
            By.CSS_SELECTOR, f"input[name='criteria.{criterion.key}'][value='4']"
        ).click()
    browser.driver.find_element(By.CSS_SELECTOR, "input[name='decision'][value='proceed']").click()
    browser.click("Record the assessment")
    assert "Saved." in browser.text
    browser.click("Move to support")
    assert "Done: the case has moved." in browser.text
    assert "Support" in browser.driver.find_element(By.CLASS_NAME, "standing").text
    _sign_out(browser)

    # The entrepreneur writes the investment plan, sees its results, and approves it.
    browser.sign_in("awa.sarr@mail.example")
    browser.open(f"/app/cases/{case_id}")
    browser.click("Investment plan")
    for label, value in PLAN.items():
        browser.fill(label, value)
    for year, (revenue, cost) in enumerate(zip(REVENUES, COSTS, strict=True), start=1):
        browser.fill(f"Revenues, year {year}", revenue)
        browser.fill(f"Operating costs, year {year}", cost)
    browser.wait_for_text("results", "9,000,000 XOF")
    browser.click("Save as a new version")
    assert "Saved as a new version." in browser.text
    browser.click("Approve version 1")
    assert "You approved this version of your plan." in browser.text
    _sign_out(browser)

    # The advisor completes the feasibility study, concludes it viable, moves to linkage.
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case_id}")
    browser.click("Feasibility study")
    for section in FeasibilitySection:
        name = f"sections.{section.value}"
        browser.driver.find_element(By.ID, f"{name}.text").send_keys("Reviewed with Awa.")
        browser.fill_id(f"{name}.status", "complete")
    browser.fill("Conclusion", "viable")
    browser.click("Save the study")
    assert "Saved." in browser.text
    browser.click("Move to linkage")
    assert "Linkage to partners" in browser.driver.find_element(By.CLASS_NAME, "standing").text
    _sign_out(browser)

    # The manager adds a partner to the directory.
    browser.sign_in(people.manager.email)
    browser.click("Partners")
    browser.fill("Name", "Cold chain advisers")
    browser.fill("Kind", "technical")
    browser.fill("Services (choose one or more)", "feasibility_study")
    browser.click("Add the partner")
    assert "The partner is in the directory." in browser.text
    _sign_out(browser)
    # Read back over the API with a new token: signing out of the console ended the old ones.
    manager = _signed_in(client, people.manager.email)
    partners = ok(client.get("/partners", headers=manager))
    partner = next(p for p in partners if p["name"] == "Cold chain advisers")

    # The entrepreneur consents to share their dossier with the partner ranked for them.
    browser.sign_in("awa.sarr@mail.example")
    browser.open(f"/app/cases/{case_id}/linkage")
    assert "Cold chain advisers" in browser.text
    browser.click("Share my dossier with Cold chain advisers")
    assert "Your consent is recorded." in browser.text
    _sign_out(browser)

    # The advisor refers the case, sends the referral (its flow keeps the partner's copy),
    # records the partner's acceptance and moves the case to follow-up.
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case_id}/linkage")
    browser.fill("What for", "Sizing the cold room and its power supply.")
    browser.click("Prepare the referral")
    assert "The referral is prepared as a draft." in browser.text
    for step in ("sent", "acknowledged", "accepted"):
        browser.fill("Next step", step)
        browser.click("Record this step")
        assert "The referral is updated." in browser.text
    browser.open(f"/app/cases/{case_id}")
    browser.click("Move to technical follow-up")
    assert "Technical follow-up" in browser.driver.find_element(By.CLASS_NAME, "standing").text
    _sign_out(browser)

    # The entrepreneur reports the first year's figures; the advisor confirms them.
    browser.sign_in("awa.sarr@mail.example")
    browser.open(f"/app/cases/{case_id}")
    browser.click("Figures against the plan")
    browser.fill("Revenue", "5400000")
    browser.fill("Operating costs", "4100000")
    browser.fill("What happened this year", "A slow first season.")
    browser.click("Report these figures")
    assert "The figures are reported." in browser.text
    _sign_out(browser)
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case_id}")
    browser.click("Figures against the plan")
    browser.click("Confirm the figures of year 1")
    assert "The report is confirmed." in browser.text
    browser.open(f"/app/cases/{case_id}")

    # Follow-up: the period ends today, the advisor's milestone and the plan's are done,
    # and the case is completed.
    today = datetime.now(UTC).date()
    browser.click("Follow-up")
    browser.set_date("Follow-up ends on", today.isoformat())
    browser.click("Set the period")
    browser.fill("Milestone", "Equipment running")
    browser.set_date("Due on", (today - timedelta(days=30)).isoformat())
    browser.click("Plan it")
    while browser.driver.find_elements(By.XPATH, "//button[text()='Record as done']"):
        form = browser.driver.find_element(By.XPATH, "//form[.//button[text()='Record as done']]")
        field = form.find_element(By.CSS_SELECTOR, "input[name=done_on]")
        browser.driver.execute_script("arguments[0].value = arguments[1]", field, today.isoformat())
        form.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys(
            "Running since last month."
        )
        browser.click_in(form, "Record as done")
        assert "The milestone is recorded." in browser.text
    browser.open(f"/app/cases/{case_id}")
    browser.click("Complete the case")
    assert "Completed" in browser.driver.find_element(By.CLASS_NAME, "standing").text

    case = ok(client.get(f"/cases/{case_id}", headers=manager))
    assert (case["stage"], case["status"]) == ("completed", "completed")
    intake = ok(client.get(f"/cases/{case_id}/intake", headers=manager))
    assert intake["sector_experience_years"] == 6
    compared = ok(client.get(f"/cases/{case_id}/plan-vs-actual", headers=manager))
    assert compared["years"][0]["actual"]["revenue"] == 5400000
    referrals = ok(client.get(f"/cases/{case_id}/referrals", headers=manager))
    assert [(r["partner_id"], r["status"]) for r in referrals] == [(partner["id"], "accepted")]

    # The dossiers kept at each move are there to read, exactly as printed.
    _sign_out(browser)
    browser.sign_in("awa.sarr@mail.example")
    settle_prints()
    browser.open(f"/app/cases/{case_id}")
    links = browser.driver.find_elements(By.CSS_SELECTOR, "a[href$='.pdf']")
    assert len(links) == 4  # the entrepreneur's copies of support, linkage, follow-up, completion
    cookies = {c["name"]: c["value"] for c in browser.driver.get_cookies()}
    pdf = httpx.get(str(links[0].get_attribute("href")), cookies=cookies)
    assert pdf.content.startswith(b"%PDF")
    assert hashlib.sha256(pdf.content).hexdigest() == pdf.headers["X-Content-SHA256"]
