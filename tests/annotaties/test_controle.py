import pytest

from klachtclassificatie.annotaties import (
    MINIMUM_PER_COMBINATIE,
    MINIMUM_PER_LABEL,
    controleer,
    lees_annotaties,
)
from klachtclassificatie.fouten import BestandError

from ..conftest import PROJECTMAP

KOP = "id,tekst,categorie,programmaonderdeel\n"


def _schrijf(map_, naam, inhoud, codering="utf-8"):
    pad = map_ / naam
    pad.write_bytes(inhoud.encode(codering))
    return pad


def test_shipped_corpus_passes_and_meets_the_minimums():
    controle = controleer(PROJECTMAP / "data" / "annotaties")
    assert controle.geslaagd, controle.fouten
    assert not [w for w in controle.waarschuwingen if "bijna dubbel" in w]
    assert controle.per_bestand["train.csv"] >= 800
    assert controle.per_bestand["test.csv"] >= 150
    for tellingen in controle.aantallen.values():
        assert min(tellingen.values()) >= MINIMUM_PER_LABEL
    assert controle.combinaties.to_numpy().min() >= MINIMUM_PER_COMBINATIE


def test_data_card_table_matches_the_counts():
    kaart = (PROJECTMAP / "data" / "annotaties" / "README.md").read_text(encoding="utf-8")
    controle = controleer(PROJECTMAP / "data" / "annotaties")
    for onderdeel, rij in controle.combinaties.iterrows():
        cellen = " | ".join(str(v) for v in rij.tolist())
        assert f"| {onderdeel} | {cellen} | {rij.sum()} |" in kaart


def test_unknown_label_missing_label_and_empty_text_are_errors(tmp_path):
    _schrijf(tmp_path, "a.csv", KOP
             + "1,De werkcoach was grof,boosheid,Werk\n"
             + "2,Niemand belt terug,,Bedrijfsvoering\n"
             + '3,"  ",bejegening,Werk\n')
    controle = controleer(tmp_path)
    assert not controle.geslaagd
    assert any("a.csv: rij 2, kolom 'categorie': onbekende categorie 'boosheid'" in f for f in controle.fouten)
    assert any("a.csv: rij 3, kolom 'categorie': categorie ontbreekt" in f for f in controle.fouten)
    assert any("a.csv: rij 4, kolom 'tekst': lege tekst" in f for f in controle.fouten)


def test_missing_column_names_what_is_there(tmp_path):
    _schrijf(tmp_path, "b.csv", "id,omschrijving,categorie,programmaonderdeel\n1,x,bejegening,Werk\n")
    controle = controleer(tmp_path)
    assert controle.fouten == [
        "b.csv: rij 1, kolom 'tekst': verplichte kolom ontbreekt; aanwezig: id, omschrijving, "
        "categorie, programmaonderdeel"
    ]


def test_exact_duplicates_are_errors_and_near_duplicates_warnings(tmp_path):
    zin = "mijn uitkering is al drie weken te laat en niemand van de afdeling belt mij terug"
    _schrijf(tmp_path, "train.csv", KOP + f"1,{zin},afhandelingsduur,Inkomen\n2,Iets anders helemaal,bejegening,Werk\n")
    _schrijf(tmp_path, "test.csv", KOP + f"9,{zin.upper()}!,afhandelingsduur,Inkomen\n"
             + f"10,Boos: {zin} en dat is schandalig,afhandelingsduur,Inkomen\n")
    controle = controleer(tmp_path)
    assert any(f.startswith("exact dubbel: test.csv rij 2 (id 9) en train.csv rij 2 (id 1)") for f in controle.fouten)
    assert any("bijna dubbel (tussen splits" in w and "test.csv rij 3 (id 10)" in w
               for w in controle.waarschuwingen)


def test_duplicate_ids_are_errors(tmp_path):
    _schrijf(tmp_path, "c.csv", KOP + "7,eerste tekst over werk,bejegening,Werk\n7,tweede tekst,bejegening,Werk\n")
    assert any("id '7' staat op meer rijen: 2, 3" in f for f in controleer(tmp_path).fouten)


def test_windows_1252_semicolon_export_is_read(tmp_path):
    _schrijf(tmp_path, "export.csv",
             "id;tekst;categorie;programmaonderdeel\n1;Geen reactie op mijn brief over de café-bon;"
             "Gebrekkige informatie/ nalatigheid;schuldhulpverlening\n", codering="cp1252")
    controle = controleer(tmp_path)
    assert controle.geslaagd
    assert controle.aantallen["programmaonderdeel"]["SHV"] == 1
    frame = lees_annotaties(tmp_path / "export.csv")
    assert frame.loc[0, "tekst"].endswith("café-bon")
    assert frame.loc[0, "categorie"] == "informatie/nalatigheid"


def test_lees_annotaties_refuses_a_broken_file(tmp_path):
    pad = _schrijf(tmp_path, "d.csv", KOP + "1,tekst,bejegening,Zorg\n")
    with pytest.raises(BestandError, match="rij 2, kolom 'programmaonderdeel'"):
        lees_annotaties(pad)


def test_cli_exit_codes(tmp_path):
    from typer.testing import CliRunner

    from klachtclassificatie.cli import app

    _schrijf(tmp_path, "e.csv", KOP + "1,tekst,bejegening,Zorg\n")
    uitvoer = CliRunner().invoke(app, ["annotaties", "controleer", str(tmp_path)])
    assert uitvoer.exit_code == 1
    assert "onbekende programmaonderdeel 'Zorg'" in uitvoer.output
    uitvoer = CliRunner().invoke(app, ["annotaties", "controleer", str(PROJECTMAP / "data" / "annotaties")])
    assert uitvoer.exit_code == 0
    assert "Geen fouten gevonden." in uitvoer.output
