import pandas as pd

from klachtclassificatie.annotaties import exporteer_bevestigde
from klachtclassificatie.bestanden import lees_tabel

KOP = "id,tekst,categorie,programmaonderdeel\n"
TESTTEKST = "Mail mij op jan.jansen@voorbeeld.nl, niemand belt terug over mijn uitkering."


def _klachten(*teksten) -> pd.DataFrame:
    return pd.DataFrame({"klachtnummer": [f"K{i}" for i in range(len(teksten))], "tekst": list(teksten),
                         "labels_bevestigd": 1, "categorie": "informatie/nalatigheid",
                         "programmaonderdeel": "Inkomen", "kanaal": "e-mail"})


def test_a_test_text_in_the_register_never_reaches_the_training_file(tmp_path):
    (tmp_path / "test.csv").write_text(f'{KOP}t1,"{TESTTEKST}",informatie/nalatigheid,Inkomen\n', encoding="utf-8")
    doel = tmp_path / "bevestigd.csv"
    # the same test text, typed into the register with other capitals and spacing
    aantal = exporteer_bevestigde(_klachten(TESTTEKST.upper().replace(" ", "  "), "Niemand neemt de telefoon op."),
                                  doel, annotatiemap=tmp_path)
    assert aantal == 1
    inhoud = doel.read_text(encoding="utf-8")
    assert "Niemand neemt de telefoon op." in inhoud and "belt terug" not in inhoud.lower()


def test_a_text_already_exported_redacted_is_not_added_again(tmp_path):
    doel = tmp_path / "bevestigd.csv"
    assert exporteer_bevestigde(_klachten(TESTTEKST), doel, annotatiemap=tmp_path) == 1
    assert "[EMAIL-1]" in doel.read_text(encoding="utf-8")
    nogmaals = _klachten(TESTTEKST).assign(klachtnummer="K9")
    assert exporteer_bevestigde(nogmaals, doel, annotatiemap=tmp_path) == 0



def test_appended_texts_hold_no_formulas_and_read_back_unchanged(tmp_path):
    klachten = pd.DataFrame({
        "klachtnummer": ["K1"], "tekst": ["=HYPERLINK(\"http://x\") kwam niet aan"],
        "categorie": ["bejegening"], "programmaonderdeel": ["Werk"], "kanaal": ["-"],
        "labels_bevestigd": [1],
    })
    doel = tmp_path / "bevestigd.csv"
    assert exporteer_bevestigde(klachten, doel, annotatiemap=tmp_path / "leeg") == 1
    assert "'=HYPERLINK" in doel.read_text(encoding="utf-8") and ",'-," in doel.read_text(encoding="utf-8")
    [(_, rij)] = lees_tabel(doel).rijen
    assert (rij["tekst"], rij["kanaal"]) == ("=HYPERLINK(\"http://x\") kwam niet aan", "-")
