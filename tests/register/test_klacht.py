from datetime import date

import pytest

from klachtclassificatie.fouten import BestandError
from klachtclassificatie.register import lees_datum, lees_klachten, lees_velden


def test_dates_in_both_spellings():
    assert lees_datum("2024-03-05") == date(2024, 3, 5)
    assert lees_datum("05-03-2024") == date(2024, 3, 5)
    assert lees_datum("5/3/2024") == date(2024, 3, 5)
    with pytest.raises(ValueError, match="bestaat niet"):
        lees_datum("31-02-2024")
    with pytest.raises(ValueError, match="ongeldige datum"):
        lees_datum("maart 2024")


def test_fixture_reads_to_canonical_values(klachten_csv):
    klachten = {k["klachtnummer"]: k for k in lees_klachten(klachten_csv)}
    assert klachten["T-002"]["ontvangstdatum"] == "2024-04-05"
    assert klachten["T-002"]["gemeente"] == "IJsselstein"
    assert klachten["T-002"]["kanaal"] == "e-mail"
    assert klachten["T-002"]["categorie"] == "afhandelingsduur"
    assert klachten["T-003"]["programmaonderdeel"] == "SHV"
    assert klachten["T-003"]["resultaat"] == "niet ontvankelijk"
    assert klachten["T-003"]["klantnummer"] is None
    assert klachten["T-004"]["labels_bevestigd"] == 0


def test_every_problem_is_reported_with_row_and_column(tmp_path):
    slecht = tmp_path / "slecht.csv"
    slecht.write_text(
        "klachtnummer,ontvangstdatum,gemeente,categorie,afhandeldatum,resultaat\n"
        "A1,2024-13-01,Utrecht,bejegening,,\n"
        "A2,2024-02-01,Houten,boosheid,2024-01-15,gegrond\n"
        "A1,2024-02-03,Lopik,bejegening,2024-02-10,\n",
        encoding="utf-8",
    )
    with pytest.raises(BestandError) as fout:
        lees_klachten(slecht)
    melding = str(fout.value)
    assert "slecht.csv" in melding
    assert "rij 2, kolom 'ontvangstdatum'" in melding
    assert "rij 2, kolom 'gemeente': onbekende gemeente 'Utrecht'" in melding
    assert "rij 3, kolom 'categorie': onbekende categorie 'boosheid'" in melding
    assert "rij 3, kolom 'afhandeldatum': afhandeldatum ligt vóór de ontvangstdatum" in melding
    assert "rij 4, kolom 'resultaat': afgehandelde klacht zonder resultaat" in melding
    assert "rij 4, kolom 'klachtnummer': 'A1' staat ook op rij 2" in melding
    assert len(fout.value.problemen) == 6


def test_unknown_and_missing_columns_are_named(tmp_path):
    slecht = tmp_path / "kolommen.csv"
    slecht.write_text("klachtnummer;datum;gemeente\nA1;2024-01-01;Houten\n", encoding="utf-8")
    with pytest.raises(BestandError) as fout:
        lees_klachten(slecht)
    melding = str(fout.value)
    assert "kolom 'datum': onbekende kolom" in melding
    assert "kolom 'ontvangstdatum': verplichte kolom ontbreekt" in melding


def test_header_aliases_are_accepted(tmp_path):
    bestand = tmp_path / "aliassen.csv"
    bestand.write_text(
        "Klacht nummer;Ontvangstdatum;Gemeente;Oordeel;Afgehandeld;Bevindingen\n"
        "A1;02-01-2024;Houten;Ongegrond;20-01-2024;Uitgelegd.\n",
        encoding="utf-8",
    )
    [klacht] = lees_klachten(bestand)
    assert klacht["resultaat"] == "ongegrond"
    assert klacht["afhandeldatum"] == "2024-01-20"
    assert klacht["samenvatting"] == "Uitgelegd."


def test_impossible_values_are_refused_with_row_and_column(tmp_path):
    slecht = tmp_path / "slecht.csv"
    slecht.write_text(
        "klachtnummer,ontvangstdatum,gemeente,klantnummer,opschorting_dagen,afhandeldatum,resultaat\n"
        "A1,2025-03-05 onzin,Houten,,,,\n"
        "A2,2099-01-01,Houten,,,,\n"
        "A3,1900-01-01,Houten,=1+1,,,\n"
        "A4,2025-01-06,Houten,123 456,3000000,,\n"
        "A5,2025-01-06,Houten,,12345678901234567890,2025-08-01,gegrond\n",
        encoding="utf-8",
    )
    with pytest.raises(BestandError) as fout:
        lees_klachten(slecht, vandaag=date(2025, 6, 30))
    melding = str(fout.value)
    assert "rij 2, kolom 'ontvangstdatum': ongeldige datum '2025-03-05 onzin'" in melding
    assert "rij 3, kolom 'ontvangstdatum': datum 2099-01-01 ligt in de toekomst" in melding
    assert "rij 4, kolom 'ontvangstdatum': datum 1900-01-01 ligt vóór 2000-01-01" in melding
    assert "rij 4, kolom 'klantnummer': ongeldig klantnummer '=1+1'" in melding
    assert "rij 5, kolom 'klantnummer': ongeldig klantnummer '123 456'" in melding
    assert "rij 5, kolom 'opschorting_dagen': 3000000 dagen opschorting is meer dan het maximum" in melding
    assert "rij 6, kolom 'opschorting_dagen': getal van 20 cijfers is te lang" in melding
    assert "rij 6, kolom 'afhandeldatum': datum 2025-08-01 ligt in de toekomst" in melding
    assert len(fout.value.problemen) == 8


def test_a_number_in_another_case_or_with_a_zero_width_space_is_the_same_complaint(tmp_path):
    bestand = tmp_path / "dubbel.csv"
    bestand.write_text(
        "klachtnummer,ontvangstdatum,gemeente\n"
        "K2025-D01,2025-01-06,Houten\n"
        "k2025-d01,2025-01-07,Houten\n"
        "K2025-D01\u200b,2025-01-08,Houten\n",
        encoding="utf-8",
    )
    with pytest.raises(BestandError) as fout:
        lees_klachten(bestand, vandaag=date(2025, 6, 30))
    assert [str(p) for p in fout.value.problemen] == [
        "rij 3, kolom 'klachtnummer': 'k2025-d01' staat ook op rij 2 als 'K2025-D01' "
        "(hoofdletters en onzichtbare tekens tellen niet)",
        "rij 4, kolom 'klachtnummer': 'K2025-D01' staat ook op rij 2",
    ]


def test_form_fields_follow_the_same_rules():
    klacht, fouten = lees_velden({"ontvangstdatum": "2025-07-01", "klantnummer": "<b>1</b>",
                                  "opschorting_dagen": "400"}, vandaag=date(2025, 6, 30))
    assert set(fouten) == {"ontvangstdatum", "klantnummer", "opschorting_dagen"}
    assert "ligt in de toekomst" in fouten["ontvangstdatum"]
    klacht, fouten = lees_velden({"klachtnummer": " K2025-D01\u200b", "afhandeldatum": "2025-01-05",
                                  "ontvangstdatum": "2025-01-06"}, vandaag=date(2025, 6, 30))
    assert klacht["klachtnummer"] == "K2025-D01"
    assert fouten == {"afhandeldatum": "afhandeldatum ligt vóór de ontvangstdatum"}
    klacht, fouten = lees_velden({"klantnummer": "\u200b"})
    assert klacht == {"klantnummer": None} and fouten == {}  # only an invisible character: empty
