"""Screenshots of the console's main pages for the README, from a running `make run`.

    .venv/bin/python scripts/console_screenshots.py [http://127.0.0.1:8000]

Signs in with the demo accounts `make run` wrote to .casework-demo-accounts.txt and saves
PNGs under docs/console/. Drives Debian's chromium through its chromium-driver.
"""

import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "console"
WIDTH = 1280


def _browser() -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        f"--user-data-dir={tempfile.mkdtemp()}",
    ):
        options.add_argument(flag)
    driver = Service(executable_path="/usr/bin/chromedriver")
    return webdriver.Chrome(service=driver, options=options)


def _accounts(store_dir: Path) -> dict[str, tuple[str, str]]:
    """The first demo account of each role: (email, password)."""
    found: dict[str, tuple[str, str]] = {}
    for line in (store_dir / ".casework-demo-accounts.txt").read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#") and parts[0] != "role":
            found.setdefault(parts[0], (parts[1], parts[2]))
    return found


def _sign_in(driver: WebDriver, base: str, email: str, password: str) -> None:
    driver.delete_all_cookies()
    driver.get(base + "/app/login")
    driver.find_element(By.ID, "email").send_keys(email)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    time.sleep(0.5)


def _shoot(driver: WebDriver, url: str, name: str, width: int = WIDTH, tallest: int = 3000) -> None:
    driver.set_window_size(width, 800)
    driver.get(url)
    time.sleep(0.3)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 600), tallest))
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    print(f"docs/console/{name}.png  {url}")


def _first_case(driver: WebDriver, base: str, query: str) -> str:
    driver.get(f"{base}/app/cases?{query}")
    return str(driver.find_element(By.CSS_SELECTOR, "td a").get_attribute("href"))


def _plan_with_results(driver: WebDriver, base: str) -> str:
    """The plan page of the first case in support whose plan has a version."""
    driver.get(f"{base}/app/cases?stage=support&status=active")
    cases = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "td a")]
    for case in cases:
        driver.get(f"{case}/plan")
        if driver.find_elements(By.CSS_SELECTOR, "#results dl"):
            return f"{case}/plan"
    raise SystemExit("no case in support has a plan: load the demo unit")


def main(base: str = "http://127.0.0.1:8000") -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    accounts = _accounts(Path.cwd())
    driver = _browser()
    try:
        driver.delete_all_cookies()
        _shoot(driver, base + "/app/login", "sign-in")
        _sign_in(driver, base, *accounts["advisor"])
        _shoot(driver, base + "/app/", "advisor-to-do")
        _shoot(driver, base + "/app/cases?stage=support", "case-list")
        _shoot(driver, _first_case(driver, base, "stage=reception&status=active"), "case-gate")
        _shoot(driver, _plan_with_results(driver, base), "plan-editor")
        _shoot(driver, base + "/app/cases?status=active", "case-list-phone", 390, 1400)
        _shoot(
            driver, _first_case(driver, base, "stage=follow_up") + "/reports", "follow-up-figures"
        )
        _sign_in(driver, base, *accounts["manager"])
        _shoot(driver, base + "/app/portfolio", "manager-portfolio")
        _shoot(driver, base + "/app/staff?role=advisor", "manager-staff")
        _shoot(driver, base + "/app/access-log", "manager-access-log")
        _shoot(driver, base + "/app/guides", "country-guides")
        _sign_in(driver, base, *accounts["entrepreneur"])
        case = _first_case(driver, base, "")
        _shoot(driver, case, "entrepreneur-case")
        _shoot(driver, case + "/guides", "entrepreneur-guides")
        _shoot(driver, base + "/app/account", "entrepreneur-account", 390, 2000)
    finally:
        driver.quit()


if __name__ == "__main__":
    main(*sys.argv[1:])
