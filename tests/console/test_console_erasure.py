"""Requests to be forgotten in the console: what confirming would erase, said before the
button; confirming erases (as the API then shows), declining keeps, and an open case
stands in the way."""

from selenium.webdriver.common.by import By

from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case


def test_confirming_a_request_erases_the_person(console_as, client, people):
    ali = people.other_entrepreneur
    asked = ok(client.post("/auth/me/erasure", headers=ali.headers), 201)
    console = console_as(people.manager)
    waiting = console.get("/app/erasure-requests")
    assert waiting.status_code == 200
    assert "Ali Ba" in waiting.text
    assert "ali@mail.example" in waiting.text
    assert "they have no case." in waiting.text
    assert "This cannot be undone." in waiting.text
    assert "Erase Ali Ba for good" in waiting.text
    url = f"/app/erasure-requests/{asked['id']}/confirm"
    done = console.post(url, data={"csrf_token": form_token(waiting.text)})
    assert done.status_code == 200
    assert done.url.path == "/app/erasure-requests"
    assert "The person is erased" in done.text
    assert "Confirmed by Moussa Sow" in done.text
    decided = ok(client.get("/erasure-requests", headers=people.manager.headers))
    assert [(r["id"], r["status"]) for r in decided["items"]] == [(asked["id"], "confirmed")]
    assert client.get("/auth/me", headers=ali.headers).status_code == 401
    accounts = ok(client.get("/users", headers=people.manager.headers))
    assert "Ali Ba" not in [a["full_name"] for a in accounts["items"]]
    again = console.post(url, data={"csrf_token": form_token(waiting.text)})
    assert again.status_code == 409


def test_an_open_case_stands_in_the_way_and_nothing_is_erased(console_as, client, people):
    fatou = people.entrepreneur
    case = open_case(client, fatou)
    asked = ok(client.post("/auth/me/erasure", headers=fatou.headers), 201)
    console = console_as(people.manager)
    waiting = console.get("/app/erasure-requests")
    assert case["reference"] in waiting.text
    assert "It cannot be confirmed yet:" in waiting.text
    assert "is still active" in waiting.text
    assert "Erase Fatou Diop for good" not in waiting.text
    forced = console.post(
        f"/app/erasure-requests/{asked['id']}/confirm",
        data={"csrf_token": form_token(waiting.text)},
    )
    assert forced.status_code == 409
    assert "Nothing was erased" in forced.text
    assert "is still active" in forced.text
    assert ok(client.get("/auth/me", headers=fatou.headers))["full_name"] == "Fatou Diop"
    mine = ok(client.get(f"/cases/{case['id']}", headers=fatou.headers))
    assert mine["title"] == case["title"]


def test_declining_keeps_the_person_and_says_why(console_as, client, people):
    fatou = people.entrepreneur
    asked = ok(client.post("/auth/me/erasure", headers=fatou.headers), 201)
    console = console_as(people.manager)
    token = form_token(console.get("/app/erasure-requests").text)
    url = f"/app/erasure-requests/{asked['id']}/decline"
    unexplained = console.post(url, data={"csrf_token": token, "reason": "no"})
    assert unexplained.status_code == 422
    assert "reason" in problems_of(unexplained.text)
    assert ">no</textarea>" in unexplained.text  # what was typed stays
    reason = "The grant's files must be kept for ten years."
    declined = console.post(url, data={"csrf_token": token, "reason": reason})
    assert declined.status_code == 200
    assert "The request is declined" in declined.text
    assert "Declined by Moussa Sow" in declined.text
    assert "The grant&#39;s files must be kept for ten years." in declined.text
    kept = ok(client.get("/erasure-requests", headers=people.manager.headers))["items"]
    assert [(r["status"], r["reason"]) for r in kept] == [("declined", reason)]
    assert ok(client.get("/auth/me", headers=fatou.headers))["full_name"] == "Fatou Diop"


def test_a_units_manager_sees_and_decides_their_units_requests_only(
    console_as, client, people, dakar
):
    theirs = ok(client.post("/auth/me/erasure", headers=people.entrepreneur.headers), 201)
    ok(client.post("/auth/me/erasure", headers=dakar.entrepreneur.headers), 201)
    console = console_as(dakar.manager)
    page = console.get("/app/erasure-requests")
    assert "Binta Kane" in page.text
    assert "Fatou Diop" not in page.text
    elsewhere = console.post(
        f"/app/erasure-requests/{theirs['id']}/confirm", data={"csrf_token": form_token(page.text)}
    )
    assert elsewhere.status_code == 404
    assert ok(client.get("/auth/me", headers=people.entrepreneur.headers))["full_name"] == (
        "Fatou Diop"
    )


def test_the_list_filters_by_status(console_as, client, people):
    ok(client.post("/auth/me/erasure", headers=people.entrepreneur.headers), 201)
    console = console_as(people.manager)
    assert "Fatou Diop" in console.get("/app/erasure-requests?status=requested").text
    assert "Fatou Diop" not in console.get("/app/erasure-requests?status=declined").text


def test_in_a_browser_the_erasure_button_is_behind_a_deliberate_step(browser, client, people):
    ok(client.post("/auth/me/erasure", headers=people.other_entrepreneur.headers), 201)
    browser.sign_in(people.manager.email)
    browser.open("/app/erasure-requests")
    erase = next(
        b
        for b in browser.driver.find_elements(By.TAG_NAME, "button")
        if "Erase Ali Ba" in (b.get_attribute("textContent") or "")
    )
    assert not erase.is_displayed()  # folded away until the manager opens it
    browser.driver.find_element(By.TAG_NAME, "summary").click()
    assert erase.is_displayed()
    browser.click("Erase Ali Ba for good")
    assert "The person is erased" in browser.text
    assert client.get("/auth/me", headers=people.other_entrepreneur.headers).status_code == 401
