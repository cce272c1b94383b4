import pandas as pd
from typer.testing import CliRunner

from klachtclassificatie.cli import app
from klachtclassificatie.privacy import anonimiseer_pad
from klachtclassificatie.register import importeer, laad_klachten, schrijf_tabel, woo_frame

runner = CliRunner()

GEPLANT = {
    "naam": "Johanna de Vries-Bakker",
    "telefoon": "06-48213377",
    "email": "h.oudshoorn@voorbeeldmail.nl",
    "bsn": "111222333",
    "iban": "NL91ABNA0417164300",
    "postcode": "3431 BK",
}
TEKST = (f"Mevrouw {GEPLANT['naam']} belde vanaf {GEPLANT['telefoon']} over haar werkcoach in "
         f"Nieuwegein. Mail: {GEPLANT['email']}, BSN {GEPLANT['bsn']}, rekening {GEPLANT['iban']}, "
         f"postcode {GEPLANT['postcode']}.")


def test_text_argument_prints_redacted_text_and_counts():
    uitvoer = runner.invoke(app, ["anonimiseer", TEKST])
    assert uitvoer.exit_code == 0, uitvoer.output
    for waarde in GEPLANT.values():
        assert waarde not in uitvoer.stdout
    assert "werkcoach" in uitvoer.stdout and "Nieuwegein" in uitvoer.stdout
    assert "[PERSOON-1]" in uitvoer.stdout and "[BSN-1]" in uitvoer.stdout


def test_standard_input():
    uitvoer = runner.invoke(app, ["anonimiseer", "-"], input="Bel me op 0612345678.\n")
    assert uitvoer.exit_code == 0
    assert uitvoer.stdout.startswith("Bel me op [TELEFOON-1].")


def test_folder_of_documents_gets_copies_and_a_report_without_values(tmp_path):
    (tmp_path / "brief.txt").write_text(TEKST, encoding="cp1252")
    pd.DataFrame({"nr": [1, 2], "omschrijving": [TEKST, "Geen gegevens hier."]}).to_excel(
        tmp_path / "klachten.xlsx", index=False)
    verslag = anonimiseer_pad(tmp_path, kolommen=["omschrijving"])
    assert set(p.name for p in verslag.per_bestand) == {"brief-geanonimiseerd.txt",
                                                         "klachten-geanonimiseerd.xlsx"}
    assert verslag.totaal["BSN"] == 2 and verslag.totaal["IBAN"] == 2
    brief = (tmp_path / "brief-geanonimiseerd.txt").read_text(encoding="utf-8")
    tabel = pd.read_excel(tmp_path / "klachten-geanonimiseerd.xlsx")
    for waarde in GEPLANT.values():
        assert waarde not in brief
        assert not tabel["omschrijving"].str.contains(waarde, regex=False).any()
    assert tabel.loc[1, "omschrijving"] == "Geen gegevens hier."
    uitvoer = runner.invoke(app, ["anonimiseer", str(tmp_path), "--kolom", "omschrijving"])
    for waarde in GEPLANT.values():
        assert waarde not in uitvoer.output
    assert "BSN 1" in uitvoer.output


def test_missing_column_is_named(tmp_path):
    pd.DataFrame({"nr": [1]}).to_csv(tmp_path / "a.csv", index=False)
    uitvoer = runner.invoke(app, ["anonimiseer", str(tmp_path / "a.csv")])
    assert uitvoer.exit_code == 1
    assert "kolom 'tekst' niet gevonden; aanwezig: nr" in uitvoer.output


def test_controle_shows_both_sides():
    uitvoer = runner.invoke(app, ["anonimiseer", "Bel 0612345678", "--controle"], terminal_width=120)
    assert "0612345678" in uitvoer.stdout and "[TELEFOON-1]" in uitvoer.stdout


def test_woo_export_contains_none_of_the_planted_values(tmp_path):
    bron = tmp_path / "register.csv"
    pd.DataFrame([{
        "klachtnummer": "W-1", "ontvangstdatum": "2024-03-05", "gemeente": "Houten",
        "klantnummer": "560312", "behandelaar": "Petra Smit", "tekst": TEKST,
        "samenvatting": f"Gesproken met {GEPLANT['naam']}; excuses gemaakt.",
        "categorie": "bejegening", "programmaonderdeel": "Werk", "procedure": "informeel",
        "afhandeldatum": "2024-03-19", "resultaat": "gegrond",
    }]).to_csv(bron, index=False)
    register = tmp_path / "register.sqlite"
    importeer(register, bron, door="test")
    uitvoer = runner.invoke(app, ["register", "exporteer", str(tmp_path / "woo.csv"), "--woo",
                                  "--register", str(register)])
    assert uitvoer.exit_code == 0, uitvoer.output
    inhoud = (tmp_path / "woo.csv").read_text(encoding="utf-8-sig")
    for waarde in [*GEPLANT.values(), "560312", "Petra Smit", "2024-03-05", "2024-03-19"]:
        assert waarde not in inhoud, waarde
    woo = woo_frame(laad_klachten(register))
    assert woo.loc[0, "ontvangstmaand"] == "2024-03"
    assert "klantnummer" not in woo.columns and "behandelaar" not in woo.columns
    schrijf_tabel(woo, tmp_path / "woo.xlsx")
    assert (tmp_path / "woo.xlsx").exists()


def test_redacted_tables_hold_no_formulas_and_no_control_characters(tmp_path):
    import openpyxl

    frame = pd.DataFrame({"nr": ["=1+1", "2"], "omschrijving": ["@SUM(A1)", "Word\x0bregel\x00"]})
    frame.to_csv(tmp_path / "k.csv", index=False, sep=";")
    pd.DataFrame({"nr": ["x", "2"], "omschrijving": ["geen", "@SUM(A1)"]}).to_excel(
        tmp_path / "k.xlsx", index=False)
    anonimiseer_pad(tmp_path, kolommen=["omschrijving"])
    regels = (tmp_path / "k-geanonimiseerd.csv").read_text(encoding="utf-8-sig").splitlines()
    assert regels[:2] == ["nr;omschrijving", "'=1+1;'@SUM(A1)"]
    assert "\x00" not in "".join(regels) and '"Word\nregel"' in "\n".join(regels)
    blad = openpyxl.load_workbook(tmp_path / "k-geanonimiseerd.xlsx").active
    assert blad["B3"].value == "@SUM(A1)" and blad["B3"].data_type == "s"
    assert not [c for rij in blad.iter_rows() for c in rij if c.data_type == "f"]
