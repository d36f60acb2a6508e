"""The web client (sao) in a real browser, used as a person would.

trytond serves sao (var/sao) and a fresh database (current backend) with the
module activated, Danish and the demo data; headless Chromium, driven by
Selenium, logs in through sao's login dialog as the advisor and as B&L's
centre staff.  Screenshots of each step: var/test-logs/web-client-*.png.

Needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install -y
chromium chromium-driver) and sao (make sao); skips without them.
"""
import os
import re
import shutil
import tempfile
import unittest

from .server import MODULE, REPOSITORY, SAO_ROOT, ServerTestCase

CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')
CHROMEDRIVER = os.environ.get('CHROMEDRIVER', '/usr/bin/chromedriver')
INSTALL_BROWSER = 'apt-get install -y chromium chromium-driver'
SCREENSHOTS = REPOSITORY / 'var' / 'test-logs'
TIMEOUT = float(os.environ.get('WEB_CLIENT_TIMEOUT', 30))
# Demo users (borgerraadgiver/demo.py)
ADVISOR = ('advisor', 'advisor-2026')
CENTRE = ('centre', 'centre-2026')
CENTRE_CODE = 'B&L'

MENU = "Borgerrådgiver"
INQUIRIES = "Henvendelser"
DOMAIN_TABS = [
    "Nye", "Under behandling", "Hos center", "Overskredet frist",
    "Afsluttede", "Alle"]
NOTES = "Borgerrådgiverens noter"
NEW_SUBJECT = "Browsertest: klage over ventetid på hjælpemidler"

try:
    from selenium import webdriver
    from selenium.common.exceptions import (
        ElementClickInterceptedException, StaleElementReferenceException,
        TimeoutException, WebDriverException)
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:
    webdriver = None


def missing_requirements():
    "Why the browser test cannot run (None when it can)"
    missing = [path for path in (CHROMIUM, CHROMEDRIVER)
        if not (os.path.isfile(path) and os.access(path, os.X_OK))]
    if missing:
        return (f"{' and '.join(missing)} missing: as root, "
            f"{INSTALL_BROWSER}")
    if webdriver is None:
        return ("selenium is not installed: make venv "
            "(it is in the test extras of pyproject.toml)")
    if not (SAO_ROOT / 'index.html').exists():
        return f"no web client in {SAO_ROOT}: make sao"
    return None


def demo_data():
    "The demo module (imported late: it needs trytond)"
    from trytond.modules.borgerraadgiver import demo
    return demo


# JavaScript run in the page; arguments[0] is the active tab's pane.
JS_DOMAIN_TABS = """
return Array.from(arguments[0].querySelectorAll('.tab-domain li > a'))
    .map(a => a.firstChild.textContent.trim());
"""
# The header cells of the displayed list in the pane arguments[0] (sao
# keeps the lists it has shown before in the page, hidden).
JS_LIST = """
const table = Array.from(arguments[0].querySelectorAll('table.tree'))
    .find(table => table.offsetParent !== null);
const headers = table ? Array.from(table.querySelectorAll(':scope > thead th'))
    : [];
"""
# The labels of the list's columns (those not hidden, scrolled or not).
JS_HEADERS = JS_LIST + """
return headers.filter(th => getComputedStyle(th).display !== 'none')
    .map(th => th.textContent.trim()).filter(text => text);
"""
# The texts of the list's column whose header is arguments[1], row by row.
JS_COLUMN = JS_LIST + """
const header = headers.find(th => {
    const label = th.querySelector('label');
    return label && label.textContent.trim() === arguments[1];
});
if (!header) {
    return null;
}
return Array.from(table.querySelectorAll(
        ':scope > tbody > tr > td[headers="' + header.id + '"]'))
    .map(td => td.textContent.trim());
"""


@unittest.skipIf(missing_requirements(), missing_requirements())
class WebClientTestCase(ServerTestCase):
    "The advisor and centre staff in sao, in Danish, on the demo data"

    language = 'da'
    # subjects of the inquiries the tests add to the demo's
    created = []

    @classmethod
    def prepare_database(cls, database):
        # As scripts/demo.sh: Danish ready, then the demo data.
        database.run_script('setup_language.py', '-l', 'da')
        database.run_script('load_demo.py')

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(
                f'web-client-failed-{cls.database.backend}-*.png'):
            old.unlink()

    # The browser

    def start_browser(self):
        profile = tempfile.mkdtemp(prefix='chromium-')
        self.addCleanup(shutil.rmtree, profile, ignore_errors=True)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in [
                '--headless=new', '--no-sandbox', '--disable-gpu',
                '--disable-dev-shm-usage', '--no-first-run',
                '--disable-background-networking',
                '--disable-component-update', '--disable-sync',
                f'--user-data-dir={profile}', '--window-size=1400,900',
                # a Danish person's browser
                '--lang=da']:
            options.add_argument(argument)
        options.add_experimental_option(
            'prefs', {'intl.accept_languages': 'da,da-DK'})
        options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
        log = self.server.directory / 'chromedriver.log'
        try:
            self.driver = webdriver.Chrome(
                service=Service(CHROMEDRIVER, log_output=str(log)),
                options=options)
        except WebDriverException as exception:
            self.fail(f"Chromium did not start: {exception.msg}\n"
                f"(chromedriver log: {log})")
        self.addCleanup(self.driver.quit)
        return self.driver

    def screenshot(self, name):
        "Save var/test-logs/web-client-<name>.png"
        self.driver.save_screenshot(
            str(SCREENSHOTS / f'web-client-{name}.png'))

    def browser_log(self):
        "The page's console messages, minus the noise"
        try:
            entries = self.driver.get_log('browser')
        except WebDriverException:
            return ''
        # sao asks for custom.js, custom.css and its translation files
        # whether the server has them or not.
        noise = re.compile(r'Deprecation warning|/custom\.(js|css) '
            r'|/locale/[\w]+\.json ')
        return '\n'.join(entry['message'] for entry in entries
            if entry['level'] in {'SEVERE', 'WARNING'}
            and not noise.search(entry['message']))

    def wait(self, condition, message, timeout=TIMEOUT):
        """Wait until condition(driver) is true and return its value; on
        timeout, save a screenshot and fail with message (a text, or a
        function that returns it then)"""
        def check(driver):
            try:
                return condition(driver)
            except StaleElementReferenceException:
                return False
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.1
                ).until(check)
        except TimeoutException:
            name = f'failed-{self.database.backend}-{self._testMethodName}'
            self.screenshot(name)
            if callable(message):
                message = message()
            self.fail(f"{message} (after {timeout:g} s; screenshot "
                f"var/test-logs/web-client-{name}.png)\n"
                f"Browser console:\n{self.browser_log()}\n"
                f"Server log:\n{self.server_log()}")

    def server_log(self, lines=30):
        "The end of the server's log without the HTTP requests"
        log = self.server.log(500).splitlines()
        return '\n'.join([
                line for line in log if ' werkzeug ' not in line][-lines:])

    def visible(self, selector, root=None):
        "The displayed elements matching the CSS selector"
        root = root or self.driver
        return [e for e in root.find_elements(By.CSS_SELECTOR, selector)
            if e.is_displayed()]

    def click(self, element, what):
        """Click element; when a message of sao's infobar covers it, close
        the message first (as a person would)"""
        def attempt(driver):
            try:
                element.click()
                return True
            except ElementClickInterceptedException:
                for close in self.visible('.infobar .alert button.close'):
                    close.click()
                return False
        self.wait(attempt, f"cannot click {what}")

    # sao

    def sao_login(self, login, password):
        "Log in through sao's login dialog"
        driver = self.start_browser()
        driver.get(self.server.url + '/')
        dialog = self.wait(
            lambda d: self.visible('.login-dialog'), "no login dialog")[0]
        # The database: a list when the server lists several, else a field.
        database = self.wait(
            lambda d: (self.visible('select[name=database]', dialog)
                if d.find_elements(By.CSS_SELECTOR,
                    '.login-dialog select[name=database] option')
                else self.visible('input[name=database]', dialog)),
            "no database field in the login dialog")[0]
        if database.tag_name == 'select':
            Select(database).select_by_value(self.database.name)
        elif database.get_attribute('value') != self.database.name:
            database.clear()
            database.send_keys(self.database.name)
        dialog.find_element(By.CSS_SELECTOR, 'input[name=login]').send_keys(
            login)
        self.screenshot(f'0-login-{login}')
        self.click(dialog.find_element(By.CSS_SELECTOR, 'button[type=submit]'),
            "the login button")
        password_input = self.wait(
            lambda d: self.visible('.modal input[name=password]'),
            "sao does not ask for the password")[0]
        password_input.send_keys(password, Keys.ENTER)
        self.wait(lambda d: self.menu_entry(MENU),
            f"no menu entry {MENU!r} after logging in as {login}")

    def menu_entry(self, text):
        "The displayed entry of the menu with that text"
        for entry in self.visible('#menu .column-char'):
            if entry.text.strip() == text:
                return entry

    def open_menu(self, *path):
        "Click the menu entries of path, as a person opens the menu"
        for text in path:
            self.click(self.wait(lambda d: self.menu_entry(text),
                    f"no menu entry {text!r}"), f"menu entry {text!r}")
        self.wait(lambda d: any(
                tab.text.strip() == path[-1]
                for tab in self.visible('#tablist li.active span')),
            f"no tab {path[-1]!r} opened")

    def pane(self):
        "The active tab's content"
        return self.driver.find_element(
            By.CSS_SELECTOR, '#tabcontent > .tab-pane.active')

    def domain_tabs(self):
        return self.driver.execute_script(JS_DOMAIN_TABS, self.pane())

    def click_domain_tab(self, name):
        for link in self.pane().find_elements(
                By.CSS_SELECTOR, '.tab-domain li > a'):
            if link.text.strip().startswith(name):
                self.click(link, f"tab {name!r}")
                self.wait(lambda d: 'active' in link.find_element(
                        By.XPATH, '..').get_attribute('class'),
                    f"tab {name!r} not selected")
                return
        self.fail(f"no tab {name!r} in {self.domain_tabs()}")

    def column(self, title):
        "The list's texts in the column titled title (None: no column)"
        return self.driver.execute_script(JS_COLUMN, self.pane(), title)

    def wait_rows(self, condition, message):
        "Wait until condition(subjects of the list's rows) holds"
        def rows(driver):
            subjects = self.column("Emne")
            if subjects is not None and condition(subjects):
                return subjects or True
        self.wait(rows,
            lambda: f"{message}; the list shows {self.column('Emne')}")
        return self.column("Emne")

    def record_count(self):
        "The number of records the toolbar announces (\"_/38\")"
        for badge in self.visible('.toolbar .navbar-text .badge', self.pane()):
            match = re.fullmatch(r'.*/(\d+)', badge.text.strip())
            if match:
                return int(match.group(1))

    def toolbar_button(self, name):
        "A button of the tab's toolbar by sao's action name (new_, save...)"
        return self.wait(
            lambda d: self.visible(f'button#{name}', self.pane()),
            f"no toolbar button {name}")[0]

    def field(self, name):
        "The displayed input of the form's field name"
        return self.wait(
            lambda d: self.visible(f'[name={name}]', self.pane()),
            f"no field {name} in the form")[0]

    def form_button(self, name):
        "The displayed button of the form (by its name)"
        return self.wait(
            lambda d: self.visible(f'button[name={name}]', self.pane()),
            f"no button {name} in the form")[0]

    def selection_text(self, name):
        "The text shown by the selection field name (None: nothing)"
        selected = Select(self.field(name)).all_selected_options
        return selected[0].text.strip() if selected else None

    # The tests

    def test_1_advisor_sees_danish_inquiries(self):
        "The advisor logs in: menu, tabs, columns and demo rows in Danish"
        demo = demo_data()
        self.sao_login(*ADVISOR)
        self.assertTrue(self.menu_entry(MENU))
        self.open_menu(MENU, INQUIRIES)
        self.wait(lambda d: self.domain_tabs() == DOMAIN_TABS,
            lambda: f"the tabs are {self.domain_tabs()}, not {DOMAIN_TABS}")

        # The first tab: the new (draft) inquiries of the demo.
        drafts = {c[5] for c in demo.CURRENT if c[4] == 'draft'}
        self.wait_rows(lambda rows: drafts <= set(rows),
            f"tab Nye does not show the demo's drafts {drafts}")
        self.screenshot('1-advisor-nye')

        self.click_domain_tab("Under behandling")
        self.wait_rows(lambda rows: "Ventetid på udredning i PPR" in rows,
            "tab Under behandling does not show the demo's open inquiry")

        # All of them: sao shows the first ones, more as one scrolls.
        self.click_domain_tab("Alle")
        everything = ({i[5] for i in demo.INQUIRIES}
            | {c[5] for c in demo.CURRENT})
        total = len(demo.INQUIRIES) + len(demo.CURRENT) + len(self.created)
        self.wait(lambda d: self.record_count() == total,
            lambda: f"the toolbar counts {self.record_count()} inquiries, "
            f"not {total}")
        self.wait_rows(lambda rows: len(rows) >= min(total, 10),
            "tab Alle does not show the first inquiries")
        self.assertLessEqual(
            set(self.column("Emne")), everything | set(self.created))
        headers = self.driver.execute_script(JS_HEADERS, self.pane())
        for header in ["Nummer", "Modtaget", "Emne", "Center", "Status"]:
            self.assertIn(header, headers)
        numbers = self.column("Nummer")
        self.assertTrue(numbers)
        for number in numbers:
            self.assertRegex(number, r'^BR-\d{4}-\d{4,}$')
        self.screenshot('1-advisor-alle')

    def test_2_advisor_creates_and_starts_inquiry(self):
        "The advisor registers an inquiry and starts handling it"
        self.sao_login(*ADVISOR)
        self.open_menu(MENU, INQUIRIES)
        self.click(self.toolbar_button('new_'), "Ny")
        self.wait(lambda d: self.selection_text('state') == "Ny",
            lambda: f"the new inquiry's state is "
            f"{self.selection_text('state')!r}, not 'Ny'")
        self.field('subject').send_keys(NEW_SUBJECT)
        self.click(self.toolbar_button('save'), "Gem")
        self.created.append(NEW_SUBJECT)
        number = self.wait(
            lambda d: re.fullmatch(r'BR-\d{4}-\d{4,}',
                self.field('number').get_attribute('value')),
            "no number BR-<year>-... after saving").group()
        self.assertEqual(self.field('subject').get_attribute('value'),
            NEW_SUBJECT)
        self.screenshot('2-advisor-saved')

        button = self.form_button('open')
        self.assertEqual(button.get_attribute('textContent').strip(),
            "Påbegynd")
        self.click(button, "Påbegynd")
        # The state's Danish label, as the server sends it.
        client = self.login(*ADVISOR)
        state = client.model(f'{MODULE}.inquiry', 'fields_get', ['state'],
            context=client.context())['state']
        label = dict(state['selection'])['open']
        self.wait(lambda d: self.selection_text('state') == label,
            f"the state does not become {label!r}")
        self.wait(lambda d: not self.visible('button[name=open]', self.pane()),
            "the button Påbegynd is still shown")
        for name, text in [('forward', "Videregiv"), ('close', "Afslut"),
                ('cancel', "Annullér")]:
            self.assertEqual(self.form_button(name).get_attribute(
                    'textContent').strip(), text)
        self.screenshot('2-advisor-started')

        # Back to the list: the inquiry is under "Under behandling".
        self.click(self.toolbar_button('switch_'), "Skift visning")
        self.click_domain_tab("Under behandling")
        self.wait_rows(lambda rows: NEW_SUBJECT in rows,
            f"{number} is not under Under behandling")
        self.assertIn(number, self.column("Nummer"))
        self.screenshot('2-advisor-under-behandling')

    def test_3_centre_sees_only_forwarded_to_centre(self):
        "B&L's staff see only B&L's forwarded inquiries, never the notes"
        demo = demo_data()
        expected = sorted(
            [i[5] for i in demo.INQUIRIES
                if i[2] == CENTRE_CODE and i[4] == 'forwarded']
            + [c[5] for c in demo.CURRENT
                if c[2] == CENTRE_CODE and c[4] == 'forwarded'])
        self.sao_login(*CENTRE)
        self.open_menu(MENU, INQUIRIES)
        self.wait(lambda d: self.domain_tabs() == DOMAIN_TABS,
            lambda: f"the tabs are {self.domain_tabs()}, not {DOMAIN_TABS}")
        self.click_domain_tab("Alle")
        self.wait_rows(lambda rows: sorted(rows) == expected,
            f"tab Alle does not show exactly B&L's forwarded {expected}")
        self.assertEqual(self.record_count(), len(expected))
        self.assertEqual(set(self.column("Center")), {"B&L Børn & Læring"})
        self.assertNotIn(NOTES, self.pane().text)
        self.screenshot('3-centre-alle')

        # Open the one still at the centre: its form has no advisor notes.
        current, = [c[5] for c in demo.CURRENT
            if c[2] == CENTRE_CODE and c[4] == 'forwarded']
        self.click_domain_tab("Hos center")
        self.wait_rows(lambda rows: rows == [current],
            f"tab Hos center does not show only {current!r}")
        cell, = [td for td in self.pane().find_elements(
                By.CSS_SELECTOR, 'table.tree > tbody > tr > td')
            if td.text.strip() == current]
        ActionChains(self.driver).double_click(cell).perform()
        self.wait(lambda d: self.visible('[name=subject]', self.pane())
            and self.field('subject').get_attribute('value') == current,
            f"the form of {current!r} does not open")
        self.wait(lambda d: self.selection_text('state') == "Hos center",
            "the state is not Hos center")
        pane = self.pane()
        self.assertFalse(pane.find_elements(
                By.CSS_SELECTOR, '[name=advisor_notes]'),
            "the form has the advisor's notes field")
        self.assertNotIn(NOTES, pane.text)
        self.assertNotIn(NOTES, pane.get_attribute('textContent'))
        # Tryton shows the buttons a user may not use disabled.
        for name in ['open', 'forward', 'close', 'reopen', 'cancel']:
            for button in self.visible(f'button[name={name}]', pane):
                self.assertFalse(button.is_enabled(),
                    f"centre staff may click the button {name}")
        self.screenshot('3-centre-form')


if __name__ == '__main__':
    unittest.main()
