import re
import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from klachtclassificatie.fouten import BestandError, RegisterError
from klachtclassificatie.register import Register, exporteer, importeer, laad_klachten


def test_import_stores_every_complaint_and_audits_it(klachten_csv, register_pad):
    resultaat = importeer(register_pad, klachten_csv, door="coördinator")
    assert sorted(resultaat.nieuw) == ["T-001", "T-002", "T-003", "T-004"]
    with Register.open(register_pad) as register:
        klachten = register.klachten().set_index("klachtnummer")
        audit = register.audit("T-002")
    assert klachten.loc["T-002", "categorie"] == "afhandelingsduur"
    assert klachten.loc["T-002", "verlenging"] == 1
    assert klachten.loc["T-003", "opschorting_dagen"] == 7
    assert set(audit["door"]) == {"coördinator"}
    assert audit["oude_waarde"].isna().all()
    assert "categorie" in set(audit["veld"])


def test_reimport_is_idempotent(klachten_csv, register_pad):
    importeer(register_pad, klachten_csv, door="a")
    with Register.open(register_pad) as register:
        audit_voor = len(register.audit())
    tweede = importeer(register_pad, klachten_csv, door="a")
    assert tweede.nieuw == [] and tweede.gewijzigd == []
    assert len(tweede.ongewijzigd) == 4
    with Register.open(register_pad) as register:
        assert len(register.audit()) == audit_voor


def test_changed_row_updates_and_is_audited(klachten_csv, register_pad, tmp_path):
    importeer(register_pad, klachten_csv, door="a")
    gewijzigd = tmp_path / "gewijzigd.csv"
    gewijzigd.write_text(
        klachten_csv.read_text(encoding="utf-8").replace(
            "Werk,bejegening,informeel", "Werk,informatie/nalatigheid,informeel"
        ),
        encoding="utf-8",
    )
    resultaat = importeer(register_pad, gewijzigd, door="b")
    assert resultaat.gewijzigd == ["T-001"]
    with Register.open(register_pad) as register:
        laatste = register.audit("T-001").iloc[-1]
    assert (laatste.veld, laatste.oude_waarde, laatste.nieuwe_waarde, laatste.door) == (
        "categorie",
        "bejegening",
        "informatie/nalatigheid",
        "b",
    )
    assert laatste.bron == "import gewijzigd.csv"


def test_rejected_import_leaves_the_register_byte_for_byte_unchanged(
    klachten_csv, register_pad, tmp_path
):
    importeer(register_pad, klachten_csv, door="a")
    voor = register_pad.read_bytes()
    slecht = tmp_path / "slecht.csv"
    slecht.write_text(
        klachten_csv.read_text(encoding="utf-8")
        + "T-005,2024-01-01,Houten,,,tekst,Werk,onbekend,,,,,,,,\n",
        encoding="utf-8",
    )
    with pytest.raises(BestandError, match="rij 6, kolom 'categorie'"):
        importeer(register_pad, slecht, door="a")
    assert register_pad.read_bytes() == voor


def test_rejected_import_does_not_create_a_register(tmp_path):
    slecht = tmp_path / "slecht.csv"
    slecht.write_text("klachtnummer,gemeente\nA,Houten\n", encoding="utf-8")
    with pytest.raises(BestandError):
        importeer(tmp_path / "nieuw.sqlite", slecht, door="a")
    assert not (tmp_path / "nieuw.sqlite").exists()


@pytest.mark.parametrize("extensie", [".csv", ".xlsx"])
def test_export_imports_back_without_changes(klachten_csv, register_pad, tmp_path, extensie):
    importeer(register_pad, klachten_csv, door="a")
    export = tmp_path / f"export{extensie}"
    exporteer(laad_klachten(register_pad), export)
    resultaat = importeer(register_pad, export, door="a")
    assert resultaat.gewijzigd == [] and len(resultaat.ongewijzigd) == 4
    assert laad_klachten(export).equals(laad_klachten(register_pad))


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    nep = tmp_path / "register.sqlite"
    nep.write_text("geen database")
    with pytest.raises(RegisterError, match="geen registerdatabase"), Register.open(nep):
        pass


def test_a_newer_schema_is_refused(register_pad):
    with Register.open(register_pad):
        pass
    with sqlite3.connect(register_pad) as verbinding:
        verbinding.execute("PRAGMA user_version = 99")
    with pytest.raises(RegisterError, match="nieuwere versie"), Register.open(register_pad):
        pass


NIEUW = {"ontvangstdatum": "2025-02-03", "gemeente": "Houten", "kanaal": "e-mail", "tekst": "Niemand belt terug."}
LABELS = {"categorie": "informatie/nalatigheid", "programmaonderdeel": "Bedrijfsvoering"}
GETOOND = {doel: {"label": label, "kans": 0.8, "tweede": None, "kans_tweede": 0.1, "zeker": True}
           for doel, label in LABELS.items()}


def test_a_new_complaint_gets_the_next_number_of_its_year(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="a")
    with Register.open(register_pad) as register:
        eerste = register.registreer_nieuwe_klacht(dict(NIEUW), LABELS, door="b", bron="test",
                                                   suggestie=GETOOND, model_versie="m1")
        tweede = register.registreer_nieuwe_klacht(dict(NIEUW), LABELS, door="b", bron="test")
        rij = register.rij(eerste)
        suggesties = register.suggesties()
    assert (eerste, tweede) == ("K2025-001", "K2025-002")
    assert rij["labels_bevestigd"] == 1 and rij["categorie_bron"] == "bevestigd"
    assert list(suggesties["klachtnummer"]) == ["K2025-001", "K2025-001"]


def test_an_existing_number_is_refused_and_nothing_is_stored(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="a")
    with Register.open(register_pad) as register:
        voor = (len(register.klachten()), len(register.audit()))
        with pytest.raises(RegisterError, match="T-001 staat al in het register"):
            register.registreer_nieuwe_klacht({**NIEUW, "klachtnummer": "T-001"}, LABELS, door="b",
                                              bron="test")
        assert (len(register.klachten()), len(register.audit())) == voor


def test_a_failure_halfway_leaves_no_half_complaint(register_pad):
    with Register.open(register_pad) as register:
        with pytest.raises(KeyError):  # a suggestion without programmaonderdeel fails after the insert
            register.registreer_nieuwe_klacht(dict(NIEUW), LABELS, door="b", bron="test",
                                              suggestie={"categorie": GETOOND["categorie"]})
        assert register.aantal() == 0 and register.audit().empty


def test_an_existing_number_in_another_case_is_refused(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="a")
    with Register.open(register_pad) as register:
        with pytest.raises(RegisterError, match=r"t-001 staat al in het register \(als T-001\)"):
            register.registreer_nieuwe_klacht({**NIEUW, "klachtnummer": " t-001\u200b"}, LABELS, door="b",
                                              bron="test")
        with pytest.raises(RegisterError, match="ongeldig klachtnummer 'abc def'"):
            register.registreer_nieuwe_klacht({**NIEUW, "klachtnummer": "abc def"}, LABELS, door="b",
                                              bron="test")
        assert register.aantal() == 4


def test_a_form_key_used_again_returns_the_first_complaint_and_stores_nothing(register_pad):
    with Register.open(register_pad) as register:
        eerste = register.registreer_nieuwe_klacht(dict(NIEUW), LABELS, door="b", bron="test",
                                                   formuliersleutel="abc")
        voor = len(register.audit())
        tweede = register.registreer_nieuwe_klacht({**NIEUW, "klachtnummer": "K-ANDER"}, LABELS, door="b",
                                                   bron="test", formuliersleutel="abc")
        derde = register.registreer_nieuwe_klacht(dict(NIEUW), LABELS, door="b", bron="test",
                                                  formuliersleutel="def")
        assert (eerste, tweede, derde) == ("K2025-001", "K2025-001", "K2025-002")
        assert register.aantal() == 2 and register.klacht_bij_formulier("abc") == "K2025-001"
        assert len(register.audit()) > voor  # only the third stored anything


@pytest.mark.parametrize(("bron", "hoe"), [("import labels.csv", "import"), ("beoordeel", "cli")])
def test_labels_confirmed_since_the_page_showed_them_are_not_overwritten(register_pad, klachten_csv, tmp_path,
                                                                         bron, hoe):
    importeer(register_pad, klachten_csv, door="a")
    with Register.open(register_pad) as register:
        getoond = register.auditstand("T-004")
        register.zet_suggesties([], model_versie="m", door="a")  # nothing about labels: no audit line
        if hoe == "import":
            register.importeer_klachten([{"klachtnummer": "T-004", "categorie": "bejegening",
                                          "labels_bevestigd": 1}], door="importeur", bron=bron)
        else:
            register.bevestig("T-004", {"categorie": "bejegening", "programmaonderdeel": "Werk"}, door="cli",
                              bron=bron)
        voor = register.rij("T-004")
        with pytest.raises(RegisterError, match=rf"klacht T-004 is intussen al bevestigd door \w+ op "
                                                rf"\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d \(via {bron}\)"):
            register.bevestig("T-004", LABELS, door="web", bron="test", getoond=getoond)
        assert register.rij("T-004") == voor
        # a page that showed the confirmed labels may correct them
        register.bevestig("T-004", LABELS, door="web", bron="test", getoond=register.auditstand("T-004"))
        assert register.rij("T-004")["categorie"] == LABELS["categorie"]


def test_a_reimport_in_another_case_updates_the_same_complaint(register_pad, tmp_path):
    eerst, daarna = tmp_path / "eerst.csv", tmp_path / "daarna.csv"
    eerst.write_text("klachtnummer,ontvangstdatum,gemeente\nK2025-D01,2025-01-06,Houten\n", encoding="utf-8")
    daarna.write_text("klachtnummer,ontvangstdatum,gemeente\nk2025-d01\u200b,2025-01-06,Lopik\n",
                      encoding="utf-8")
    importeer(register_pad, eerst, door="a")
    resultaat = importeer(register_pad, daarna, door="a")
    assert (resultaat.nieuw, resultaat.gewijzigd) == ([], ["K2025-D01"])
    klachten = laad_klachten(register_pad)
    assert list(klachten["klachtnummer"]) == ["K2025-D01"] and list(klachten["gemeente"]) == ["Lopik"]


def test_import_refuses_dates_after_the_given_today(register_pad, klachten_csv):
    with pytest.raises(BestandError, match="rij 4, kolom 'afhandeldatum': datum 2025-01-14 ligt in de toekomst"):
        importeer(register_pad, klachten_csv, door="a", vandaag=date(2025, 1, 1))
    assert not register_pad.exists()


def test_a_missing_register_is_created_only_when_asked(register_pad):
    with pytest.raises(RegisterError, match=f"register {register_pad} niet gevonden"), \
            Register.open(register_pad, aanmaken=False):
        pass
    assert not register_pad.exists()
    with pytest.raises(RegisterError, match=f"register {register_pad} niet gevonden"):
        laad_klachten(register_pad)


def test_a_folder_is_not_a_register(tmp_path):
    with pytest.raises(RegisterError, match=f"{tmp_path} is een map, geen registerbestand"), \
            Register.open(tmp_path):
        pass


def test_a_locked_register_is_waited_for_and_then_reported(register_pad, klachten_csv):
    importeer(register_pad, klachten_csv, door="a")
    voor = register_pad.read_bytes()
    ander = sqlite3.connect(register_pad)
    ander.execute("BEGIN EXCLUSIVE")  # another process is writing
    try:
        with pytest.raises(RegisterError, match=f"register {register_pad} is bezet.*0.2 seconden"), \
                Register.open(register_pad, wachttijd=0.2) as register:
            register.bevestig("T-004", LABELS, door="b", bron="test")
    finally:
        ander.rollback()
        ander.close()
    assert register_pad.read_bytes() == voor


# --- formulas and odd values: export then import changes nothing

FORMULES = ["=SOM(A1:A3)", "+31 6 12345678", "-5", "@gemeente", "  =1+1", "'=al beschermd",
            "'s-Hertogenbosch", "regel\x0bnieuw", "nul\x00teken", "a\r\nb", "0123"]


def _formulecellen(pad) -> list[str]:
    import openpyxl

    boek = openpyxl.load_workbook(pad)
    return [c.coordinate for blad in boek for rij in blad.iter_rows() for c in rij if c.data_type == "f"]


@pytest.mark.parametrize("extensie", [".csv", ".xlsx"])
def test_formula_values_are_neutralised_in_the_export_and_read_back_unchanged(tmp_path, register_pad, extensie):
    bron = tmp_path / "bron.csv"
    bron.write_text("klachtnummer;ontvangstdatum;gemeente;behandelaar;tekst;samenvatting\n" + "".join(
        f'K{i};2025-01-0{1 + i % 9};Houten;"{w}";"{w}";"x{w}"\n' for i, w in enumerate(FORMULES)),
        encoding="utf-8")
    importeer(register_pad, bron, door="a")
    voor = laad_klachten(register_pad)
    # what the register holds: control characters cleaned, cells stripped, protection undone
    assert list(voor.set_index("klachtnummer").loc[["K0", "K4", "K5", "K7", "K8", "K9"], "tekst"]) == [
        "=SOM(A1:A3)", "=1+1", "=al beschermd", "regel\nnieuw", "nulteken", "a\nb"]
    export = tmp_path / f"export{extensie}"
    exporteer(voor, export)
    if extensie == ".xlsx":
        assert _formulecellen(export) == []
    else:
        tekst = export.read_text(encoding="utf-8-sig")
        assert ";'=SOM(A1:A3);" in tekst and ";'-5;" in tekst and ";'s-Hertogenbosch;" in tekst
    resultaat = importeer(register_pad, export, door="a")
    assert resultaat.nieuw == [] and resultaat.gewijzigd == []
    assert laad_klachten(register_pad).equals(voor)


def test_the_woo_export_holds_no_formulas(tmp_path, register_pad):
    from klachtclassificatie.register import schrijf_tabel, woo_frame

    bron = tmp_path / "bron.csv"
    bron.write_text("klachtnummer,ontvangstdatum,gemeente,tekst\nK1,2025-01-02,Houten,=HYPERLINK(\"x\")\n",
                    encoding="utf-8")
    importeer(register_pad, bron, door="a")
    woo = woo_frame(laad_klachten(register_pad))
    schrijf_tabel(woo, tmp_path / "woo.xlsx")
    schrijf_tabel(woo, tmp_path / "woo.csv")
    assert _formulecellen(tmp_path / "woo.xlsx") == []
    assert ';"\'=HYPERLINK' in (tmp_path / "woo.csv").read_text(encoding="utf-8-sig")


#: Odd values for the property test: formulas, quotes, delimiters, line breaks, control
#: characters, accents and what Windows-1252 holds beyond Latin-1 (€, curly quotes).
_ALFABET = "aK09 éëÉ€’\"';,=+-@\n\t\r\x00\x0b\x1f"
_WAARDEN = st.one_of(st.text(alphabet=_ALFABET, max_size=10), st.sampled_from(FORMULES))


def _zoals_gelezen(waarde: str) -> str:
    """The documented reading rule, written out independently of the library."""
    waarde = re.sub(r"\r\n?|[\x0b\x0c]", "\n", waarde)
    waarde = re.sub(r"[\x00-\x08\x0e-\x1f]", "", waarde).strip()
    return waarde[1:].strip() if re.match(r"'+\s*[=+\-@]", waarde) else waarde


@st.composite
def _registerbestanden(draw):
    rijen = [[f"K2025-{i:03d}", f"2025-03-{i + 1:02d}", draw(st.sampled_from(["Houten", "Lopik"])),
              draw(_WAARDEN), draw(_WAARDEN), draw(_WAARDEN)] for i in range(draw(st.integers(1, 3)))]
    return rijen, draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"])), draw(st.sampled_from(",;"))


@given(_registerbestanden())
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_generated_register_file_imports_identically_or_is_refused_in_dutch(bestand):
    import csv
    import io
    import tempfile
    from pathlib import Path

    rijen, codering, scheiding = bestand
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=scheiding)
    schrijver.writerow(["klachtnummer", "ontvangstdatum", "gemeente", "behandelaar", "tekst", "samenvatting"])
    schrijver.writerows(rijen)
    ruw = buffer.getvalue().encode(codering)
    if codering == "cp1252" and not ruw.isascii():  # bytes that are also valid UTF-8 are ambiguous
        try:
            ruw.decode("utf-8")
            assume(False)
        except UnicodeDecodeError:
            pass
    with tempfile.TemporaryDirectory() as map_:
        map_ = Path(map_)
        register = map_ / "register.sqlite"
        importeer(register, _vaste_klacht(map_), door="a")
        voor = register.read_bytes()
        pad = map_ / "klachten.csv"
        pad.write_bytes(ruw)
        try:
            importeer(register, pad, door="a")
        except BestandError as fout:
            # only a Windows-1252 file can be refused (for UTF-8 mojibake in it), in Dutch
            assert codering == "cp1252", str(fout)
            assert "UTF-8" in str(fout) and not re.search(r"codec|can't|invalid|Error", str(fout))
            assert register.read_bytes() == voor
            return
        geladen = laad_klachten(register).set_index("klachtnummer")
        for rij in rijen:
            assert [geladen.loc[rij[0], k] for k in ("behandelaar", "tekst", "samenvatting")] == [
                _zoals_gelezen(w) for w in rij[3:]]
        klachten = laad_klachten(register)
        for naam, teken in (("export.csv", ";"), ("export-komma.csv", ","), ("export.xlsx", ";")):
            exporteer(klachten, map_ / naam, scheidingsteken=teken)
            resultaat = importeer(register, map_ / naam, door="a")
            assert resultaat.nieuw == [] and resultaat.gewijzigd == [], naam
            assert laad_klachten(register).equals(klachten), naam
        assert _formulecellen(map_ / "export.xlsx") == []
        with (map_ / "export.csv").open(encoding="utf-8-sig", newline="") as export:
            cellen = [cel for rij in csv.reader(export, delimiter=";") for cel in rij]
        assert not [cel for cel in cellen if re.match(r"\s*[=+\-@]", cel)]  # nothing a spreadsheet runs


def _vaste_klacht(map_):
    pad = map_ / "vast.csv"
    pad.write_text("klachtnummer,ontvangstdatum,gemeente\nV1,2024-01-02,Houten\n", encoding="utf-8")
    return pad
