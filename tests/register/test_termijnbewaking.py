"""The termijnbewaking: open complaints, their legal deadline, and which are late or due soon."""

import json
from datetime import date

import pandas as pd
import pytest
from typer.testing import CliRunner

from klachtclassificatie.cli._nederlands import NederlandseApp
from klachtclassificatie.cli.web import termijnen
from klachtclassificatie.register import (
    BINNEN_EEN_WEEK,
    OP_TIJD,
    TE_LAAT,
    Register,
    bewaak,
    maak_frame,
    stand,
)

WOENSDAG = date(2024, 6, 12)

#: (klachtnummer, ontvangstdatum, verlenging, opschorting_dagen, afhandeldatum); the comments give
#: the last day and how it stands on Wednesday 12 June 2024.
KLACHTEN = [
    ("A-gisteren", "2024-04-30", 0, 0, None),  # 11 June: one day late
    ("B-vandaag", "2024-05-01", 0, 0, None),  # 12 June: the last day is today
    ("C-over-zeven", "2024-05-08", 0, 0, None),  # 19 June: exactly a week
    ("D-over-acht", "2024-05-09", 0, 0, None),  # 20 June: more than a week
    ("E-verlengd", "2024-04-03", 1, 0, None),  # 6 + 4 weeks: 12 June
    ("F-opgeschort", "2024-04-22", 0, 10, None),  # 3 June + 10 days: 13 June
    ("G-zaterdag", "2024-05-04", 0, 0, None),  # Saturday 15 June runs on to Monday 17 June
    ("H-afgehandeld", "2024-01-02", 0, 0, "2024-03-01"),  # closed: not watched
]


def _frame(klachten=KLACHTEN) -> pd.DataFrame:
    return maak_frame(pd.DataFrame([
        {"klachtnummer": n, "ontvangstdatum": d, "gemeente": "Houten", "verlenging": v,
         "opschorting_dagen": o, "afhandeldatum": a, "resultaat": "ongegrond" if a else None}
        for n, d, v, o, a in klachten
    ]))


def test_each_open_complaint_gets_its_deadline_and_standing():
    bewaking = bewaak(_frame(), peildatum=WOENSDAG)
    per_nummer = {k.klachtnummer: k for k in bewaking.klachten}
    assert "H-afgehandeld" not in per_nummer
    assert {n: (k.uiterste_datum.isoformat(), k.dagen_over, k.stand) for n, k in per_nummer.items()} == {
        "A-gisteren": ("2024-06-11", 1, TE_LAAT),  # dagen_over: days past the term
        "B-vandaag": ("2024-06-12", 0, BINNEN_EEN_WEEK),
        "C-over-zeven": ("2024-06-19", -7, BINNEN_EEN_WEEK),
        "D-over-acht": ("2024-06-20", -8, OP_TIJD),
        "E-verlengd": ("2024-06-12", 0, BINNEN_EEN_WEEK),
        "F-opgeschort": ("2024-06-13", -1, BINNEN_EEN_WEEK),
        "G-zaterdag": ("2024-06-17", -5, BINNEN_EEN_WEEK),
    }
    assert [k.klachtnummer for k in bewaking.te_laat] == ["A-gisteren"]
    assert bewaking.klachten[0].klachtnummer == "A-gisteren"  # most urgent first
    assert bewaking.klachten[-1].klachtnummer == "D-over-acht"


def test_a_past_peildatum_judges_the_register_as_it_was_that_day():
    klachten = _frame([
        ("P-later-ontvangen", "2024-06-20", 0, 0, None),  # not yet received on 12 June
        ("Q-later-afgehandeld", "2024-04-15", 0, 0, "2024-07-01"),  # still open on 12 June
        ("R-die-dag-afgehandeld", "2024-04-15", 0, 0, "2024-06-12"),  # closed on 12 June itself
        ("S-nog-open", "2024-06-03", 0, 0, None),
    ])
    bewaking = bewaak(klachten, peildatum=WOENSDAG)
    # Q: 15 April + 6 weeks = Monday 27 May, 16 days before 12 June; S: 15 July, 33 days left
    assert [(k.klachtnummer, k.uiterste_datum.isoformat(), k.dagen_over, k.stand) for k in bewaking.klachten] == [
        ("Q-later-afgehandeld", "2024-05-27", 16, TE_LAAT),
        ("S-nog-open", "2024-07-15", -33, OP_TIJD),
    ]
    assert bewaking.klachten[0].dagen_tekst == "16 dagen te laat"
    assert bewaking.klachten[1].dagen_tekst == "nog 33 dagen"


def test_a_term_ending_on_whit_monday_runs_to_tuesday():
    # 8 April 2024 + 6 weeks = Monday 20 May 2024, tweede pinksterdag
    klachten = _frame([("P-1", "2024-04-08", 0, 0, None)])
    assert bewaak(klachten, peildatum=date(2024, 5, 21)).klachten[0].stand == BINNEN_EEN_WEEK
    assert bewaak(klachten, peildatum=date(2024, 5, 22)).klachten[0].stand == TE_LAAT


@pytest.mark.parametrize(("dagen", "verwacht"), [(-1, TE_LAAT), (0, BINNEN_EEN_WEEK), (7, BINNEN_EEN_WEEK),
                                                 (8, OP_TIJD)])
def test_standing_at_the_edges(dagen, verwacht):
    assert stand(date.fromordinal(WOENSDAG.toordinal() + dagen), WOENSDAG) == verwacht


def test_days_in_words():
    teksten = {k.klachtnummer: k.dagen_tekst for k in bewaak(_frame(), peildatum=WOENSDAG).klachten}
    assert teksten["A-gisteren"] == "1 dag te laat"
    assert teksten["B-vandaag"] == "vandaag de laatste dag"
    assert teksten["C-over-zeven"] == "nog 7 dagen"


@pytest.fixture
def termijnen_app():
    app = NederlandseApp(help="Test.")
    register_app = NederlandseApp(help="Register.")
    register_app.command("termijnen")(termijnen)
    app.add_typer(register_app, name="register")
    return app


@pytest.fixture
def register_met_open_klachten(register_pad):
    with Register.open(register_pad) as register:
        register.importeer_klachten(
            [{"klachtnummer": n, "ontvangstdatum": d, "gemeente": "Houten", "verlenging": v,
              "opschorting_dagen": o, "afhandeldatum": a, "resultaat": "ongegrond" if a else None}
             for n, d, v, o, a in KLACHTEN], door="test", bron="test")
    return register_pad


def test_command_lists_open_complaints(termijnen_app, register_met_open_klachten):
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--register",
                                                 str(register_met_open_klachten), "--peildatum", "12-06-2024"],
                                 terminal_width=160)
    assert uitvoer.exit_code == 0, uitvoer.output
    assert "7 open klachten, 1 te laat, 5 binnen een week" in uitvoer.output
    assert "A-gisteren" in uitvoer.output and "H-afgehandeld" not in uitvoer.output


def test_command_with_a_past_peildatum(termijnen_app, register_met_open_klachten):
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--register",
                                                 str(register_met_open_klachten), "--peildatum", "2024-05-01",
                                                 "--json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    data = json.loads(uitvoer.stdout)
    # received by 1 May and not closed: A, B, E and F; all still within their term
    assert [k["klachtnummer"] for k in data["klachten"]] == ["A-gisteren", "B-vandaag", "E-verlengd", "F-opgeschort"]
    assert [k["dagen_over"] for k in data["klachten"]] == [-41, -42, -42, -43]


def test_command_json(termijnen_app, register_met_open_klachten):
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--register",
                                                 str(register_met_open_klachten), "--peildatum", "2024-06-12",
                                                 "--json"])
    assert uitvoer.exit_code == 0, uitvoer.output
    data = json.loads(uitvoer.stdout)
    assert (data["open"], data["te_laat"], data["binnen_een_week"]) == (7, 1, 5)
    assert data["klachten"][0] == {
        "klachtnummer": "A-gisteren", "ontvangstdatum": "2024-04-30", "gemeente": "Houten",
        "programmaonderdeel": None, "categorie": None, "behandelaar": None, "verlenging": False,
        "opschorting_dagen": 0, "uiterste_datum": "2024-06-11", "dagen_over": 1, "stand": "te laat",
    }


def test_command_errors_are_dutch(termijnen_app, tmp_path):
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--register", str(tmp_path / "geen.sqlite")])
    assert uitvoer.exit_code == 1
    assert "niet gevonden" in uitvoer.output
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--register", str(tmp_path / "x"),
                                                 "--peildatum", "31-02-2024"])
    assert uitvoer.exit_code == 2
    assert "bestaat niet" in uitvoer.output


def test_command_help_is_dutch_with_an_example(termijnen_app):
    uitvoer = CliRunner().invoke(termijnen_app, ["register", "termijnen", "--help"], terminal_width=120)
    assert uitvoer.exit_code == 0
    assert "Gebruik:" in uitvoer.output and "Voorbeeld:" in uitvoer.output
