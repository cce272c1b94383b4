"""The review loop: suggestions, confirming in the terminal and in Excel, and what counts afterwards."""

import json
import sqlite3

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from klachtclassificatie import cli
from klachtclassificatie.cli import app
from klachtclassificatie.register import Register

from .conftest import PROJECTMAP

runner = CliRunner()
DEMO = PROJECTMAP / "data" / "demo" / "register-demo.csv"


@pytest.fixture
def historisch_register(tmp_path, klein_modelpad):
    """The demo complaints of 2021 without labels, imported and labelled in batch by the model."""
    demo = pd.read_csv(DEMO, dtype=str, keep_default_na=False)
    oud = demo[demo["ontvangstdatum"].str.startswith("2021")].drop(
        columns=["categorie", "programmaonderdeel", "labels_bevestigd"])
    bron = tmp_path / "historisch.csv"
    oud.to_csv(bron, index=False)
    pad = tmp_path / "register.sqlite"
    assert runner.invoke(app, ["register", "importeer", str(bron), "--register", str(pad)]).exit_code == 0
    uitvoer = runner.invoke(app, ["label", "--register", str(pad), "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    return pad


def _klachten(pad):
    with Register.open(pad) as register:
        return register.klachten().set_index("klachtnummer"), register.herkomst().set_index("klachtnummer")


def _beoordeel(pad, modelpad, invoer, *extra):
    return runner.invoke(app, ["beoordeel", "--register", str(pad), "--model", str(modelpad),
                               "--door", "coördinator", *extra], input=invoer)


def test_scripted_session_counts_exactly_the_confirmed(historisch_register, klein_modelpad, tmp_path):
    pad = historisch_register
    klachten, herkomst = _klachten(pad)
    assert (klachten["labels_bevestigd"] == 0).all()
    assert (herkomst["categorie_bron"] == "suggestie").all()

    # terminal: accept the first, correct the second, skip the third, stop
    uitvoer = _beoordeel(pad, klein_modelpad, "\n\n2\n5\no\ns\n", "--volgorde", "oudste")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.output.count("Opgeslagen") == 2
    klachten, herkomst = _klachten(pad)
    eerste, tweede = "K2021-001", "K2021-002"
    assert klachten.loc[tweede, "categorie"] == "informatie/nalatigheid"
    assert klachten.loc[tweede, "programmaonderdeel"] == "Bedrijfsvoering"
    assert herkomst.loc[eerste, "categorie_bron"] == "bevestigd"
    assert herkomst.loc[eerste, "bevestigd_door"] == "coördinator"
    assert klachten.loc["K2021-003", "labels_bevestigd"] == 0  # skipped

    # Excel: export the rest, fill in two rows, leave the others empty
    lijst = tmp_path / "beoordelen.xlsx"
    uitvoer = runner.invoke(app, ["register", "exporteer", str(lijst), "--te-beoordelen",
                                  "--register", str(pad), "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    boek = openpyxl.load_workbook(lijst)
    blad = boek.active
    kop = [c.value for c in blad[1]]
    assert blad.max_row - 1 == 32
    keuzelijsten = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in blad.data_validations.dataValidation}
    kolom_categorie = openpyxl.utils.get_column_letter(kop.index("categorie_bevestigd") + 1)
    kolom_onderdeel = openpyxl.utils.get_column_letter(kop.index("programmaonderdeel_bevestigd") + 1)
    assert keuzelijsten[f"{kolom_categorie}2"] == '"bejegening,informatie/nalatigheid,afhandelingsduur"'
    assert "Inkomensondersteuning" in keuzelijsten[f"{kolom_onderdeel}2"]
    rijen = {blad.cell(r, 1).value: r for r in range(2, blad.max_row + 1)}
    blad.cell(rijen["K2021-003"], kop.index("categorie_bevestigd") + 1, "afhandelingsduur")
    blad.cell(rijen["K2021-003"], kop.index("programmaonderdeel_bevestigd") + 1, "SHV")
    blad.cell(rijen["K2021-004"], kop.index("categorie_bevestigd") + 1, "bejegening")
    blad.cell(rijen["K2021-004"], kop.index("programmaonderdeel_bevestigd") + 1, "schuldhulpverlening")
    boek.save(lijst)
    uitvoer = runner.invoke(app, ["register", "importeer", str(lijst), "--register", str(pad), "--door", "excel"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "2 klachten bevestigd" in uitvoer.output

    klachten, herkomst = _klachten(pad)
    assert (klachten["labels_bevestigd"] == 1).sum() == 4
    assert klachten.loc["K2021-004", "programmaonderdeel"] == "SHV"

    # the annual tables count exactly the four confirmed complaints
    uitvoer = runner.invoke(app, ["jaarverslag", "--jaar", "2021", "--register", str(pad), "--formaat", "json"])
    verslag = json.loads(uitvoer.stdout)
    assert sum(sum(r.values()) for r in verslag["per_programmaonderdeel"].values()) == 4
    assert verslag["per_programmaonderdeel"]["SHV"] == {"bejegening": 1, "informatie/nalatigheid": 0,
                                                        "afhandelingsduur": 1}
    assert verslag["uitgesloten"] == {"labels niet bevestigd (alleen een suggestie)": 30}

    # the audit table shows every step: import, suggestion, confirmation (terminal and Excel)
    with Register.open(pad) as register:
        audit = register.audit("K2021-004")
    bronnen = audit["bron"].tolist()
    assert bronnen[0] == "import historisch.csv"
    assert any(b.startswith("suggestie model ") for b in bronnen)
    assert bronnen[-1] == "beoordeling beoordelen.xlsx"
    assert set(audit[audit["bron"] == "beoordeling beoordelen.xlsx"]["veld"]) >= {"labels_bevestigd", "bevestigd_door"}

    # live accuracy compares the suggestion shown with what was confirmed
    uitvoer = runner.invoke(app, ["evalueer", "--register", str(pad), "--json"])
    live = json.loads(uitvoer.stdout)
    assert live["categorie"]["n"] == 4 and 0 <= live["categorie"]["top1"] <= live["categorie"]["top3"] <= 1
    assert len(live["categorie"]["per_kwartaal"]) >= 1


def test_unknown_values_in_the_workbook_are_refused_with_row_numbers(historisch_register, klein_modelpad, tmp_path):
    pad = historisch_register
    lijst = tmp_path / "beoordelen.xlsx"
    runner.invoke(app, ["register", "exporteer", str(lijst), "--te-beoordelen", "--register", str(pad),
                        "--model", str(klein_modelpad)])
    boek = openpyxl.load_workbook(lijst)
    blad = boek.active
    kop = [c.value for c in blad[1]]
    blad.cell(2, kop.index("categorie_bevestigd") + 1, "boosheid")
    blad.cell(2, kop.index("programmaonderdeel_bevestigd") + 1, "Werk")
    blad.cell(3, kop.index("categorie_bevestigd") + 1, "bejegening")
    boek.save(lijst)
    voor = pad.read_bytes()
    uitvoer = runner.invoke(app, ["register", "importeer", str(lijst), "--register", str(pad)])
    assert uitvoer.exit_code == 1
    assert "rij 2, kolom 'categorie_bevestigd': onbekende categorie 'boosheid'" in uitvoer.output
    assert "rij 3, kolom 'programmaonderdeel_bevestigd': vul beide labels in" in uitvoer.output
    assert pad.read_bytes() == voor


def test_texts_are_masked_unless_asked(historisch_register, klein_modelpad, tmp_path):
    with Register.open(historisch_register) as register:
        register.importeer_klachten([{"klachtnummer": "P-1", "ontvangstdatum": "2021-12-30", "gemeente": "Lopik",
                                      "tekst": "Bel mij op 06-48213377, groet Johanna Bakker"}],
                                    door="t", bron="t")
    gemaskeerd = _beoordeel(historisch_register, klein_modelpad, "s\n", "--volgorde", "oudste")
    assert "06-48213377" not in gemaskeerd.output
    lijst = tmp_path / "lijst.xlsx"
    runner.invoke(app, ["register", "exporteer", str(lijst), "--te-beoordelen", "--register",
                        str(historisch_register), "--model", str(klein_modelpad)])
    assert "06-48213377" not in json.dumps(pd.read_excel(lijst).astype(str).to_dict())


def test_an_interrupt_keeps_earlier_decisions(historisch_register, klein_modelpad, monkeypatch):
    antwoorden = iter(["", "", "1", "1"])

    def prompt(*args, **kwargs):
        try:
            return next(antwoorden)
        except StopIteration:
            raise KeyboardInterrupt from None

    monkeypatch.setattr(cli.typer, "prompt", prompt)
    uitvoer = _beoordeel(historisch_register, klein_modelpad, "", "--volgorde", "oudste")
    assert uitvoer.exit_code == 130
    assert "2 beslissingen zijn opgeslagen" in uitvoer.output
    klachten, _ = _klachten(historisch_register)
    assert (klachten["labels_bevestigd"] == 1).sum() == 2
    with sqlite3.connect(historisch_register) as verbinding:
        assert verbinding.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # a rerun continues with the remaining complaints
    uitvoer = _beoordeel(historisch_register, klein_modelpad, "s\n", "--volgorde", "oudste")
    assert "(1 van 32" in uitvoer.output


def test_confirmed_complaints_become_annotations_once(historisch_register, klein_modelpad, tmp_path):
    _beoordeel(historisch_register, klein_modelpad, "\n\n\n\ns\n", "--volgorde", "oudste")
    doel = tmp_path / "annotaties" / "bevestigd.csv"
    doel.parent.mkdir()
    uitvoer = runner.invoke(app, ["annotaties", "exporteer", "--register", str(historisch_register),
                                  "--uit", str(doel)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "2 bevestigde klachten toegevoegd" in uitvoer.output
    uitvoer = runner.invoke(app, ["annotaties", "exporteer", "--register", str(historisch_register),
                                  "--uit", str(doel)])
    assert "0 bevestigde klachten toegevoegd" in uitvoer.output
    frame = pd.read_csv(doel)
    assert list(frame["id"]) == ["register-K2021-001", "register-K2021-002"]
    assert runner.invoke(app, ["annotaties", "controleer", str(doel.parent)]).exit_code == 0


def test_the_review_workbook_holds_texts_never_formulas(tmp_path, klein_model):
    from klachtclassificatie.beoordelen import exporteer_te_beoordelen
    from klachtclassificatie.register import importeer

    bron = tmp_path / "bron.csv"
    bron.write_text("klachtnummer;ontvangstdatum;gemeente;tekst;labels_bevestigd\n"
                    "K1;2025-01-02;Houten;\"=HYPERLINK(\"\"http://x\"\")\";nee\n"
                    "K2;2025-01-03;Lopik;\"regel\x0bnieuw\x00\";nee\n", encoding="utf-8")
    register_pad = tmp_path / "r.sqlite"
    importeer(register_pad, bron, door="a")
    lijst = tmp_path / "lijst.xlsx"
    with Register.open(register_pad) as register:
        exporteer_te_beoordelen(register, klein_model, lijst, door="a", toon_persoonsgegevens=True)
    blad = openpyxl.load_workbook(lijst).active
    cellen = [c for rij in blad.iter_rows() for c in rij if c.value is not None]
    assert [c.coordinate for c in cellen if c.data_type == "f"] == []
    assert [blad["A2"].value, blad["D2"].value, blad["D3"].value] == [
        "K1", '=HYPERLINK("http://x")', "regel\nnieuw"]


def test_the_terminal_keeps_labels_confirmed_elsewhere_while_it_asked(historisch_register, klein_modelpad,
                                                                       monkeypatch):
    from klachtclassificatie.cli import beoordeel

    vraag = beoordeel._vraag_label

    def intussen_in_de_webapp(doel, voorstel, labels):
        if doel == "categorie":  # while the first complaint is on screen, the web app confirms it
            with Register.open(historisch_register) as register:
                register.bevestig("K2021-001", {"categorie": "bejegening", "programmaonderdeel": "Werk"},
                                  door="collega", bron="webapp beoordelen")
            monkeypatch.setattr(beoordeel, "_vraag_label", vraag)
        return voorstel

    monkeypatch.setattr(beoordeel, "_vraag_label", intussen_in_de_webapp)
    uitvoer = _beoordeel(historisch_register, klein_modelpad, "\n\ns\n", "--volgorde", "oudste")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Niet opgeslagen: klacht K2021-001 is intussen al bevestigd door collega op" in uitvoer.output
    assert "(via webapp beoordelen)" in uitvoer.output
    assert "Opgeslagen" not in uitvoer.output.replace("Niet opgeslagen", "")
    klachten, herkomst = _klachten(historisch_register)
    assert (klachten.loc["K2021-001", "categorie"], herkomst.loc["K2021-001", "bevestigd_door"]) == (
        "bejegening", "collega")


def test_the_workbook_never_overwrites_labels_confirmed_after_it_was_made(historisch_register, klein_modelpad,
                                                                          tmp_path):
    pad = historisch_register
    lijst = tmp_path / "beoordelen.xlsx"
    runner.invoke(app, ["register", "exporteer", str(lijst), "--te-beoordelen", "--register", str(pad),
                        "--model", str(klein_modelpad)])
    with Register.open(pad) as register:  # meanwhile, a colleague confirms one of them in the web app
        register.bevestig("K2021-003", {"categorie": "bejegening", "programmaonderdeel": "Werk"}, door="anna",
                          bron="webapp beoordelen")
    boek = openpyxl.load_workbook(lijst)
    blad = boek.active
    kop = [c.value for c in blad[1]]
    rijen = {blad.cell(r, 1).value: r for r in range(2, blad.max_row + 1)}
    for nummer in ("K2021-003", "K2021-004"):
        blad.cell(rijen[nummer], kop.index("categorie_bevestigd") + 1, "afhandelingsduur")
        blad.cell(rijen[nummer], kop.index("programmaonderdeel_bevestigd") + 1, "SHV")
    boek.save(lijst)
    uitvoer = runner.invoke(app, ["register", "importeer", str(lijst), "--register", str(pad), "--door", "excel"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "1 klachten bevestigd" in uitvoer.output
    assert "Overgeslagen, want intussen al bevestigd" in uitvoer.output
    assert "K2021-003 (al bevestigd door anna op" in uitvoer.output
    klachten, herkomst = _klachten(pad)
    assert (klachten.loc["K2021-003", "categorie"], klachten.loc["K2021-003", "programmaonderdeel"]) == (
        "bejegening", "Werk")
    assert herkomst.loc["K2021-003", "bevestigd_door"] == "anna"
    assert klachten.loc["K2021-004", "programmaonderdeel"] == "SHV"
