"""Bad input never gives a traceback: every command that reads files answers in Dutch and exits non-zero."""

import os

import pytest
from typer.testing import CliRunner

from klachtclassificatie.cli import app

runner = CliRunner()


def _maak(map_, naam, inhoud: bytes | None = None):
    pad = map_ / naam
    if inhoud is not None:
        pad.write_bytes(inhoud)
    return pad


@pytest.fixture
def slechte_bestanden(tmp_path):
    bestanden = {
        "leeg": _maak(tmp_path, "leeg.csv", b""),
        "alleen kop": _maak(tmp_path, "kop.csv", b"klachtnummer;ontvangstdatum;gemeente;tekst\n"),
        "binair": _maak(tmp_path, "rommel.csv", bytes(range(256)) * 4),
        "utf-16": _maak(tmp_path, "utf16.csv", "tekst;gemeente\nte laat;Houten\n".encode("utf-16")),
        "nep-xlsx": _maak(tmp_path, "nep.xlsx", b"dit is geen excel"),
        "map": tmp_path / "map.csv",
        "bestaat niet": tmp_path / "bestaat-niet.csv",
        "lange regel": _maak(tmp_path, "lang.csv", b"tekst\n" + b"a" * 200_000 + b"\n"),
    }
    bestanden["map"].mkdir()
    return bestanden


def _zonder_traceback(uitvoer):
    assert uitvoer.exception is None or isinstance(uitvoer.exception, SystemExit), repr(uitvoer.exception)
    assert "Traceback" not in uitvoer.output + uitvoer.stderr


@pytest.mark.parametrize("soort", ["leeg", "alleen kop", "binair", "utf-16", "nep-xlsx", "map", "bestaat niet"])
def test_register_import_refuses_in_dutch(slechte_bestanden, soort, tmp_path):
    uitvoer = runner.invoke(app, ["register", "importeer", str(slechte_bestanden[soort]),
                                  "--register", str(tmp_path / "r.sqlite")])
    _zonder_traceback(uitvoer)
    if soort != "utf-16":  # a UTF-16 file is read; its columns are then wrong
        assert uitvoer.exit_code != 0


@pytest.mark.parametrize("soort", ["leeg", "alleen kop", "binair", "nep-xlsx", "map", "bestaat niet"])
def test_annotation_check_refuses_in_dutch(slechte_bestanden, soort):
    uitvoer = runner.invoke(app, ["annotaties", "controleer", str(slechte_bestanden[soort])])
    _zonder_traceback(uitvoer)
    assert uitvoer.exit_code != 0


@pytest.mark.parametrize("soort", ["leeg", "alleen kop", "binair", "nep-xlsx", "map", "bestaat niet", "lange regel"])
def test_label_refuses_in_dutch(slechte_bestanden, soort, klein_modelpad, tmp_path):
    uitvoer = runner.invoke(app, ["label", str(slechte_bestanden[soort]), "--uit", str(tmp_path / "uit.csv"),
                                  "--model", str(klein_modelpad)])
    _zonder_traceback(uitvoer)
    assert not (tmp_path / "uit.csv").exists() or uitvoer.exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_label_to_a_missing_folder_is_dutch(tmp_path, klein_modelpad, klachten_csv):
    uitvoer = runner.invoke(app, ["label", str(klachten_csv), "--uit", str(tmp_path / "nergens" / "uit.csv"),
                                  "--model", str(klein_modelpad)])
    _zonder_traceback(uitvoer)
    assert uitvoer.exit_code != 0


@pytest.mark.parametrize("soort", ["binair", "map", "bestaat niet"])
def test_jaarverslag_from_a_bad_register_is_dutch(slechte_bestanden, soort):
    uitvoer = runner.invoke(app, ["jaarverslag", "--jaar", "2024", "--register", str(slechte_bestanden[soort])])
    _zonder_traceback(uitvoer)
    assert uitvoer.exit_code != 0


@pytest.mark.parametrize("soort", ["binair", "map", "bestaat niet", "leeg"])
def test_suggest_from_a_bad_file_is_dutch(slechte_bestanden, soort, klein_modelpad):
    uitvoer = runner.invoke(app, ["suggereer", "--bestand", str(slechte_bestanden[soort]),
                                  "--model", str(klein_modelpad)])
    _zonder_traceback(uitvoer)


@pytest.mark.parametrize("soort", ["leeg", "alleen kop", "binair", "nep-xlsx", "map", "bestaat niet"])
def test_evaluate_on_a_bad_file_is_dutch(slechte_bestanden, soort, klein_modelpad):
    uitvoer = runner.invoke(app, ["evalueer", "--data", str(slechte_bestanden[soort]), "--model", str(klein_modelpad)])
    _zonder_traceback(uitvoer)
    assert uitvoer.exit_code != 0


def test_anonimiseer_skips_links_and_never_leaves_the_folder(tmp_path):
    map_ = tmp_path / "dossier"
    map_.mkdir()
    (map_ / "brief.txt").write_text("Mevrouw Jansen belde met 0612345678.", encoding="utf-8")
    geheim = tmp_path / "geheim.txt"
    geheim.write_text("buiten de map", encoding="utf-8")
    os.symlink(geheim, map_ / "link.txt")
    os.symlink(map_ / "lus.txt", map_ / "lus.txt")
    uitvoer = runner.invoke(app, ["anonimiseer", str(map_)])
    _zonder_traceback(uitvoer)
    assert (map_ / "brief-geanonimiseerd.txt").exists()
    assert not (map_ / "link-geanonimiseerd.txt").exists()
    assert not (tmp_path / "geheim-geanonimiseerd.txt").exists()


def test_anonimiseer_skips_a_fifo_and_a_folder_named_like_a_file(tmp_path):
    map_ = tmp_path / "dossier"
    map_.mkdir()
    (map_ / "brief.txt").write_text("Bel mij op 0612345678.", encoding="utf-8")
    os.mkfifo(map_ / "pijp.txt")
    (map_ / "map.txt").mkdir()
    uitvoer = runner.invoke(app, ["anonimiseer", str(map_)])
    _zonder_traceback(uitvoer)
    assert uitvoer.exit_code == 0
    assert "Overgeslagen" in uitvoer.stderr and "pijp.txt" in uitvoer.stderr and "map.txt" in uitvoer.stderr
    assert (map_ / "brief-geanonimiseerd.txt").read_text(encoding="utf-8") == "Bel mij op [TELEFOON-1]."
