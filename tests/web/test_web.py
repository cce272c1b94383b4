"""The web app, page by page, with Starlette's test client (no browser, no server)."""

import io
import logging
import re
import warnings
from datetime import date

import openpyxl
import pytest
from typer.testing import CliRunner

from klachtclassificatie.cli import web as commando
from klachtclassificatie.cli._nederlands import NederlandseApp
from klachtclassificatie.register import Register, voeg_gebruiker_toe
from klachtclassificatie.web import server
from klachtclassificatie.web.app import maak_app
from klachtclassificatie.web.beveiliging import CSRF_MELDING
from klachtclassificatie.web.markering import markeer
from klachtclassificatie.web.pagina_model import METHODEN
from klachtclassificatie.web.server import Toegangsformaat

from .conftest import _client, _csrf, _nieuw, _toestand

with warnings.catch_warnings():
    # Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SCRIPT = '<script>alert("oei")</script><img src=x onerror=alert(1)>'


# -- every page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("pad", "kop"), [
    ("/nieuw", "<h1>Nieuwe klacht</h1>"),
    ("/beoordelen", "<h1>Te beoordelen</h1>"),
    ("/register", "<h1>Register</h1>"),
    ("/register/termijnen", "<h1>Termijnbewaking</h1>"),
    ("/register/klacht/T-002", "<h1>Klacht T-002</h1>"),
    ("/jaarverslag/2024", "<h1>Jaarverslag klachten 2024</h1>"),
    ("/model", "<h1>Model "),
])
def test_every_page_renders_in_dutch(client, pad, kop):
    antwoord = client.get(pad)
    assert antwoord.status_code == 200, antwoord.text
    assert '<html lang="nl">' in antwoord.text
    assert kop in antwoord.text
    assert "script-src 'none'" in antwoord.headers["content-security-policy"]


def test_start_and_jaarverslag_without_year_redirect(client):
    assert client.get("/").headers["location"] == "/nieuw"
    assert client.get("/jaarverslag").headers["location"] == "/jaarverslag/2023"  # the last full year


def test_unknown_pages_get_a_dutch_message(client):
    antwoord = client.get("/register/klacht/T-999")
    assert antwoord.status_code == 404
    assert "Klacht T-999 staat niet in het register." in antwoord.text
    assert "Deze pagina bestaat niet." in client.get("/bestaat-niet").text
    assert client.get("/jaarverslag/2024/download/pdf").status_code == 404


# -- CSRF ---------------------------------------------------------------------------------------


def _post_routes(app):
    return [r.path for r in app.routes if "POST" in (getattr(r, "methods", None) or ())]


def test_every_form_refuses_a_post_without_a_valid_csrf_token(client, register_klein):
    routes = _post_routes(client.app)
    assert set(routes) == {"/nieuw", "/beoordelen", "/beoordelen/overslaan", "/register",
                           "/register/klacht/{nummer:path}", "/inloggen", "/uitloggen"}
    voor = _toestand(register_klein)
    _csrf(client)  # the session has a token; the posts below do not carry it
    velden = {**_nieuw(), "klachtnummer": "T-004", "zoek": "werkcoach", "actie": "verlengen"}
    for pad in (p.replace("{nummer:path}", "T-004") for p in routes):
        for csrf in ({}, {"csrf": "verzonnen"}):
            antwoord = client.post(pad, data={**velden, **csrf})
            assert antwoord.status_code == 403, pad
            assert CSRF_MELDING in antwoord.text
    assert _toestand(register_klein) == voor


def test_a_token_from_another_session_is_refused(register_klein, klein_model):
    eerste, tweede = _client(register_klein, klein_model), _client(register_klein, klein_model)
    token_eerste = _csrf(eerste)
    _csrf(tweede)
    assert tweede.post("/nieuw", data=_nieuw(csrf=token_eerste)).status_code == 403


# -- Nieuwe klacht ------------------------------------------------------------------------------


def test_suggestions_show_top_three_per_label_with_marked_words(client, klein_model):
    antwoord = client.post("/nieuw", data={"csrf": _csrf(client), "actie": "suggesties",
                                           "tekst": "Mijn werkcoach schreeuwde tegen me en lachte me uit."})
    assert antwoord.status_code == 200
    [suggesties] = klein_model.suggereer(["Mijn werkcoach schreeuwde tegen me en lachte me uit."])
    for doel, s in suggesties.items():
        blok = antwoord.text.split(f'id="keuze-{doel}"')[1].split("</fieldset>")[0]
        assert blok.count('class="kans"') == 3
        assert f'value="{s.labels[0]}" checked' in blok  # the first suggestion is preselected
    tekst = antwoord.text.split('id="gemarkeerde-tekst">')[1].split("</blockquote>")[0]
    assert '<mark class="woord-' in tekst
    assert re.sub(r"<[^>]+>", "", tekst) == "Mijn werkcoach schreeuwde tegen me en lachte me uit."


def test_a_new_complaint_is_saved_with_confirmed_labels_and_its_suggestion(client, register_klein):
    antwoord = client.post("/nieuw", data={**_nieuw(programmaonderdeel="SHV", klantnummer="123123"),
                                           "csrf": _csrf(client)})
    assert antwoord.status_code == 303
    assert antwoord.headers["location"] == "/register/klacht/K2024-001"
    detail = client.get(antwoord.headers["location"]).text
    assert "Klacht K2024-001 is opgeslagen met bevestigde labels: bejegening, SHV." in detail
    with Register.open(register_klein) as register:
        rij = register.rij("K2024-001")
        audit = register.audit("K2024-001")
        suggesties = register.suggesties()
    assert (rij["gemeente"], rij["kanaal"], rij["klantnummer"]) == ("Houten", "e-mail", "123123")
    assert (rij["categorie"], rij["programmaonderdeel"], rij["labels_bevestigd"]) == ("bejegening", "SHV", 1)
    assert (rij["categorie_bron"], rij["bevestigd_door"]) == ("bevestigd", "coördinator")
    assert set(audit["bron"]) == {"webapp nieuwe klacht", "suggestie model " + client.app.state.instellingen.model.versie}
    assert list(suggesties["klachtnummer"]) == ["K2024-001", "K2024-001"]
    # the next one gets the next number; the live accuracy counts the confirmed suggestion
    client.post("/nieuw", data={**_nieuw(), "csrf": _csrf(client)})
    with Register.open(register_klein) as register:
        assert register.rij("K2024-002") is not None
    assert "2 bevestigde klachten" in client.get("/model").text


@pytest.mark.parametrize(("velden", "veld", "melding"), [
    ({"gemeente": "Utrecht"}, "gemeente", "Onbekende gemeente 'Utrecht'; toegestaan: IJsselstein, Houten"),
    ({"ontvangstdatum": "31-02-2024"}, "ontvangstdatum", "Datum '31-02-2024' bestaat niet"),
    ({"ontvangstdatum": "gisteren"}, "ontvangstdatum", "Ongeldige datum 'gisteren'"),
    ({"ontvangstdatum": "2024-06-13"}, "ontvangstdatum", "Datum 2024-06-13 ligt in de toekomst (vandaag is 2024-06-12)"),
    ({"gemeente": ""}, "gemeente", "Verplichte waarde ontbreekt"),
    ({"kanaal": "postduif"}, "kanaal", "Onbekende kanaal 'postduif'"),
    ({"tekst": "   "}, "tekst", "Vul de tekst van de klacht in"),
    ({"categorie": "boosheid"}, "categorie", "Onbekende categorie 'boosheid'"),
    ({"klachtnummer": "T-001"}, "klachtnummer", "Klachtnummer T-001 staat al in het register"),
])
def test_a_bad_value_gets_a_message_at_its_field_and_nothing_is_stored(client, register_klein, velden, veld,
                                                                        melding):
    voor = _toestand(register_klein)
    antwoord = client.post("/nieuw", data={**_nieuw(**velden), "csrf": _csrf(client)})
    assert antwoord.status_code == 400
    assert "Er is niets opgeslagen" in antwoord.text
    foutblok = re.search(rf'<p class="veldfout" id="fout-{veld}">([^<]*)</p>', antwoord.text)
    assert foutblok and foutblok.group(1).startswith(melding.replace("'", "&#39;")), antwoord.text
    assert _toestand(register_klein) == voor
    if veld != "tekst":  # what was typed stays in the form
        assert "Mijn werkcoach schreeuwde tegen mij" in antwoord.text


def test_a_complaint_with_script_is_shown_as_text_everywhere(client):
    geweigerd = client.post("/nieuw", data={**_nieuw(tekst=f"Ik ben boos {SCRIPT}", klantnummer=SCRIPT),
                                            "csrf": _csrf(client)})
    assert geweigerd.status_code == 400 and 'id="fout-klantnummer"' in geweigerd.text
    antwoord = client.post("/nieuw", data={**_nieuw(tekst=f"Ik ben boos {SCRIPT}"), "csrf": _csrf(client)})
    assert antwoord.status_code == 303
    pagina_s = [
        geweigerd.text,
        client.post("/nieuw", data={"csrf": _csrf(client), "actie": "suggesties", "tekst": SCRIPT}).text,
        client.get(antwoord.headers["location"]).text,
        client.post("/register", data={"csrf": _csrf(client), "zoek": "boos"}, follow_redirects=True).text,
        client.post("/register", data={"csrf": _csrf(client), "zoek": SCRIPT}, follow_redirects=True).text,
    ]
    for pagina in pagina_s:
        assert "<script" not in pagina and "<img" not in pagina
        assert "&lt;script&gt;alert(&#34;oei&#34;)&lt;/script&gt;" in pagina


def test_marking_escapes_first_and_marks_word_pairs():
    tekst = "De <b>werkcoach</b> schreeuwt & lacht"
    posities = [(tekst.index(w), tekst.index(w) + len(w), vorm) for w, vorm in
                [("De", "de"), ("werkcoach", "werkcoach"), ("schreeuwt", "schreeuwen"), ("lacht", "lachen")]]
    html = markeer(tekst, posities, {"categorie": ["schreeuwen lachen"], "programmaonderdeel": ["werkcoach"]})
    assert str(html) == ('De &lt;b&gt;<mark class="woord-programmaonderdeel">werkcoach</mark>&lt;/b&gt; '
                         '<mark class="woord-categorie">schreeuwt</mark> &amp; '
                         '<mark class="woord-categorie">lacht</mark>')


# -- Te beoordelen ------------------------------------------------------------------------------


def test_the_queue_shows_progress_and_stores_a_decision_at_once(client, register_klein):
    pagina = client.get("/beoordelen").text
    assert "<strong>3 van 4</strong> klachten hebben bevestigde labels; nog" in pagina
    assert 'data-klachtnummer="T-004"' in pagina
    antwoord = client.post("/beoordelen", data={"csrf": _csrf(client), "klachtnummer": "T-004",
                                                "categorie": "informatie/nalatigheid",
                                                "programmaonderdeel": "Inkomen"})
    assert antwoord.status_code == 303
    pagina = client.get(antwoord.headers["location"]).text
    assert "Klacht T-004 bevestigd: informatie/nalatigheid, Inkomen." in pagina
    assert "Niets te beoordelen" in pagina
    with Register.open(register_klein) as register:
        rij = register.rij("T-004")
        assert register.audit("T-004")["bron"].iloc[-1] == "webapp beoordelen"
    assert (rij["categorie"], rij["labels_bevestigd"], rij["bevestigd_door"]) == (
        "informatie/nalatigheid", 1, "coördinator")


def test_the_queue_masks_personal_data_unless_asked(client, register_klein):
    with Register.open(register_klein) as register:
        register.importeer_klachten([{"klachtnummer": "P-1", "ontvangstdatum": "2024-06-01", "gemeente": "Lopik",
                                      "tekst": "Bel mij op 06-48213377, groet Johanna Bakker"}],
                                    door="test", bron="test")
    gemaskeerd = client.get("/beoordelen").text
    assert "06-48213377" not in gemaskeerd and "Johanna" not in gemaskeerd
    assert "[TELEFOON-1]" in gemaskeerd
    assert "06-48213377" in client.get("/beoordelen?persoonsgegevens=toon").text


def test_two_tabs_confirming_the_same_complaint_do_not_both_win(register_klein, klein_model):
    tab1, tab2 = _client(register_klein, klein_model), _client(register_klein, klein_model)
    for tab in (tab1, tab2):
        assert 'data-klachtnummer="T-004"' in tab.get("/beoordelen").text
    eerste = tab1.post("/beoordelen", data={"csrf": _csrf(tab1), "klachtnummer": "T-004",
                                            "categorie": "bejegening", "programmaonderdeel": "Inkomen"})
    tweede = tab2.post("/beoordelen", data={"csrf": _csrf(tab2), "klachtnummer": "T-004",
                                            "categorie": "afhandelingsduur", "programmaonderdeel": "SHV"})
    assert eerste.status_code == 303
    assert tweede.status_code == 409
    assert "Niet opgeslagen: klacht T-004 is intussen al bevestigd door coördinator" in tweede.text
    with Register.open(register_klein) as register:
        assert register.rij("T-004")["categorie"] == "bejegening"


def test_an_unknown_label_in_the_queue_is_refused(client, register_klein):
    client.get("/beoordelen")  # showing the queue stores the suggestions it shows
    voor = _toestand(register_klein)
    antwoord = client.post("/beoordelen", data={"csrf": _csrf(client), "klachtnummer": "T-004",
                                                "categorie": "boosheid", "programmaonderdeel": "Werk"})
    assert antwoord.status_code == 400
    assert "onbekende categorie &#39;boosheid&#39;" in antwoord.text
    assert _toestand(register_klein) == voor


# -- Register -----------------------------------------------------------------------------------


def _gevonden(pagina: str) -> list[str]:
    tabel = pagina.split('id="resultaten"')[1] if 'id="resultaten"' in pagina else ""
    return re.findall(r'<a href="/register/klacht/([^"]+)">', tabel)


@pytest.mark.parametrize(("filters", "verwacht"), [
    ({}, ["T-003", "T-004", "T-002", "T-001"]),
    ({"gemeente": "houten"}, ["T-003"]),
    ({"programmaonderdeel": "schuldhulpverlening"}, ["T-003"]),
    ({"categorie": "informatie/nalatigheid", "jaar": "2024"}, ["T-003", "T-004"]),
    ({"status": "open"}, ["T-004"]),
    ({"status": "afgehandeld", "gemeente": "IJsselstein"}, ["T-002"]),
    ({"status": "te beoordelen"}, ["T-004"]),
    ({"zoek": "ENERGIETOESLAG"}, ["T-002"]),
    ({"zoek": "123456"}, ["T-001"]),
    ({"jaar": "2023"}, []),
])
def test_search_and_filters(client, filters, verwacht):
    antwoord = client.post("/register", data={"csrf": _csrf(client), **filters}, follow_redirects=True)
    assert antwoord.status_code == 200
    assert _gevonden(antwoord.text) == verwacht


def test_unknown_filter_values_get_a_message(client):
    antwoord = client.post("/register", data={"csrf": _csrf(client), "gemeente": "Utrecht", "jaar": "24"})
    assert antwoord.status_code == 400
    assert "Onbekende gemeente &#39;Utrecht&#39;" in antwoord.text
    assert "&#39;24&#39; is geen jaartal" in antwoord.text


def test_detail_shows_the_fields_the_deadline_and_the_audit_trail(client, register_klein, klein_model):
    pagina = client.get("/register/klacht/T-002").text
    assert "De energietoeslag is nog steeds niet uitbetaald" in pagina
    assert "<strong>2024-06-14</strong>" in pagina  # 5 April + 10 weeks (extended)
    audit = pagina.split('id="audit"')[1]
    with Register.open(register_klein) as register:
        assert audit.count("<tr>") == 1 + len(register.audit("T-002"))  # the header, then each line
    assert "import klachten.csv" in audit
    assert "Open:" not in client.get("/register/klacht/T-004").text  # not yet received on VANDAAG
    in_december = _client(register_klein, klein_model, vandaag=lambda: date(2024, 12, 2))
    open_klacht = in_december.get("/register/klacht/T-004").text  # received 2 Nov 2024, due Monday 16 Dec
    assert "Open: op tijd (nog 14 dagen)." in open_klacht


def test_termijnbewaking_page_marks_late_and_soon(register_pad, klein_model):
    with Register.open(register_pad) as register:
        register.importeer_klachten([
            {"klachtnummer": n, "ontvangstdatum": d, "gemeente": "Lopik", "verlenging": v}
            for n, d, v in [("A", "2024-04-30", 0), ("B", "2024-05-01", 0), ("C", "2024-05-08", 0),
                            ("D", "2024-05-09", 0), ("E", "2024-04-03", 1)]
        ], door="test", bron="test")
    pagina = _client(register_pad, klein_model).get("/register/termijnen").text
    rijen = {n: s for s, n in re.findall(r'<tr class="stand-([a-z-]+)" data-klachtnummer="([A-E])">', pagina)}
    assert rijen == {"A": "te-laat", "B": "binnen-een-week", "C": "binnen-een-week", "D": "op-tijd",
                     "E": "binnen-een-week"}
    assert "5 open klachten:" in pagina and "1 te laat" in pagina and "3 binnen een week" in pagina
    assert "1 dag te laat" in pagina and "vandaag de laatste dag" in pagina and "nog 8 dagen" in pagina


# -- Jaarverslag --------------------------------------------------------------------------------


def test_annual_tables_of_the_demo_register_show_the_published_numbers(demo_register, klein_model):
    pagina = _client(demo_register, klein_model).get("/jaarverslag/2024").text
    eerste = pagina.split('data-tabel="1"')[1].split("</table>")[0]
    rijen = {re.search(r'<th scope="row">([^<]*)</th>', rij).group(1): re.findall(r"<td>(\d+)</td>", rij)
             for rij in re.findall(r"<tr[^>]*>(.*?)</tr>", eerste, re.S) if 'scope="row"' in rij}
    assert rijen["Werk"] == ["18", "2", "0", "20"]
    assert rijen["Totaal"][-1] == "47"
    assert pagina.count("<svg") == 5
    assert "Klachten zonder klantnummer (2024)" in pagina
    assert 'href="/jaarverslag/2021"' in pagina  # the years of the register can be chosen


def test_downloads(demo_register, klein_model):
    client = _client(demo_register, klein_model)
    xlsx = client.get("/jaarverslag/2024/download/xlsx")
    assert xlsx.headers["content-disposition"] == 'attachment; filename="jaarverslag-klachten-2024.xlsx"'
    boek = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    blad = boek[boek.sheetnames[0]]
    rijen = {rij[0]: rij[1:] for rij in blad.iter_rows(values_only=True)}
    assert rijen["Werk"] == (18, 2, 0, 20)
    assert rijen["Totaal"][-1] == 47
    markdown = client.get("/jaarverslag/2024/download/md")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Jaarverslag klachten 2024")
    assert "| Werk | 18 | 2 | 0 | 20 |" in markdown.text
    html = client.get("/jaarverslag/2024/download/html")
    assert html.text.count("<svg") == 5
    assert html.headers["content-disposition"].startswith("attachment")


def test_unconfirmed_complaints_are_reported_as_left_out(client):
    pagina = client.get("/jaarverslag/2024").text
    assert "Niet meegeteld" in pagina
    assert "1 klachten: labels niet bevestigd (alleen een suggestie)" in pagina


# -- Model --------------------------------------------------------------------------------------


def test_model_page_shows_card_scores_and_live_accuracy(client, klein_model):
    pagina = client.get("/model").text
    assert f"Modelkaart {klein_model.kaart['model']} {klein_model.versie}" in pagina
    gekozen = klein_model.kaart["doelen"]["categorie"]["hyperparameters"]["classificator"]
    assert f"<dt>Methode categorie</dt><dd>{METHODEN[gekozen]}, C=" in pagina
    assert "Nog geen bevestigde klachten met een suggestie." in pagina


# -- security: hosts, log ----------------------------------------------------------------------


def test_only_loopback_host_names_without_login(register_klein, klein_model):
    app = maak_app(register_klein, klein_model)
    assert TestClient(app, base_url="http://localhost").get("/nieuw").status_code == 200
    assert TestClient(app, base_url="http://aanvaller.example").get("/nieuw").status_code == 400


def test_access_log_has_method_path_and_status_only():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, '%s - "%s %s HTTP/%s" %d',
                               ("192.168.1.9:50000", "POST", "/register?zoek=Jansen", "1.1", 200), None)
    regel = Toegangsformaat().format(record)
    assert regel.endswith("INFO POST /register 200")
    assert "Jansen" not in regel and "192.168" not in regel
    vreemd = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1, "%s", ("mevrouw Jansen",), None)
    assert "Jansen" not in Toegangsformaat().format(vreemd)
    assert server.logconfiguratie()["formatters"]["access"]["()"].endswith("server.Toegangsformaat")


# -- the web command ----------------------------------------------------------------------------


@pytest.fixture
def web_app():
    app = NederlandseApp(help="Test.")
    app.command("web")(commando.web)
    app.command("andere")(lambda: None)  # two commands, so that the name is needed
    return app


def test_web_command_refuses_the_old_token_and_a_server_without_accounts(web_app, register_pad, klein_modelpad,
                                                                        monkeypatch):
    gestart = []
    monkeypatch.setattr(server, "draai", lambda app, **kw: gestart.append(kw))
    uitvoer = CliRunner().invoke(web_app, ["web", "--host", "0.0.0.0", "--register", str(register_pad),
                                           "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 1
    assert "geen account om mee in te loggen" in uitvoer.output
    assert f"klachten gebruiker toevoegen NAAM --register {register_pad}" in uitvoer.output.replace("\n", "")
    assert not register_pad.exists()  # no empty register left behind: adding an account makes it
    uitvoer = CliRunner().invoke(web_app, ["web", "--token", "een-lang-geheim-token", "--register",
                                           str(register_pad), "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 2 and "--token bestaat niet meer" in uitvoer.output
    assert not gestart


def test_web_command_starts_the_server(web_app, register_pad, klein_modelpad, monkeypatch):
    gestart = []
    monkeypatch.setattr(server, "draai", lambda app, **kw: gestart.append((app, kw)))
    uitvoer = CliRunner().invoke(web_app, ["web", "--register", str(register_pad), "--model", str(klein_modelpad),
                                           "--poort", "8123"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Webapp op http://127.0.0.1:8123" in uitvoer.output
    assert f"nieuw register aangemaakt: {register_pad}" in uitvoer.output
    [(app, opties)] = gestart
    assert opties == {"host": "127.0.0.1", "poort": 8123}
    assert app.state.instellingen.met_inloggen is False
    with Register.open(register_pad) as register:
        voeg_gebruiker_toe(register, "anna", "een-lang-wachtwoord")
    uitvoer = CliRunner().invoke(web_app, ["web", "--host", "0.0.0.0", "--register", str(register_pad),
                                           "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "nieuw register aangemaakt" not in uitvoer.output  # it exists now
    assert "Inloggen met een account is verplicht" in uitvoer.output
    assert gestart[-1][0].state.instellingen.met_inloggen is True
    uitvoer = CliRunner().invoke(web_app, ["web", "--achter-proxy", "--register", str(register_pad),
                                           "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Achter de reverse proxy op 127.0.0.1" in uitvoer.output
    assert gestart[-1][0].state.instellingen.met_inloggen is True  # on 127.0.0.1, but reached through the proxy


def test_web_command_reports_a_missing_model_in_dutch(web_app, register_pad, tmp_path, monkeypatch):
    monkeypatch.setattr(server, "draai", lambda app, **kw: None)
    uitvoer = CliRunner().invoke(web_app, ["web", "--register", str(register_pad), "--model",
                                           str(tmp_path / "geen.skops")])
    assert uitvoer.exit_code == 1
    assert "niet gevonden" in uitvoer.output


def test_web_command_help(web_app):
    uitvoer = CliRunner().invoke(web_app, ["web", "--help"], terminal_width=120)
    assert uitvoer.exit_code == 0
    assert "Gebruik:" in uitvoer.output and "Voorbeeld:" in uitvoer.output and "--achter-proxy" in uitvoer.output
    assert "--token" not in uitvoer.output  # gone, only refused with an explanation
