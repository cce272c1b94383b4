import json
from datetime import date

import pytest
from typer.testing import CliRunner

from klachtclassificatie.cli import app

from ..conftest import PROJECTMAP

runner = CliRunner()


def _alle_commandos(groep=None, pad=()):
    groep = groep or typer_groep()
    for naam, commando in groep.commands.items():
        yield (*pad, naam)
        if hasattr(commando, "commands"):
            yield from _alle_commandos(commando, (*pad, naam))


def typer_groep():
    import typer.main

    return typer.main.get_command(app)


@pytest.mark.parametrize("commando", list(_alle_commandos()), ids=" ".join)
def test_every_command_has_dutch_help_with_an_example(commando):
    uitvoer = runner.invoke(app, [*commando, "--help"], terminal_width=120)
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Gebruik:" in uitvoer.output
    assert "Voorbeeld:" in uitvoer.output
    assert "Show this message" not in uitvoer.output


@pytest.mark.parametrize("commando", list(_alle_commandos()), ids=" ".join)
def test_every_command_is_in_the_readme(commando):
    readme = (PROJECTMAP / "README.md").read_text(encoding="utf-8")
    assert f"klachten {' '.join(commando)}" in readme


def test_jaarverslag_demo_json_has_the_published_totals():
    uitvoer = runner.invoke(app, ["jaarverslag", "--jaar", "2024", "--demo", "--formaat", "json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    verslag = json.loads(uitvoer.stdout)
    assert verslag["procedure"] == {"formeel": 4, "informeel": 43}
    assert sum(v["2024"] for v in verslag["per_gemeente"].values()) == 47
    assert verslag["resultaat"]["ingetrokken"]["2024"] == 0


@pytest.mark.parametrize("formaat", ["tabel", "markdown", "html"])
def test_jaarverslag_text_formats(formaat):
    uitvoer = runner.invoke(
        app, ["jaarverslag", "--jaar", "2024", "--demo", "--formaat", formaat], terminal_width=200
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "Nieuwegein" in uitvoer.output
    if formaat == "html":
        assert uitvoer.output.count("<svg") == 5


def test_jaarverslag_xlsx_has_a_sheet_per_table(tmp_path):
    import openpyxl

    doel = tmp_path / "jaarverslag.xlsx"
    uitvoer = runner.invoke(
        app, ["jaarverslag", "--jaar", "2024", "--demo", "--formaat", "xlsx", "--uit", str(doel)]
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    boek = openpyxl.load_workbook(doel)
    assert len(boek.sheetnames) == 9
    blad = boek[boek.sheetnames[0]]
    rijen = {r[0]: r[1:] for r in blad.iter_rows(values_only=True)}
    assert rijen["Werk"] == (18, 2, 0, 20)
    assert rijen["Totaal"] == (31, 15, 1, 47)


def test_import_then_jaarverslag_from_the_register(klachten_csv, register_pad):
    uitvoer = runner.invoke(
        app,
        [
            "register",
            "importeer",
            str(klachten_csv),
            "--register",
            str(register_pad),
            "--door",
            "test",
        ],
    )
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "4 nieuw, 0 gewijzigd, 0 ongewijzigd" in uitvoer.output
    uitvoer = runner.invoke(
        app, ["jaarverslag", "--jaar", "2024", "--formaat", "json", "--register", str(register_pad)]
    )
    verslag = json.loads(uitvoer.stdout)
    assert verslag["uitgesloten"] == {"labels niet bevestigd (alleen een suggestie)": 1}
    uitvoer = runner.invoke(
        app, ["jaarverslag", "--jaar", "2024", "--strikt", "--register", str(register_pad)]
    )
    assert uitvoer.exit_code == 1
    assert "bevestig de labels" in uitvoer.output


def test_register_via_environment_variable(klachten_csv, register_pad, monkeypatch):
    monkeypatch.setenv("KLACHTEN_REGISTER", str(register_pad))
    assert runner.invoke(app, ["register", "importeer", str(klachten_csv)]).exit_code == 0
    assert register_pad.exists()


def test_bad_import_exits_nonzero_with_row_and_column(tmp_path, register_pad):
    slecht = tmp_path / "slecht.csv"
    slecht.write_bytes(
        "klachtnummer;ontvangstdatum;gemeente\nA1;31-02-2024;Utrecht\n".encode("cp1252")
    )
    uitvoer = runner.invoke(
        app, ["register", "importeer", str(slecht), "--register", str(register_pad)]
    )
    assert uitvoer.exit_code == 1
    assert "rij 2, kolom 'ontvangstdatum'" in uitvoer.output
    assert "rij 2, kolom 'gemeente'" in uitvoer.output
    assert not register_pad.exists()


def test_export_writes_the_register(klachten_csv, register_pad, tmp_path):
    runner.invoke(
        app, ["register", "importeer", str(klachten_csv), "--register", str(register_pad)]
    )
    doel = tmp_path / "export.csv"
    uitvoer = runner.invoke(
        app, ["register", "exporteer", str(doel), "--register", str(register_pad)]
    )
    assert uitvoer.exit_code == 0
    assert doel.read_bytes().startswith(b"\xef\xbb\xbfklachtnummer;ontvangstdatum")


def test_unknown_format_is_refused():
    uitvoer = runner.invoke(app, ["jaarverslag", "--demo", "--formaat", "pdf"])
    assert uitvoer.exit_code == 2
    assert "onbekend formaat" in uitvoer.output


def test_version():
    uitvoer = runner.invoke(app, ["--versie"])
    assert uitvoer.exit_code == 0 and "klachtclassificatie" in uitvoer.output


def test_suggereer_json_shape(klein_modelpad):
    uitvoer = runner.invoke(app, ["suggereer", "Mijn werkcoach luistert niet", "--model", str(klein_modelpad),
                                  "--json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    resultaat = json.loads(uitvoer.stdout)
    assert set(resultaat) == {"categorie", "programmaonderdeel"}
    assert len(resultaat["categorie"]["suggesties"]) == 3
    assert isinstance(resultaat["programmaonderdeel"]["zeker"], bool)
    assert resultaat["categorie"]["set"] and "reden" in resultaat["categorie"]


def test_garbage_collection_pauses_only_while_loading(klein_modelpad, tmp_path):
    import gc

    from klachtclassificatie.cli._gedeeld import zonder_opruimen

    with zonder_opruimen():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), zonder_opruimen():
        raise KeyError("fout tijdens het laden")
    assert gc.isenabled()
    gc.disable()
    try:
        with zonder_opruimen():
            pass
        assert not gc.isenabled()  # paused by someone else: left paused
    finally:
        gc.enable()
    assert runner.invoke(app, ["suggereer", "Niemand belt terug", "--model", str(klein_modelpad)]).exit_code == 0
    assert runner.invoke(app, ["suggereer", "x", "--model", str(tmp_path / "weg.skops")]).exit_code == 1
    assert gc.isenabled()


@pytest.mark.parametrize("tekst", ["My benefit payment is late and nobody answers the phone", "123456782"])
def test_suggereer_never_calls_english_or_numbers_zeker(klein_modelpad, tekst):
    uitvoer = runner.invoke(app, ["suggereer", tekst, "--model", str(klein_modelpad), "--json"])
    resultaat = json.loads(uitvoer.stdout)
    assert not resultaat["categorie"]["zeker"] and not resultaat["programmaonderdeel"]["zeker"]
    assert resultaat["categorie"]["reden"]


def test_suggereer_with_a_register_uses_its_label_mix(klein_modelpad, klachten_csv, register_pad):
    runner.invoke(app, ["register", "importeer", str(klachten_csv), "--register", str(register_pad)])
    uitvoer = runner.invoke(app, ["suggereer", "Mijn werkcoach luistert niet naar mij", "--model",
                                  str(klein_modelpad), "--register", str(register_pad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "waarschijnlijk (90%)" in uitvoer.stdout


def test_suggereer_reads_standard_input_and_flags_manual_review(klein_modelpad):
    uitvoer = runner.invoke(app, ["suggereer", "-", "--model", str(klein_modelpad)], input="   \n")
    assert uitvoer.exit_code == 0, uitvoer.output
    assert uitvoer.output.count("handmatig beoordelen") == 2


def test_suggereer_refuses_a_tampered_model(klein_modelpad, tmp_path):
    pad = tmp_path / "klachtmodel.skops"
    pad.write_bytes(klein_modelpad.read_bytes() + b"x")
    (tmp_path / "klachtmodel.json").write_bytes(klein_modelpad.with_suffix(".json").read_bytes())
    uitvoer = runner.invoke(app, ["suggereer", "tekst", "--model", str(pad)])
    assert uitvoer.exit_code == 1
    assert "SHA-256" in uitvoer.output


def test_evalueer_data_json_shape(klein_modelpad):
    from ..conftest import FIXTURES

    uitvoer = runner.invoke(app, ["evalueer", "--data", str(FIXTURES / "annotaties-klein.csv"),
                                  "--model", str(klein_modelpad), "--json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    resultaat = json.loads(uitvoer.stdout)
    for doel in ("categorie", "programmaonderdeel"):
        assert {"accuracy", "macro_f1", "n", "dekking", "accuracy_zeker"} <= set(resultaat[doel])
        assert resultaat[doel]["n"] == 30


def test_evalueer_html_report(klein_modelpad, tmp_path):
    from ..conftest import FIXTURES

    doel = tmp_path / "evaluatie.html"
    uitvoer = runner.invoke(app, ["evalueer", "--data", str(FIXTURES / "annotaties-klein.csv"),
                                  "--model", str(klein_modelpad), "--html", str(doel)])
    assert uitvoer.exit_code == 0, uitvoer.output
    html = doel.read_text(encoding="utf-8")
    assert html.count("<svg") == 4  # two confusion matrices, coverage and calibration


def test_label_wrong_column_exits_nonzero_without_output(klein_modelpad, tmp_path):
    invoer = tmp_path / "in.csv"
    invoer.write_text("id,omschrijving\n1,tekst\n", encoding="utf-8")
    uitvoer = runner.invoke(app, ["label", str(invoer), "--uit", str(tmp_path / "uit.csv"),
                                  "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 1
    assert "kolom 'tekst' niet gevonden" in uitvoer.output
    assert not (tmp_path / "uit.csv").exists()


@pytest.mark.parametrize(
    ("argumenten", "melding"),
    [
        (["jaarverslag", "--foo"], "onbekende optie --foo"),
        (["register", "importeer"], "argument 'bestand' ontbreekt."),
        (["jaarverslag", "--jaar", "abc"], "ongeldige waarde voor '--jaar': geef een geheel getal."),
        (["jaarverslg"], "onbekend commando 'jaarverslg'. Bedoelt u 'jaarverslag'?"),
    ],
)
def test_usage_errors_are_dutch(argumenten, melding):
    uitvoer = runner.invoke(app, argumenten, terminal_width=200)
    assert uitvoer.exit_code == 2
    assert melding in uitvoer.output


def _klachten_in_vers_proces(*argumenten: str):
    """Run `klachten` in a fresh process: (exit code, stderr, whether Typer's rich_utils was imported)."""
    import subprocess
    import sys

    programma = ("import sys\nfrom klachtclassificatie.cli import app\n"
                 "try:\n    app(sys.argv[1:], prog_name='klachten')\n"
                 "except SystemExit as einde:\n    code = einde.code\n"
                 "print('typer.rich_utils' in sys.modules, code)\n")
    uit = subprocess.run([sys.executable, "-c", programma, *argumenten], capture_output=True, text=True,
                         env={"COLUMNS": "200", **__import__("os").environ})
    geimporteerd, code = uit.stdout.split()[-2:]
    return int(code), uit.stderr, geimporteerd == "True"


def test_usage_errors_are_dutch_in_a_fresh_process_too():
    """Typer's rendering (rich_utils) is imported only when something is shown, and is Dutch then."""
    code, fouten, geimporteerd = _klachten_in_vers_proces("jaarverslag", "--foo")
    assert (code, geimporteerd) == (2, True)
    assert "onbekende optie --foo" in fouten and "Fout" in fouten and "No such option" not in fouten
    assert _klachten_in_vers_proces("--versie") == (0, "", False)


def test_a_year_without_complaints_is_said(tmp_path):
    uitvoer = runner.invoke(app, ["jaarverslag", "--jaar", "1800", "--demo", "--formaat", "json"])
    assert uitvoer.exit_code == 0
    assert "geen enkele klacht ontvangen of afgehandeld in 1800" in uitvoer.stderr
    assert "van 2021 tot en met" in uitvoer.stderr


def test_help_screens_name_value_kinds_in_dutch():
    uitvoer = runner.invoke(app, ["train", "--help"])
    assert "PAD" in uitvoer.output and "<path>" not in uitvoer.output


def test_a_wrong_date_option_is_dutch():
    uitvoer = runner.invoke(app, ["register", "termijnen", "--peildatum", "gisteren"])
    assert uitvoer.exit_code == 2
    assert "ongeldige waarde voor '--peildatum'" in uitvoer.output + uitvoer.stderr
    assert "Invalid value" not in uitvoer.output + uitvoer.stderr


def test_evalueer_data_with_some_classes_names_the_absent_ones(klein_modelpad, tmp_path):
    from ..conftest import FIXTURES

    alles = (FIXTURES / "annotaties-klein.csv").read_text(encoding="utf-8").splitlines()
    deel = tmp_path / "alleen-bejegening.csv"
    deel.write_text("\n".join([alles[0], *(r for r in alles[1:] if ",bejegening," in r)]) + "\n", encoding="utf-8")
    uitvoer = runner.invoke(app, ["evalueer", "--data", str(deel), "--model", str(klein_modelpad), "--json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    categorie = json.loads(uitvoer.stdout)["categorie"]
    assert "bejegening" not in categorie["afwezig"] and "afhandelingsduur" in categorie["afwezig"]
    # one class in the data: macro-F1 is that class's F1, not diluted by the absent ones
    assert categorie["macro_f1"] == categorie["per_klasse"]["bejegening"]["f1"]
    tekst = runner.invoke(app, ["evalueer", "--data", str(deel), "--model", str(klein_modelpad)])
    assert "macro-F1 over 1 klasse in de data; niet in de data: " in tekst.output


@pytest.mark.parametrize("argumenten", [
    ["label", "--register"],
    ["beoordeel", "--register"],
    ["evalueer", "--register"],
    ["register", "exporteer", "uit.xlsx", "--te-beoordelen", "--register"],
])
def test_a_mistyped_register_is_an_error_and_is_not_created(argumenten, klein_modelpad, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    verkeerd = tmp_path / "regsiter.sqlite"
    uitvoer = runner.invoke(app, [*argumenten, str(verkeerd), "--model", str(klein_modelpad)])
    assert uitvoer.exit_code == 1, uitvoer.output
    assert f"register {verkeerd} niet gevonden" in uitvoer.output
    assert not verkeerd.exists() and not (tmp_path / "uit.xlsx").exists()


def test_a_folder_as_register_is_an_error(tmp_path):
    uitvoer = runner.invoke(app, ["register", "termijnen", "--register", str(tmp_path)])
    assert uitvoer.exit_code == 1
    assert f"{tmp_path} is een map, geen registerbestand" in uitvoer.output


def test_import_says_when_it_creates_a_register(klachten_csv, register_pad):
    eerste = runner.invoke(app, ["register", "importeer", str(klachten_csv), "--register", str(register_pad)])
    assert eerste.exit_code == 0, eerste.output
    assert f"nieuw register aangemaakt: {register_pad}" in eerste.output
    tweede = runner.invoke(app, ["register", "importeer", str(klachten_csv), "--register", str(register_pad)])
    assert "nieuw register aangemaakt" not in tweede.output


@pytest.mark.parametrize("teken", [";;", "", "a", '"'])
def test_a_delimiter_that_cannot_work_is_refused_in_dutch(teken, klachten_csv, register_pad, tmp_path):
    runner.invoke(app, ["register", "importeer", str(klachten_csv), "--register", str(register_pad)])
    uitvoer = runner.invoke(app, ["register", "exporteer", str(tmp_path / "x.csv"), "--register",
                                  str(register_pad), "--scheidingsteken", teken])
    assert uitvoer.exit_code == 2 and uitvoer.exception is None or isinstance(uitvoer.exception, SystemExit)
    assert "bruikbaar" in uitvoer.output + uitvoer.stderr
    assert not (tmp_path / "x.csv").exists()


def test_the_web_server_shows_no_english_start_lines():
    from klachtclassificatie.web.server import logconfiguratie

    assert logconfiguratie()["loggers"]["uvicorn.error"]["level"] == "WARNING"


class _Vandaag(date):
    """4 December 2026 as today, so dates in 2026 are never in the future whatever the clock says."""

    @classmethod
    def today(cls):
        return date(2026, 12, 4)


@pytest.fixture
def register_2026(tmp_path, monkeypatch):
    """A register with two open complaints received in 2026, labels confirmed."""
    monkeypatch.setattr("klachtclassificatie.register._klacht.date", _Vandaag)
    bestand = tmp_path / "klachten-2026.csv"
    bestand.write_text("klachtnummer;ontvangstdatum;gemeente;programmaonderdeel;categorie;labels_bevestigd\n"
                       "K2026-901;2026-10-01;Houten;Werk;bejegening;ja\n"
                       "K2026-902;2026-10-12;Lopik;Inkomen;afhandelingsduur;ja\n", encoding="utf-8")
    pad = tmp_path / "register.sqlite"
    uitvoer = runner.invoke(app, ["register", "importeer", str(bestand), "--register", str(pad)])
    assert uitvoer.exit_code == 0, uitvoer.output
    return pad


def _gegrond_2026(pad) -> int:
    uitvoer = runner.invoke(app, ["jaarverslag", "--jaar", "2026", "--register", str(pad), "--formaat", "json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    return json.loads(uitvoer.stdout)["resultaat"]["gegrond"]["2026"]


AFHANDELEN = ["register", "afhandelen", "K2026-901", "--resultaat", "gegrond", "--samenvatting", "Excuses."]


def test_afhandelen_closes_a_complaint_and_the_annual_report_counts_it(register_2026):
    assert _gegrond_2026(register_2026) == 0
    uitvoer = runner.invoke(app, [*AFHANDELEN, "--afhandeldatum", "2026-11-02", "--register", str(register_2026),
                                  "--door", "Anna"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "K2026-901 afgehandeld op 2026-11-02: gegrond" in uitvoer.output
    assert _gegrond_2026(register_2026) == 1


def test_a_closing_date_before_receipt_is_refused_and_changes_no_byte(register_2026):
    voor = register_2026.read_bytes()
    uitvoer = runner.invoke(app, [*AFHANDELEN, "--afhandeldatum", "2026-09-30", "--register", str(register_2026)])
    assert uitvoer.exit_code == 1
    assert "afhandeldatum ligt vóór de ontvangstdatum" in uitvoer.stderr
    assert register_2026.read_bytes() == voor


def test_verleng_once_shows_the_new_term_and_refuses_a_second_time(register_2026):
    argumenten = ["register", "verleng", "k2026-902", "--register", str(register_2026)]
    uitvoer = runner.invoke(app, argumenten)
    assert uitvoer.exit_code == 0, uitvoer.output
    # received 12 October: six weeks make 23 November, four more 21 December
    assert "K2026-902 verlengd met vier weken; uiterste datum nu 2026-12-21" in uitvoer.output
    voor = register_2026.read_bytes()
    uitvoer = runner.invoke(app, argumenten)
    assert uitvoer.exit_code == 1
    assert "al verlengd" in uitvoer.stderr
    assert register_2026.read_bytes() == voor


def test_opschort_needs_toestemming(register_2026):
    argumenten = ["register", "opschort", "K2026-902", "--dagen", "14", "--register", str(register_2026)]
    voor = register_2026.read_bytes()
    uitvoer = runner.invoke(app, argumenten)
    assert uitvoer.exit_code == 1
    assert "geef --toestemming" in uitvoer.stderr
    assert register_2026.read_bytes() == voor
    uitvoer = runner.invoke(app, [*argumenten, "--toestemming"])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "uiterste datum nu 2026-12-07" in uitvoer.output  # 23 November plus 14 days


def test_wijzig_changes_fields_and_refuses_a_wrong_value_whole(register_2026):
    uitvoer = runner.invoke(app, ["register", "wijzig", "K2026-902", "--behandelaar", "P. de Vries",
                                  "--kanaal", "E-mail", "--register", str(register_2026)])
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "gewijzigd: kanaal, behandelaar" in uitvoer.output
    voor = register_2026.read_bytes()
    uitvoer = runner.invoke(app, ["register", "wijzig", "K2026-902", "--behandelaar", "Piet",
                                  "--klantnummer", "=1+1", "--register", str(register_2026)])
    assert uitvoer.exit_code == 1
    assert "klantnummer: ongeldig klantnummer '=1+1'" in uitvoer.stderr
    assert register_2026.read_bytes() == voor


@pytest.mark.parametrize("commando", [["verleng"], ["wijzig", "--behandelaar", "Piet"]])
def test_handling_commands_refuse_a_missing_register(commando, tmp_path):
    pad = tmp_path / "wli.sqlite"
    uitvoer = runner.invoke(app, ["register", commando[0], "K2026-901", *commando[1:], "--register", str(pad)])
    assert uitvoer.exit_code == 1
    assert "niet gevonden" in uitvoer.stderr
    assert not pad.exists()


def test_train_defaults_are_the_library_defaults():
    # the CLI spells them out (importing the library would slow down --help); they must not drift
    from klachtclassificatie.classificatie._maten import (
        MARGE_NIEUWE_ORGANISATIES,
        STANDAARD_NAUWKEURIGHEID,
    )

    opties = {p.name: p.default for p in typer_groep().commands["train"].params}
    assert opties["nauwkeurigheid"] == STANDAARD_NAUWKEURIGHEID
    assert opties["marge"] == MARGE_NIEUWE_ORGANISATIES
