"""Review comments on the feasibility study: an advisor comments on a section from the study's
page, the comment is the API's and shows under its section, to the entrepreneur too."""

from tests.console.conftest import form_token, problems_of
from tests.console.test_console_training import NOBODY
from tests.journey import ok, open_case


def _case_with_a_study(client, people) -> dict:
    case = open_case(client, people.entrepreneur)
    study = {"sections": {"market": {"text": "Fishers of Joal sell at dawn.", "status": "draft"}}}
    url = f"/cases/{case['id']}/feasibility"
    ok(client.put(url, json=study, headers=people.entrepreneur.headers))
    return case


def _comments(client, case_id: str, reader, section: str) -> list[str]:
    study = ok(client.get(f"/cases/{case_id}/feasibility", headers=reader.headers))
    return [c["text"] for c in study["sections"][section]["review_comments"]]


def test_an_advisors_comment_is_kept_under_its_section_and_an_empty_one_is_refused_there(
    console_as, client, people
):
    case = _case_with_a_study(client, people)
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/feasibility"
    page = console.get(url)
    assert 'form="comment-market"' in page.text
    token = form_token(page.text)
    empty = console.post(f"{url}/sections/market/comments", data={"csrf_token": token, "text": " "})
    assert empty.status_code == 422
    assert "at least 1 character" in problems_of(empty.text)["comments.market.text"]
    assert "Fishers of Joal sell at dawn." in empty.text  # the study is still shown
    assert _comments(client, case["id"], people.advisor, "market") == []

    said = {"csrf_token": token, "text": "Which prices, and in which season?"}
    commented = console.post(f"{url}/sections/market/comments", data=said)
    assert commented.url.path == url
    assert "Your comment is under its section." in commented.text
    assert _comments(client, case["id"], people.entrepreneur, "market") == [said["text"]]
    assert _comments(client, case["id"], people.entrepreneur, "technical") == []
    market = commented.text.split('id="section-market"', 1)[1].split("</fieldset>", 1)[0]
    assert "Which prices, and in which season?" in market

    theirs = console_as(people.entrepreneur).get(url)
    assert "Which prices, and in which season?" in theirs.text
    assert "Comment on this section" not in theirs.text  # only an advisor reviews


def test_only_an_advisor_comments_and_someone_elses_study_reads_like_no_case(
    console_as, client, people
):
    case = _case_with_a_study(client, people)
    url = f"/app/cases/{case['id']}/feasibility/sections/market/comments"
    owner = console_as(people.entrepreneur)
    token = form_token(owner.get(f"/app/cases/{case['id']}/feasibility").text)
    assert owner.post(url, data={"csrf_token": token, "text": "Looks fine"}).status_code == 403
    stranger = console_as(people.other_entrepreneur)
    token = form_token(stranger.get("/app/").text)
    theirs = stranger.post(url, data={"csrf_token": token, "text": "Hello"})
    nobody = stranger.post(
        url.replace(case["id"], NOBODY), data={"csrf_token": token, "text": "Hello"}
    )
    assert theirs.status_code == nobody.status_code == 404
    assert _comments(client, case["id"], people.advisor, "market") == []


def test_an_advisor_comments_on_a_section_by_clicking_under_it(browser, client, people):
    case = _case_with_a_study(client, people)
    browser.sign_in(people.advisor.email)
    browser.open(f"/app/cases/{case['id']}/feasibility")
    browser.driver.find_element("id", "comments.technical.text").send_keys("Which cold room?")
    section = browser.driver.find_element("id", "section-technical")
    browser.click_in(section, "Add the comment")
    browser.wait_for_text("section-technical", "Which cold room?")
    assert "Your comment is under its section." in browser.text
    assert _comments(client, case["id"], people.advisor, "technical") == ["Which cold room?"]
    study = ok(client.get(f"/cases/{case['id']}/feasibility", headers=people.advisor.headers))
    assert study["sections"]["market"]["text"] == "Fishers of Joal sell at dawn."
