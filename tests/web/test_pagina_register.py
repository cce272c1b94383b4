"""The register pages: a search that survives Back, pages, sorting, export, readable field names."""

import csv
import io
import re

import openpyxl

from klachtclassificatie.register import Register, laad_klachten

from .conftest import _client, _csrf


def _nummers(pagina: str) -> list[str]:
    tabel = pagina.split('id="resultaten"')[1] if 'id="resultaten"' in pagina else ""
    return re.findall(r'<a href="/register/klacht/([^"]+)">', tabel)


def _zoek(client, **filters) -> str:
    """Post a search; returns the address it redirects to."""
    antwoord = client.post("/register", data={"csrf": _csrf(client), **filters})
    assert antwoord.status_code == 303, antwoord.text
    return antwoord.headers["location"]


def test_a_search_redirects_to_a_page_whose_url_has_no_search_term(client):
    adres = _zoek(client, zoek="energietoeslag", gemeente="IJsselstein")
    assert re.fullmatch(r"/register\?zoekopdracht=[\w-]{16}", adres)
    assert "energie" not in adres.lower() and "ijsselstein" not in adres.lower()
    pagina = client.get(adres).text  # what Back and reload do: a GET, no form posted again
    assert _nummers(pagina) == ["T-002"]
    assert 'value="energietoeslag"' in pagina  # the form still shows the search
    assert client.get(adres).text.count("T-002") == pagina.count("T-002")


def test_another_session_cannot_open_a_search(client, register_klein, klein_model):
    adres = _zoek(client, zoek="energietoeslag")
    ander = _client(register_klein, klein_model)
    pagina = ander.get(adres).text
    assert "Deze zoekopdracht is niet meer bekend" in pagina
    assert 'value="energietoeslag"' not in pagina
    assert len(_nummers(pagina)) == 4  # the whole register, not the other session's result


def test_a_bad_filter_is_shown_at_once_without_redirect(client):
    antwoord = client.post("/register", data={"csrf": _csrf(client), "jaar": "24"})
    assert antwoord.status_code == 400
    assert "&#39;24&#39; is geen jaartal" in antwoord.text


def test_the_list_has_pages_of_fifty(demo_register, klein_model):
    client = _client(demo_register, klein_model)
    eerste = client.get("/register").text
    assert len(_nummers(eerste)) == 50
    assert "173 van 173 klachten; hieronder 1 tot en met 50." in eerste
    assert 'href="/register?pagina=2" rel="next">Volgende</a>' in eerste
    vierde = client.get("/register?pagina=4").text
    assert len(_nummers(vierde)) == 23 and "pagina 4 van 4" in vierde
    assert _nummers(client.get("/register?pagina=99").text) == _nummers(vierde)  # past the end: the last page
    assert _nummers(client.get("/register?pagina=nul").text) == _nummers(eerste)
    alle = [n for p in range(1, 5) for n in _nummers(client.get(f"/register?pagina={p}").text)]
    assert len(set(alle)) == 173


def test_paging_keeps_the_search_and_the_order(demo_register, klein_model):
    client = _client(demo_register, klein_model)
    adres = _zoek(client, gemeente="Nieuwegein", sorteer="klachtnummer", richting="op")
    verwacht = sorted(laad_klachten(demo_register).query("gemeente == 'Nieuwegein'")["klachtnummer"],
                      key=str.casefold)
    assert len(verwacht) > 50
    eerste = client.get(adres).text
    volgende = re.search(r'href="([^"]+)" rel="next"', eerste).group(1).replace("&amp;", "&")
    assert "sorteer=klachtnummer" in volgende and "pagina=2" in volgende
    assert _nummers(eerste) + _nummers(client.get(volgende).text) == verwacht[:100]


def test_sorting_by_a_column_header(client):
    pagina = client.get("/register?sorteer=gemeente&richting=op").text
    assert _nummers(pagina) == ["T-003", "T-002", "T-004", "T-001"]  # Houten, IJsselstein, Lopik, Nieuwegein
    assert re.search(r'<th scope="col" aria-sort="ascending"><a href="[^"]*sorteer=gemeente&amp;richting=af"',
                     pagina)
    assert _nummers(client.get("/register?sorteer=gemeente&richting=af").text) == ["T-001", "T-004", "T-002",
                                                                                    "T-003"]
    assert _nummers(client.get("/register?sorteer=tekst").text) == ["T-003", "T-004", "T-002", "T-001"]


def test_export_the_filtered_list_as_csv_and_xlsx(client, register_klein, tmp_path):
    with Register.open(register_klein) as register:
        register.importeer_klachten([{"klachtnummer": "T-005", "ontvangstdatum": "2024-05-02", "gemeente": "Lopik",
                                      "samenvatting": "=HYPERLINK(\"http://x\")", "tekst": "Formule"}],
                                    door="test", bron="test")
    adres = _zoek(client, gemeente="Lopik", sorteer="klachtnummer", richting="af")
    pagina = client.get(adres).text
    csv_adres = re.search(r'href="([^"]+)" download id="export-csv"', pagina).group(1).replace("&amp;", "&")
    assert csv_adres.startswith("/register/export/csv?zoekopdracht=")
    antwoord = client.get(csv_adres)
    assert antwoord.headers["content-disposition"] == 'attachment; filename="klachten-2024-06-12.csv"'
    rijen = list(csv.DictReader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert [r["klachtnummer"] for r in rijen] == ["T-005", "T-004"]
    assert rijen[0]["samenvatting"] == "'=HYPERLINK(\"http://x\")"  # a spreadsheet will not run it

    xlsx = client.get(csv_adres.replace("/export/csv", "/export/xlsx"))
    blad = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    kop, *waarden = blad.iter_rows(values_only=True)
    assert [r[kop.index("klachtnummer")] for r in waarden] == ["T-005", "T-004"]
    cel = blad.cell(row=2, column=kop.index("samenvatting") + 1)
    assert cel.data_type == "s" and cel.value == "=HYPERLINK(\"http://x\")"  # text, not a formula
    bestand = tmp_path / "terug.xlsx"
    bestand.write_bytes(xlsx.content)
    assert list(laad_klachten(bestand)["klachtnummer"]) == ["T-005", "T-004"]  # importeer reads it back


def test_export_of_an_unknown_search_or_format_is_refused(client):
    assert client.get("/register/export/pdf").status_code == 404
    antwoord = client.get("/register/export/csv?zoekopdracht=verzonnen")
    assert antwoord.status_code == 404 and "zoek opnieuw" in antwoord.text
    alles = client.get("/register/export/csv")  # no search: the whole register
    assert alles.content.decode("utf-8-sig").count("\nT-00") == 4


def test_the_complaint_page_shows_dutch_field_labels_and_ja_nee(client, register_klein):
    with Register.open(register_klein) as register:
        register.bevestig("T-004", {"categorie": "bejegening", "programmaonderdeel": "Werk"}, door="coördinator",
                          bron="test")
    pagina = client.get("/register/klacht/T-004").text
    gegevens = pagina.split('id="gegevens"')[1].split("</table>")[0]
    assert '<th scope="row">opschorting (dagen)</th><td>0</td>' in gegevens
    assert '<th scope="row">labels bevestigd</th><td>ja</td>' in gegevens
    assert '<th scope="row">herkomst categorie</th><td>bevestigd</td>' in gegevens
    audit = pagina.split('id="audit"')[1]
    assert "<td>labels bevestigd</td><td class=\"waarde\">nee</td><td class=\"waarde\">ja</td>" in audit
    assert "_" not in "".join(re.findall(r'<td class="datum">[^<]*</td><td>([^<]*)</td>', audit))
