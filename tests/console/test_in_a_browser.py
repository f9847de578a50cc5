"""The console in a real browser (Debian's chromium, driven by Selenium): people clicking and
typing, pages answering as they would at the unit's front desk."""

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.conftest import PASSWORD
from tests.journey import ok, open_case


def test_an_entrepreneur_signs_up_and_opens_their_case_by_clicking(browser):
    browser.open("/app/login")
    browser.click("Create your account")
    browser.fill("Full name", "Mariam Traoré")
    browser.fill("Email", "mariam@mail.example")
    browser.fill("Password (at least 10 characters, not a common one)", "password123")
    browser.click("Create my account")
    assert "common" in browser.driver.find_element(By.ID, "password-problem").text
    assert browser.field("Full name").get_attribute("value") == "Mariam Traoré"
    browser.fill("Password (at least 10 characters, not a common one)", PASSWORD)
    browser.click("Create my account")
    assert browser.heading == "Open your case"
    browser.fill("Your project's name", "Shea butter cooperative")
    browser.fill("Sector", "agriculture")
    browser.fill("Country where the business will be", "ML")
    browser.fill("Your idea in a few sentences", "Women of Mopti press shea nuts together.")
    browser.click("Open my case")
    assert browser.heading == "Shea butter cooperative"
    assert "Reception" in browser.text
    browser.click("To do")
    assert "Shea butter cooperative" in browser.text


def test_an_advisor_finds_a_case_and_its_closed_gate_says_what_is_missing(browser, client, people):
    case = open_case(client, people.entrepreneur, title="Cold storage for fish")
    open_case(client, people.other_entrepreneur, title="Bakery in Thiès")
    browser.sign_in(people.advisor.email)
    browser.click("Cases")
    browser.fill("Country", case["country"])
    browser.click("Filter")
    assert "Cold storage for fish" in browser.text
    browser.click(case["reference"])
    assert browser.heading == "Cold storage for fish"
    gate = browser.driver.find_element(By.ID, "move-support")
    assert "An advisor has not yet assessed the project leader" in gate.text
    button = gate.find_element(By.TAG_NAME, "button")
    assert not button.is_enabled()
    assert button.get_attribute("aria-describedby") == "support-unmet"
    assert ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))["stage"] == (
        "reception"
    )


def test_someone_elses_case_is_not_found_in_the_browser_either(browser, client, people):
    case = open_case(client, people.entrepreneur, title="Cold storage for fish")
    browser.sign_in(people.other_entrepreneur.email)
    browser.open(f"/app/cases/{case['id']}")
    assert browser.heading == "This could not be done"
    assert "No case with this id." in browser.text
    assert "Cold storage for fish" not in browser.text


def test_a_form_whose_token_was_tampered_with_changes_nothing(browser, client, people):
    case = open_case(client, people.entrepreneur, title="Cold storage for fish")
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case['id']}")
    browser.driver.execute_script(
        "document.querySelector('#move-on_hold input[name=csrf_token]').value = '0'.repeat(64)"
    )
    browser.fill("Why (required)", "Waiting for the land title.")
    browser.click("Put on hold")
    assert "Nothing was changed" in browser.text
    after = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert after["status"] == "active"
    assert after["version"] == case["version"]


def test_signing_in_works_from_the_keyboard_alone_with_a_visible_focus(browser, people):
    browser.open("/app/login")
    page = browser.driver.find_element(By.TAG_NAME, "body")
    page.send_keys(Keys.TAB)  # the skip link comes first
    focused = browser.driver.switch_to.active_element
    assert focused.text == "Skip to the page's content"
    outline = focused.value_of_css_property("outline-style")
    assert outline == "solid"
    for _ in range(2):  # the brand link, then the email field
        browser.driver.switch_to.active_element.send_keys(Keys.TAB)
    browser.driver.switch_to.active_element.send_keys(people.advisor.email, Keys.TAB)
    browser.driver.switch_to.active_element.send_keys(PASSWORD, Keys.ENTER)
    browser.wait_for_heading("To do")


def test_the_plan_results_follow_the_figures_as_they_are_typed(browser, client, people):
    case = open_case(client, people.entrepreneur, title="Cold storage for fish")
    browser.sign_in(people.entrepreneur.email)
    browser.open(f"/app/cases/{case['id']}/plan")
    browser.fill("Investment 1: what", "Cold room")
    browser.fill("Investment 1: year", "0")
    browser.fill("Investment 1: amount", "12000")
    browser.wait_for_text("results", "12,000 EUR")
    for year, revenue in enumerate(("5000", "6000", "7000", "7000", "7000"), start=1):
        browser.fill(f"Revenues, year {year}", revenue)
    browser.fill("Financing 1: source", "own_funds")
    browser.fill("Financing 1: amount", "12000")
    evaluated = ok(
        client.post(
            "/investment-plans/evaluate",
            json={
                "currency": "EUR",
                "eur_rate": 1,
                "horizon_years": 5,
                "discount_rate": 0.1,
                "investments": [{"label": "Cold room", "year": 0, "amount": 12000}],
                "revenues": [5000, 6000, 7000, 7000, 7000],
                "operating_costs": [0, 0, 0, 0, 0],
                "financing": [{"source": "own_funds", "amount": 12000}],
            },
            headers=people.entrepreneur.headers,
        )
    )
    browser.wait_for_text("results", f"{evaluated['npv']:,.0f} EUR")
    browser.fill("Investment 1: amount", "twelve thousand")
    browser.wait_for_text("results", "Investment 1: amount")
    plan = f"/cases/{case['id']}/investment-plan"
    assert client.get(plan, headers=people.entrepreneur.headers).status_code == 404
