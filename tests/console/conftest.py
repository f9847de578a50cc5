"""The console under test: its pages over TestClient, and a real uvicorn server driven by
Debian's chromium through its chromium-driver (Selenium given the driver's path, so it never
tries to download one)."""

import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

import pytest
import uvicorn
from fastapi.testclient import TestClient
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import Select
from sqlalchemy.engine import Engine

from tests.conftest import PASSWORD, People, Person

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_TOKEN = re.compile(r'name="csrf_token" value="([0-9a-f]+)"')
_VERSION = re.compile(r'name="version" value="(\d+)"')
_PROBLEM = re.compile(r'<p class="problem" id="([^"]+)-problem">([^<]*)</p>')
_ALERT = re.compile(r'<p class="problem" role="alert">([^<]*)</p>')


def form_token(html: str) -> str:
    """The CSRF token a console page's forms carry."""
    found = _TOKEN.search(html)
    assert found, "the page has no form token"
    return found.group(1)


def form_version(html: str) -> str:
    """The version of the case a console page's form was shown at (its hidden `version`)."""
    found = _VERSION.search(html)
    assert found, "the page has no form of the case"
    return found.group(1)


def problems_of(html: str) -> dict[str, str]:
    """Each field's problem as the page says it next to the field, by the field's id."""
    return {name: unescape(said) for name, said in _PROBLEM.findall(html)}


def alerts(html: str) -> list[str]:
    """The problems a page says of a form as a whole."""
    return [unescape(said) for said in _ALERT.findall(html)]


def signed_in_client(client: TestClient, person: Person) -> TestClient:
    """`client` signed in to the console as `person`, through the sign-in form."""
    page = client.get("/app/login")
    answer = client.post(
        "/app/login",
        data={"csrf_token": form_token(page.text), "email": person.email, "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return client


@pytest.fixture
def console_as(database: Engine) -> Iterator[object]:
    """A factory of TestClients, each signed in to the console as one person."""
    from api.app import create_app

    app = create_app()
    opened: list[TestClient] = []

    def make(person: Person | None = None) -> TestClient:
        client = TestClient(app)
        client.__enter__()
        opened.append(client)
        return signed_in_client(client, person) if person else client

    yield make
    for client in opened:
        client.__exit__(None, None, None)


@dataclass(frozen=True)
class LiveServer:
    """The whole app on a real port, on the test's store."""

    url: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live_server(database: Engine, people: People) -> Iterator[LiveServer]:
    """uvicorn serving the app in a thread of this process, on the test's store."""
    from api.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the console's server did not start"
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="session")
def chromium() -> Iterator[WebDriver]:
    """Headless Debian chromium under Selenium, one per test process."""
    for needed in (CHROMIUM, CHROMEDRIVER):
        if not shutil.which(needed):
            pytest.fail(f"{needed} is missing: `bash scripts/browser-packages.sh` installs it")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="casework-chromium-")
    for flag in (
        "--headless=new",
        "--no-sandbox",  # root in a container: chromium's sandbox cannot start
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(chromium: WebDriver, live_server: LiveServer) -> Iterator["Browser"]:
    """The browser, at the test's server, with no one signed in."""
    chromium.delete_all_cookies()
    yield Browser(chromium, live_server.url)
    chromium.delete_all_cookies()


class Browser:
    """A person at the console: opening pages, filling fields by their labels, clicking."""

    def __init__(self, driver: WebDriver, base: str) -> None:
        self.driver = driver
        self.base = base

    def open(self, path: str) -> None:
        """Go to `path` of the console's server."""
        self.driver.get(self.base + path)

    def field(self, label: str) -> WebElement:
        """The form field whose label reads `label` (the way a screen reader finds it)."""
        labels = self.driver.find_elements(By.TAG_NAME, "label")
        found = [item for item in labels if item.text.strip() == label]
        assert found, f"no field labelled {label!r} on {self.driver.current_url}"
        return self.driver.find_element(By.ID, found[0].get_attribute("for"))

    def fill(self, label: str, value: str) -> None:
        """Type `value` into the field labelled `label` (or choose it, in a list)."""
        element = self.field(label)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)

    def fill_id(self, element_id: str, value: str) -> None:
        """Choose `value` in the list whose id is `element_id`."""
        Select(self.driver.find_element(By.ID, element_id)).select_by_value(value)

    def set_date(self, label: str, iso_day: str) -> None:
        """Put the day `iso_day` (YYYY-MM-DD) in the date field labelled `label`."""
        field = self.field(label)
        self.driver.execute_script("arguments[0].value = arguments[1]", field, iso_day)

    def click_in(self, scope: WebElement, text: str) -> None:
        """Click the button reading `text` inside `scope`, and wait for the next page."""
        button = next(b for b in scope.find_elements(By.TAG_NAME, "button") if b.text == text)
        before = self.driver.find_element(By.TAG_NAME, "html")
        button.click()
        self._wait_until_gone(before, text)

    def _wait_until_gone(self, before: WebElement, text: str) -> None:
        deadline = time.monotonic() + 30
        while True:
            try:
                before.is_enabled()
            # Stale, or "does not belong to the document": the page it belonged to is gone.
            except WebDriverException:
                return
            assert time.monotonic() < deadline, f"clicking {text!r} led nowhere"
            time.sleep(0.05)

    def click(self, text: str) -> None:
        """Click the button or link that reads `text`, and wait for the next page."""
        items = self.driver.find_elements(By.XPATH, "//button | //a")
        found = [item for item in items if item.text.strip() == text and item.is_displayed()]
        assert found, f"nothing reads {text!r} on {self.driver.current_url}"
        before = self.driver.find_element(By.TAG_NAME, "html")
        found[0].click()
        self._wait_until_gone(before, text)

    def sign_in(self, email: str, password: str = PASSWORD) -> None:
        """Sign in through the sign-in page."""
        self.open("/app/login")
        self.fill("Email", email)
        self.fill("Password", password)
        self.click("Sign in")

    def wait_for_heading(self, heading: str) -> None:
        """Wait until the page's main heading reads `heading`."""
        deadline = time.monotonic() + 30
        while True:
            try:
                if self.heading == heading:
                    return
            except WebDriverException:  # not there yet, or its page is being replaced
                pass
            assert time.monotonic() < deadline, f"the page never read {heading!r}"
            time.sleep(0.05)

    def wait_for_text(self, element_id: str, text: str) -> None:
        """Wait until the element `element_id` says `text` (a part the page swaps in)."""
        deadline = time.monotonic() + 30
        while True:
            try:
                if text in self.driver.find_element(By.ID, element_id).text:
                    return
            except WebDriverException:  # not there yet, or its page is being replaced
                pass
            assert time.monotonic() < deadline, f"#{element_id} never said {text!r}"
            time.sleep(0.05)

    @property
    def text(self) -> str:
        """What the page says."""
        return str(self.driver.find_element(By.TAG_NAME, "body").text)

    @property
    def heading(self) -> str:
        """The page's main heading."""
        return str(self.driver.find_element(By.TAG_NAME, "h1").text)
