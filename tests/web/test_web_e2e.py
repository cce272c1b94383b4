"""End to end: the web app served by uvicorn, driven in a real headless Chromium by Playwright.

Uses Debian's chromium (/usr/bin/chromium); no browser is downloaded. Each test writes screenshots
of the pages it visits to tests/screenshots/ (ignored by git) for a person to look at.
"""

import logging
import re
import socket
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

from klachtclassificatie import vocabulaire as voc
from klachtclassificatie.register import Register, importeer, voeg_gebruiker_toe
from klachtclassificatie.web.app import maak_app
from klachtclassificatie.web.server import Toegangsformaat, maak_server

from ..conftest import PROJECTMAP

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install -y chromium)",
)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
expect = sync_api.expect

CHROMIUM_OPTIES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                   "--disable-component-update", "--disable-sync", "--no-first-run"]
DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"
SCHERMAFDRUKKEN = PROJECTMAP / "tests" / "screenshots"
#: Unconfirmed complaints for the review queue, received after the demo years.
TE_BEOORDELEN = [
    ("E2E-1", "2025-02-03", "Mijn uitkering is al twee maanden niet betaald en niemand belt terug."),
    ("E2E-2", "2025-02-10", "De klantmanager was onbeschoft aan de telefoon en hing zomaar op."),
    ("E2E-3", "2025-02-17", "Ik wacht al tien weken op een besluit over mijn schuldhulpverlening."),
]
NIEUWE_TEKST = ("Mijn werkcoach schreeuwde tegen mij bij de parkeerplaats van het Werkplein en lachte me "
                "uit toen ik over mijn rugklachten begon. <b>Dringend</b> <script>alert('x')</script>")


def _schermafdruk(pagina, naam: str) -> None:
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"{naam}.png", full_page=True)


class _Toegangslog(logging.Handler):
    """Keeps the access log lines as the server would print them."""

    def __init__(self):
        super().__init__()
        self.setFormatter(Toegangsformaat())
        self.regels: list[str] = []

    def emit(self, record):
        self.regels.append(self.format(record))


@pytest.fixture(scope="module")
def registerpad(tmp_path_factory):
    pad = tmp_path_factory.mktemp("e2e") / "register.sqlite"
    importeer(pad, DEMO, door="demo")
    with Register.open(pad) as register:
        register.importeer_klachten(
            [{"klachtnummer": n, "ontvangstdatum": d, "gemeente": "Nieuwegein", "tekst": t, "labels_bevestigd": 0}
             for n, d, t in TE_BEOORDELEN], door="test", bron="test")
    return pad


@contextmanager
def _serveer(app):
    """`app` on a free port, served by uvicorn in a thread; its url and captured access log."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    server = maak_server(app, host="127.0.0.1", poort=poort)
    log = _Toegangslog()
    logging.getLogger("uvicorn.access").addHandler(log)
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    for _ in range(400):  # a bounded wait for the socket, not a timing assertion
        if server.started or not draad.is_alive():
            break
        time.sleep(0.05)
    if not server.started:
        pytest.fail("the web server did not start")
    try:
        yield f"http://127.0.0.1:{poort}", log
    finally:
        server.should_exit = True
        draad.join(timeout=10)
        logging.getLogger("uvicorn.access").removeHandler(log)


@pytest.fixture(scope="module")
def webapp(registerpad, klein_model):
    """The app for one coordinator on this computer, with its access log captured."""
    with _serveer(maak_app(registerpad, klein_model, door="e2e")) as (url, log):
        yield SimpleNamespace(url=url, log=log, registerpad=registerpad)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_OPTIES)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def pagina(context):
    pagina = context.new_page()
    dialogen = []
    pagina.on("dialog", lambda dialoog: (dialogen.append(dialoog.message), dialoog.dismiss()))
    yield pagina
    assert not dialogen, "a script from a complaint ran in the browser"


def test_enter_a_new_complaint_see_suggestions_confirm_and_find_it(webapp, pagina):
    pagina.goto(webapp.url + "/")
    expect(pagina.locator("h1")).to_have_text("Nieuwe klacht")
    pagina.fill("#tekst", NIEUWE_TEKST)
    pagina.click("button[value=suggesties]")
    for doel in ("categorie", "programmaonderdeel"):
        expect(pagina.locator(f"#keuze-{doel} .kans")).to_have_count(3)
        expect(pagina.locator(f"#keuze-{doel} input:checked")).to_have_count(1)
    expect(pagina.locator("#gemarkeerde-tekst mark").first).to_be_visible()
    expect(pagina.locator("#gemarkeerde-tekst")).to_contain_text("<b>Dringend</b> <script>alert('x')</script>")
    pagina.select_option("#gemeente", "Nieuwegein")
    pagina.select_option("#kanaal", "telefoon")
    pagina.check('#keuze-categorie input[value="bejegening"]')
    pagina.check('#keuze-programmaonderdeel input[value="Werk"]')
    _schermafdruk(pagina, "1-nieuwe-klacht")
    pagina.click("button[value=opslaan]")

    melding = pagina.locator("p.melding")
    expect(melding).to_contain_text("is opgeslagen met bevestigde labels: bejegening, Werk.")
    nummer = re.search(r"Klacht (\S+) is opgeslagen", melding.inner_text()).group(1)
    expect(pagina.locator("#audit")).to_contain_text("webapp nieuwe klacht")
    expect(pagina.locator("#klachttekst")).to_contain_text("<script>alert('x')</script>")
    _schermafdruk(pagina, "3b-klacht")

    pagina.click('nav a:text-is("Register")')
    pagina.fill("#zoek", "parkeerplaats")
    pagina.click("form.filters button")
    expect(pagina.locator("#resultaten tbody tr")).to_have_count(1)
    expect(pagina.locator("#resultaten tbody tr a")).to_have_text(nummer)
    assert "parkeerplaats" not in pagina.url
    _schermafdruk(pagina, "3a-register")
    with Register.open(webapp.registerpad) as register:
        rij = register.rij(nummer)
    assert (rij["gemeente"], rij["categorie"], rij["programmaonderdeel"], rij["labels_bevestigd"]) == (
        "Nieuwegein", "bejegening", "Werk", 1)


def test_work_the_review_queue_in_two_tabs(webapp, context):
    tab1, tab2 = context.new_page(), context.new_page()
    for tab in (tab1, tab2):
        tab.goto(webapp.url + "/beoordelen")
    open_voor = int(tab1.locator("#aantal-open").inner_text())
    assert open_voor == len(TE_BEOORDELEN)
    eerste = tab1.locator("article.kaart").first
    nummer = eerste.get_attribute("data-klachtnummer")
    assert tab2.locator("article.kaart").first.get_attribute("data-klachtnummer") == nummer
    _schermafdruk(tab1, "2-te-beoordelen")

    eerste.locator("button", has_text="Bevestigen").click()  # one click confirms the suggestion
    expect(tab1.locator("p.melding")).to_contain_text(f"Klacht {nummer} bevestigd")
    expect(tab1.locator("#aantal-open")).to_have_text(str(open_voor - 1))

    # the other tab still shows the same complaint: its click is refused with a message
    tab2.locator("article.kaart").first.locator("button", has_text="Bevestigen").click()
    expect(tab2.locator("p.melding-fout")).to_contain_text(f"klacht {nummer} is intussen al bevestigd")

    # correct a label of the next complaint before confirming
    volgende = tab1.locator("article.kaart").first
    nummer2 = volgende.get_attribute("data-klachtnummer")
    keuze = volgende.locator("select[name=categorie]")
    ander = next(label for label in voc.CATEGORIEEN if label != keuze.input_value())
    keuze.select_option(ander)
    volgende.locator("button", has_text="Bevestigen").click()
    expect(tab1.locator("p.melding")).to_contain_text(f"Klacht {nummer2} bevestigd: {ander},")
    expect(tab1.locator("#aantal-open")).to_have_text(str(open_voor - 2))
    with Register.open(webapp.registerpad) as register:
        assert register.rij(nummer2)["categorie"] == ander
        assert register.rij(nummer2)["bevestigd_door"] == "e2e"


def test_annual_tables_2024_and_the_xlsx_download(webapp, pagina, tmp_path):
    pagina.goto(webapp.url + "/jaarverslag")
    pagina.click('nav.jaren a:text-is("2024")')
    expect(pagina.locator("h1")).to_have_text("Jaarverslag klachten 2024")
    tabel = pagina.locator('table[data-tabel="1"]')
    kolommen = tabel.locator("thead th").all_inner_texts()
    werk = tabel.locator("tbody tr", has=pagina.locator('th:text-is("Werk")'))
    expect(werk.locator("td").nth(kolommen.index("bejegening") - 1)).to_have_text("18")
    totaal = tabel.locator("tbody tr", has=pagina.locator('th:text-is("Totaal")'))
    expect(totaal.locator("td").last).to_have_text("47")
    expect(pagina.locator("figure.grafiek svg")).to_have_count(5)
    _schermafdruk(pagina, "4-jaarverslag-2024")

    with pagina.expect_download() as download:
        pagina.click("#download-xlsx")
    assert download.value.suggested_filename == "jaarverslag-klachten-2024.xlsx"
    bestand = tmp_path / download.value.suggested_filename
    download.value.save_as(bestand)
    kop, *rijen = openpyxl.load_workbook(bestand).worksheets[0].iter_rows(values_only=True)
    per_onderdeel = {rij[0]: rij for rij in rijen}
    assert per_onderdeel["Werk"][kop.index("bejegening")] == 18
    assert per_onderdeel["Totaal"][kop.index("totaal")] == 47


def test_termijnbewaking_and_model_pages(webapp, pagina):
    pagina.goto(webapp.url + "/register/termijnen")
    expect(pagina.locator("h1")).to_have_text("Termijnbewaking")
    expect(pagina.locator("#samenvatting")).to_contain_text("open klachten")
    _schermafdruk(pagina, "3c-termijnbewaking")
    pagina.click('nav a:text-is("Model")')
    expect(pagina.locator("h1")).to_contain_text("Model ")
    expect(pagina.locator("#modelkaart")).to_contain_text("Modelkaart klachtmodel")
    expect(pagina.locator("#scores tbody tr")).to_have_count(2)
    _schermafdruk(pagina, "5-model")


def test_the_server_log_shows_no_complaint_text(webapp, pagina):
    pagina.goto(webapp.url + "/nieuw")
    pagina.fill("#tekst", "Mevrouw Geheimzinnig uit de Vogelwijk klaagt over haar werkcoach.")
    pagina.click("button[value=suggesties]")
    expect(pagina.locator("#keuze-categorie")).to_be_visible()
    pagina.goto(webapp.url + "/register")
    pagina.fill("#zoek", "Vogelwijk")
    pagina.click("form.filters button")
    expect(pagina.locator("#aantal")).to_be_visible()
    regels = list(webapp.log.regels)
    assert any(regel.endswith("POST /nieuw 200") for regel in regels)
    assert any(regel.endswith("POST /register 303") for regel in regels)  # then GET /register?zoekopdracht=…
    for regel in regels:
        assert re.fullmatch(r".* INFO (GET|POST) /[^ ?]* \d{3}", regel), regel
        assert "Geheimzinnig" not in regel and "Vogelwijk" not in regel and "127.0.0.1" not in regel


def _gegrond(pagina, url: str, jaar: int) -> int:
    """The number of complaints closed as gegrond in `jaar`, from the resultaat table of the annual report."""
    pagina.goto(f"{url}/jaarverslag/{jaar}")
    tabel = pagina.locator("section.tabel-met-grafiek", has=pagina.locator("h2", has_text="Resultaat")).locator(
        "table")
    kolommen = tabel.locator("thead th").all_inner_texts()
    rij = tabel.locator("tbody tr", has=pagina.locator('th:text-is("Gegrond")'))
    return int(rij.locator("td").nth(kolommen.index(str(jaar)) - 1).inner_text()) if rij.count() else 0


def test_take_in_handle_extend_suspend_and_close_a_complaint(webapp, pagina):
    jaar = date.today().year
    gegrond_voor = _gegrond(pagina, webapp.url, jaar)
    pagina.goto(webapp.url + "/nieuw")
    pagina.fill("#tekst", "Mijn bijstandsuitkering van oktober is niet betaald en de klantmanager belt niet terug.")
    pagina.click("button[value=suggesties]")
    pagina.select_option("#gemeente", "Houten")
    pagina.check('#keuze-categorie input[value="afhandelingsduur"]')
    pagina.check('#keuze-programmaonderdeel input[value="Inkomen"]')
    pagina.click("button[value=opslaan]")
    melding = pagina.locator("p.melding")
    expect(melding).to_contain_text("is opgeslagen met bevestigde labels")
    nummer = re.search(r"Klacht (\S+) is opgeslagen", melding.inner_text()).group(1)

    # termijnbewaking leads straight to the forms
    pagina.goto(webapp.url + "/register/termijnen")
    pagina.locator(f'tr[data-klachtnummer="{nummer}"] a').click()
    assert pagina.url.endswith("#afhandeling")
    expect(pagina.locator("#resterende-termijn")).to_contain_text("De termijn loopt tot en met")

    pagina.fill("#wijz-behandelaar", "P. de Vries")
    pagina.select_option("#wijz-procedure", "formeel")
    pagina.click("#form-wijzigen button")
    expect(pagina.locator("p.melding")).to_have_text(f"Klacht {nummer} is gewijzigd: procedure, behandelaar.")

    pagina.click("#form-verlengen button")
    expect(pagina.locator("p.melding")).to_contain_text(f"Klacht {nummer} is met vier weken verlengd")
    expect(pagina.locator("#form-verlengen")).to_contain_text("Deze klacht is verlengd met vier weken.")

    pagina.fill("#ops-dagen", "14")
    pagina.click("#form-opschorten button")  # without the complainant's consent: refused
    expect(pagina.locator("#fout-toestemming")).to_contain_text("Opschorten mag alleen met toestemming")
    pagina.check("#ops-toestemming")
    pagina.click("#form-opschorten button")
    expect(pagina.locator("p.melding")).to_contain_text(f"Klacht {nummer} is 14 dagen opgeschort")
    _schermafdruk(pagina, "3d-klacht-behandelen")

    pagina.select_option("#afh-resultaat", "gegrond")
    pagina.fill("#afh-samenvatting", "Betaling bleef liggen; excuses gemaakt en alsnog betaald.")
    pagina.click("#form-afhandelen button")
    expect(pagina.locator("p.melding")).to_have_text(
        f"Klacht {nummer} is afgehandeld op {date.today().isoformat()}: gegrond.")
    expect(pagina.locator("#resterende-termijn")).to_contain_text("binnen de termijn")
    audit = pagina.locator("#audit tbody tr")
    for bron, nieuw in [("webapp wijzigen", ["formeel", "P. de Vries"]), ("webapp verlengen", [None]),
                        ("webapp opschorten (met toestemming van de klager)", ["14"]),
                        ("webapp afhandelen", [date.today().isoformat(), "gegrond", None])]:
        regels = audit.filter(has=pagina.locator(f'td:text-is("{bron}")'))
        expect(regels).to_have_count(len(nieuw))  # one line per changed field, by the person using the app
        expect(regels.filter(has=pagina.locator('td:text-is("e2e")'))).to_have_count(len(nieuw))
        for waarde in filter(None, nieuw):
            expect(regels.filter(has=pagina.locator(f'td:text-is("{waarde}")'))).to_have_count(1)
    _schermafdruk(pagina, "3e-klacht-afgehandeld")

    assert _gegrond(pagina, webapp.url, jaar) == gegrond_voor + 1
    with Register.open(webapp.registerpad) as register:
        rij = register.rij(nummer)
    assert (rij["resultaat"], rij["verlenging"], rij["opschorting_dagen"], rij["behandelaar"]) == (
        "gegrond", 1, 14, "P. de Vries")


def test_a_team_member_logs_in_works_under_her_own_name_and_logs_out(tmp_path, klein_model, context):
    """Team mode in a real browser: Chromium's Origin on each form passes the check, the audit names anna."""
    pad = tmp_path / "team.sqlite"
    importeer(pad, DEMO, door="demo")
    with Register.open(pad) as register:
        voeg_gebruiker_toe(register, "anna", "anna-haar-wachtwoord")
    with _serveer(maak_app(pad, klein_model, met_inloggen=True, door="servergebruiker")) as (url, _):
        pagina = context.new_page()
        pagina.goto(url + "/register")
        expect(pagina.locator("h1")).to_have_text("Inloggen")
        pagina.fill("#naam", "anna")
        pagina.fill("#wachtwoord", "niet-het-wachtwoord")
        pagina.click("form.inloggen button")
        expect(pagina.locator(".veldfout")).to_contain_text("Naam of wachtwoord klopt niet")
        pagina.fill("#wachtwoord", "anna-haar-wachtwoord")
        pagina.click("form.inloggen button")
        expect(pagina.locator("header")).to_contain_text("Ingelogd als anna")
        _schermafdruk(pagina, "6-ingelogd")
        pagina.fill("#tekst", "De klantmanager belde niet terug over mijn uitkering.")
        pagina.click("button[value=suggesties]")
        pagina.select_option("#gemeente", "Houten")
        pagina.select_option("#kanaal", "telefoon")
        pagina.check('#keuze-categorie input[value="bejegening"]')
        pagina.check('#keuze-programmaonderdeel input[value="Werk"]')
        pagina.click("button[value=opslaan]")
        expect(pagina.locator("p.melding")).to_contain_text("is opgeslagen")
        expect(pagina.locator("#audit")).to_contain_text("anna")
        nummer = re.search(r"Klacht (\S+) is opgeslagen", pagina.locator("p.melding").inner_text()).group(1)
        pagina.click("form.uitloggen button")
        expect(pagina.locator("h1")).to_have_text("Inloggen")
        pagina.goto(url + "/register")
        expect(pagina.locator("h1")).to_have_text("Inloggen")
    with Register.open(pad) as register:
        assert set(register.audit(nummer)["door"]) == {"anna"}
