"""Signing in and out of the console: the cookie, the forms' tokens, and what a hostile page
or a careless visitor gets."""

import re
import uuid
from datetime import date, timedelta

from sqlmodel import select

from casework.database import open_session
from casework.models import Case, Task
from casework.vocabulary import Role, TaskKind
from tests.conftest import PASSWORD
from tests.console.conftest import form_token
from tests.journey import open_case


def _cookie_header(answer) -> str:
    return "; ".join(v for k, v in answer.headers.multi_items() if k == "set-cookie")


def test_signing_in_keeps_a_session_cookie_scripts_cannot_read(console_as, people):
    client = console_as()
    page = client.get("/app/login")
    answer = client.post(
        "/app/login",
        data={
            "csrf_token": form_token(page.text),
            "email": people.advisor.email,
            "password": PASSWORD,
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/app/"
    cookie = _cookie_header(answer)
    assert "casework_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie
    assert "Path=/app" in cookie
    assert "Secure" not in cookie  # plain HTTP here: a Secure cookie would never come back
    home = client.get("/app/")
    assert home.status_code == 200
    assert "Awa Ndiaye" in home.text
    assert "default-src 'self'" in home.headers["content-security-policy"]


def test_over_tls_the_cookie_is_secure(console_as, people):
    client = console_as()
    client.base_url = client.base_url.copy_with(scheme="https")
    page = client.get("/app/login")
    data = {
        "csrf_token": form_token(page.text),
        "email": people.advisor.email,
        "password": PASSWORD,
    }
    answer = client.post("/app/login", data=data, follow_redirects=False)
    assert "Secure" in _cookie_header(answer)


def test_a_wrong_password_is_said_on_the_page_and_counts_as_a_failed_sign_in(console_as, people):
    client = console_as()
    page = client.get("/app/login")
    data = {"csrf_token": form_token(page.text), "email": people.advisor.email, "password": "no"}
    answer = client.post("/app/login", data=data)
    assert answer.status_code == 401
    assert "Wrong email or password." in answer.text
    assert "casework_session" not in client.cookies


def test_signing_out_ends_the_cookie_and_every_api_token_issued_before(console_as, client, people):
    console = console_as(people.advisor)
    assert client.get("/auth/me", headers=people.advisor.headers).status_code == 200
    home = console.get("/app/")
    answer = console.post("/app/logout", data={"csrf_token": form_token(home.text)})
    assert answer.url.path == "/app/login"
    # The old cookie, replayed by someone who copied it, opens nothing any more.
    assert client.get("/auth/me", headers=people.advisor.headers).status_code == 401
    again = console.get("/app/", follow_redirects=False)
    assert again.status_code == 303
    assert again.headers["location"].startswith("/app/login")


def test_pages_send_a_visitor_who_is_not_signed_in_to_sign_in_and_back(console_as):
    client = console_as()
    answer = client.get("/app/cases?stage=support", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/app/login?next=/app/cases?stage=support"
    login = client.get(answer.headers["location"])
    assert 'name="next" value="/app/cases?stage=support"' in login.text


def test_after_sign_in_the_console_never_sends_the_browser_to_another_site(console_as, people):
    client = console_as()
    for elsewhere in ("https://evil.example/", "//evil.example/app", "/app\\@evil.example"):
        page = client.get("/app/login", params={"next": elsewhere})
        data = {
            "csrf_token": form_token(page.text),
            "email": people.advisor.email,
            "password": PASSWORD,
            "next": elsewhere,
        }
        answer = client.post("/app/login", data=data, follow_redirects=False)
        assert answer.headers["location"] == "/app/", elsewhere


def test_a_form_without_its_pages_token_changes_nothing(console_as, people):
    """What another site's page could make a signed-in browser post: refused, nothing kept."""
    console = console_as(people.entrepreneur)
    form = {"title": "Forged case", "sector": "retail", "country": "SN", "summary": "forged"}
    for token in (None, "", "0" * 64, _altered(form_token(console.get("/app/login").text))):
        data = form if token is None else {**form, "csrf_token": token}
        answer = console.post("/app/cases/new", data=data)
        assert answer.status_code == 403
        assert "Nothing was changed" in answer.text
    # A cross-site post is refused even when it carries a token.
    home = console.get("/app/")
    crossed = console.post(
        "/app/cases/new",
        data={**form, "csrf_token": form_token(home.text)},
        headers={"Sec-Fetch-Site": "cross-site"},
    )
    assert crossed.status_code == 403
    with open_session() as session:
        assert session.exec(select(Case)).all() == []


def test_a_token_from_another_session_is_refused(console_as, people):
    mine = console_as(people.entrepreneur)
    theirs = console_as(people.other_entrepreneur)
    stolen = form_token(theirs.get("/app/").text)
    data = {
        "csrf_token": stolen,
        "title": "Mine",
        "sector": "retail",
        "country": "SN",
        "summary": "x",
    }
    assert mine.post("/app/cases/new", data=data).status_code == 403


def test_signing_up_then_opening_a_case_is_the_entrepreneurs_first_act(console_as, client):
    console = console_as()
    page = console.get("/app/signup")
    weak = {
        "csrf_token": form_token(page.text),
        "full_name": "Mariam Traoré",
        "email": "m@x.example",
    }
    refused = console.post("/app/signup", data={**weak, "password": "password123"})
    assert refused.status_code == 422
    problem = re.search(r'<p class="problem" id="password-problem">([^<]+)</p>', refused.text)
    assert problem
    assert "common" in problem.group(1)
    assert 'aria-describedby="password-problem"' in refused.text
    assert 'value="Mariam Traoré"' in refused.text  # what was typed stays, but the password
    made = console.post("/app/signup", data={**weak, "password": "shea butter from Mopti"})
    assert made.url.path == "/app/cases/new"
    token = form_token(made.text)
    bad = {
        "csrf_token": token,
        "title": "Shea",
        "sector": "spaceflight",
        "country": "ZZ",
        "summary": "",
    }
    answer = console.post("/app/cases/new", data=bad)
    assert answer.status_code == 422
    for field in ("sector", "country", "summary"):
        assert f'id="{field}-problem"' in answer.text, field
    good = {**bad, "title": "Shea butter cooperative", "sector": "agriculture", "country": "ML"}
    opened = console.post("/app/cases/new", data={**good, "summary": "Women of Mopti"})
    assert re.fullmatch(r"/app/cases/[0-9a-f-]{36}", opened.url.path)
    assert "Shea butter cooperative" in opened.text
    assert "Reception" in opened.text


def test_an_entrepreneur_signed_up_twice_is_told_the_email_is_taken(console_as, people):
    console = console_as()
    page = console.get("/app/signup")
    data = {
        "csrf_token": form_token(page.text),
        "full_name": "Fatou Again",
        "email": people.entrepreneur.email,
        "password": "a different long password",
    }
    answer = console.post("/app/signup", data=data)
    assert answer.status_code == 422
    assert "An account with this email already exists." in answer.text


def test_the_list_keeps_only_the_cases_its_filters_ask_for(console_as, client, people):
    kept = open_case(client, people.entrepreneur, title="Cold storage for fish")
    open_case(client, people.other_entrepreneur, title="Bakery in Thiès")
    console = console_as(people.advisor)
    everything = console.get("/app/cases")
    assert "Cold storage for fish" in everything.text
    assert "Bakery in Thiès" in everything.text
    mine = console.get("/app/cases", params={"stage": "reception", "status": "active"})
    assert "2 cases" in mine.text
    assert "0 cases" in console.get("/app/cases", params={"overdue": "true"}).text
    with open_session() as session:  # a task past due on one case (the sweep's, in life)
        late = date.today() - timedelta(days=3)
        session.add(_task(kept["id"], late))
        session.commit()
    overdue = console.get("/app/cases", params={"overdue": "true"})
    assert "1 case<" in overdue.text
    assert "Cold storage for fish" in overdue.text
    assert "Bakery" not in overdue.text
    bad = console.get("/app/cases", params={"stage": "orbit"})
    assert bad.status_code == 422
    assert "stage" in bad.text
    owned = console_as(people.entrepreneur).get("/app/cases")
    assert "Cold storage for fish" in owned.text
    assert "Bakery" not in owned.text
    assert kept["reference"] in owned.text


def _task(case_id: str, due_on: date) -> Task:
    return Task(
        kind=TaskKind.MILESTONE_OVERDUE,
        case_id=uuid.UUID(case_id),
        subject="2026-11",
        for_role=Role.ADVISOR,
        summary="A milestone of the plan is past due.",
        due_on=due_on,
    )


def _altered(token: str) -> str:
    """`token` with its last digit changed: one character off."""
    return token[:-1] + ("1" if token[-1] == "0" else "0")


def test_what_people_type_is_shown_as_text_never_run(console_as, client, people):
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    case = open_case(client, people.entrepreneur, title=hostile[:200])
    console = console_as(people.advisor)
    for page in (console.get("/app/cases"), console.get(f"/app/cases/{case['id']}")):
        assert "<script>alert" not in page.text
        assert "<img src=x" not in page.text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
        assert "script-src 'self'" in page.headers["content-security-policy"]
