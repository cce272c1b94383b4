from datetime import date

import pytest

from klachtclassificatie.fouten import RegisterError
from klachtclassificatie.register import (
    Register,
    WijzigingGeweigerd,
    handel_af,
    schort_op,
    uiterste_datum,
    verleng,
    wijzig,
)

VANDAAG = date(2026, 12, 4)
KOP = "klachtnummer,ontvangstdatum,gemeente,categorie,programmaonderdeel,labels_bevestigd\n"


@pytest.fixture
def register(tmp_path):
    """A register with one open complaint received on 2026-10-01."""
    bestand = tmp_path / "klachten.csv"
    bestand.write_text(KOP + "K2026-901,2026-10-01,Houten,bejegening,Werk,ja\n", encoding="utf-8")
    pad = tmp_path / "register.sqlite"
    from klachtclassificatie.register import importeer

    importeer(pad, bestand, door="test", vandaag=VANDAAG)
    with Register.open(pad, aanmaken=False) as open_register:
        yield open_register


def _sluit(register, **anders):
    waarden = {"afhandeldatum": "2026-11-02", "resultaat": "gegrond", "samenvatting": "Excuses gemaakt.",
               "door": "Anna", "bron": "test", "vandaag": VANDAAG, **anders}
    return handel_af(register, "K2026-901", **waarden)


def test_closing_sets_the_fields_and_audits_each_with_who_and_source(register):
    stand = _sluit(register, procedure="informeel", behandelaar="Piet")
    rij = register.rij("K2026-901")
    assert (rij["afhandeldatum"], rij["resultaat"], rij["samenvatting"]) == ("2026-11-02", "gegrond",
                                                                             "Excuses gemaakt.")
    assert (rij["procedure"], rij["behandelaar"]) == ("informeel", "Piet")
    audit = register.audit("K2026-901")
    laatste = audit[audit["bron"] == "test"]
    assert set(laatste["veld"]) == {"afhandeldatum", "resultaat", "samenvatting", "procedure", "behandelaar"}
    assert set(laatste["door"]) == {"Anna"}
    assert stand.afhandeldatum == "2026-11-02"


def test_a_resultaat_is_read_by_the_vocabulary(register):
    _sluit(register, resultaat="Niet-ontvankelijk")
    assert register.rij("K2026-901")["resultaat"] == "niet ontvankelijk"


@pytest.mark.parametrize(("waarden", "melding"), [
    ({"afhandeldatum": "2026-09-30"}, "afhandeldatum ligt vóór de ontvangstdatum"),
    ({"afhandeldatum": "2026-12-05"}, "ligt in de toekomst"),
    ({"afhandeldatum": "1999-12-31"}, "vóór 2000-01-01"),
    ({"resultaat": "prima"}, "onbekend"),
    ({"samenvatting": "  "}, "samenvatting"),
    ({"resultaat": ""}, "verplicht"),
])
def test_a_wrong_closing_is_refused_and_changes_nothing(register, waarden, melding):
    auditregels = len(register.audit())
    with pytest.raises(RegisterError, match=melding):
        _sluit(register, **waarden)
    rij = register.rij("K2026-901")
    assert rij["afhandeldatum"] is None and rij["resultaat"] is None
    assert len(register.audit()) == auditregels


def test_a_closed_complaint_can_be_corrected_and_the_correction_is_audited(register):
    _sluit(register)
    stand = _sluit(register, resultaat="ongegrond", bron="correctie")
    assert stand.wijzigingen == {"resultaat": ("gegrond", "ongegrond")}
    correctie = register.audit("K2026-901").query("bron == 'correctie'")
    assert correctie[["veld", "oude_waarde", "nieuwe_waarde"]].values.tolist() == [
        ["resultaat", "gegrond", "ongegrond"]]


def test_wijzig_changes_fields_and_empties_with_an_empty_value(register):
    wijzig(register, "k2026-901", {"behandelaar": "Piet", "kanaal": "E-mail", "klantnummer": "12/34"},
           door="Anna", bron="test", vandaag=VANDAAG)
    assert register.rij("K2026-901")["kanaal"] == "e-mail"
    stand = wijzig(register, "K2026-901", {"behandelaar": ""}, door="Anna", bron="test", vandaag=VANDAAG)
    assert register.rij("K2026-901")["behandelaar"] is None
    assert stand.wijzigingen == {"behandelaar": ("Piet", None)}


@pytest.mark.parametrize(("velden", "melding"), [
    ({"klantnummer": "=1+1"}, "klantnummer: ongeldig klantnummer"),
    ({"gemeente": ""}, "gemeente: verplichte waarde ontbreekt"),
    ({"afhandeldatum": "2026-11-02"}, "afgehandelde klacht zonder resultaat"),
    ({"labels_bevestigd": "nee"}, "kan zo niet worden gewijzigd"),
    ({}, "geen veld"),
])
def test_wijzig_refuses_wrong_values_and_changes_nothing(register, velden, melding):
    voor = register.rij("K2026-901")
    with pytest.raises(RegisterError, match=melding):
        wijzig(register, "K2026-901", velden, door="Anna", bron="test", vandaag=VANDAAG)
    assert register.rij("K2026-901") == voor


def test_an_unknown_complaint_is_named(register):
    with pytest.raises(RegisterError, match="K2026-999 staat niet in het register"):
        verleng(register, "K2026-999", door="Anna", bron="test")


def test_an_extension_adds_four_weeks_once(register):
    stand = verleng(register, "K2026-901", door="Anna", bron="test")
    # six weeks after 1 October is 12 November, four more make 10 December
    assert stand.uiterste_datum == date(2026, 12, 10)
    assert register.rij("K2026-901")["verlenging"] == 1
    with pytest.raises(RegisterError, match="al verlengd"):
        verleng(register, "K2026-901", door="Anna", bron="test")
    assert len(register.audit("K2026-901").query("veld == 'verlenging'")) == 1


def test_a_suspension_needs_consent_and_adds_up_to_the_maximum(register):
    with pytest.raises(RegisterError, match="toestemming"):
        schort_op(register, "K2026-901", 14, toestemming=False, door="Anna", bron="test")
    stand = schort_op(register, "K2026-901", 14, toestemming=True, door="Anna", bron="test")
    assert stand.uiterste_datum == uiterste_datum(date(2026, 10, 1), opschorting_dagen=14)
    schort_op(register, "K2026-901", "300", toestemming=True, door="Anna", bron="test")
    with pytest.raises(RegisterError, match="314 dagen eerder wordt het 366 dagen"):
        schort_op(register, "K2026-901", 52, toestemming=True, door="Anna", bron="test")
    assert register.rij("K2026-901")["opschorting_dagen"] == 314
    regels = register.audit("K2026-901").query("veld == 'opschorting_dagen'")
    assert regels["nieuwe_waarde"].tolist() == ["14", "314"]
    assert set(regels["bron"]) == {"test (met toestemming van de klager)"}


@pytest.mark.parametrize("dagen", [0, "-3", "veel", "366"])
def test_a_suspension_of_a_wrong_number_of_days_is_refused(register, dagen):
    with pytest.raises(RegisterError, match="niet opgeschort"):
        schort_op(register, "K2026-901", dagen, toestemming=True, door="Anna", bron="test")
    assert register.rij("K2026-901")["opschorting_dagen"] == 0


def test_moving_receipt_after_the_closing_date_is_refused(register):
    _sluit(register)
    with pytest.raises(RegisterError, match="afhandeldatum ligt vóór de ontvangstdatum"):
        wijzig(register, "K2026-901", {"ontvangstdatum": "2026-11-03"}, door="Anna", bron="test", vandaag=VANDAAG)
    stand = wijzig(register, "K2026-901", {"ontvangstdatum": "2026-10-02"}, door="Anna", bron="test",
                   vandaag=VANDAAG)
    assert stand.uiterste_datum == date(2026, 11, 13)  # the term follows the corrected receipt


def test_a_refusal_names_each_wrong_field_for_a_form(register):
    with pytest.raises(WijzigingGeweigerd) as geweigerd:
        wijzig(register, "K2026-901", {"klantnummer": "=1+1", "ontvangstdatum": "1900-01-01"}, door="Anna",
               bron="test", vandaag=VANDAAG)
    assert geweigerd.value.velden == {
        "klantnummer": "ongeldig klantnummer '=1+1'; toegestaan: letters, cijfers, - en / (geen spaties)",
        "ontvangstdatum": "datum 1900-01-01 ligt vóór 2000-01-01; controleer het jaartal"}
    with pytest.raises(WijzigingGeweigerd, match="klacht K2026-901 niet afgehandeld: afhandeldatum ligt vóór") \
            as geweigerd:
        _sluit(register, afhandeldatum="2026-09-30")
    assert list(geweigerd.value.velden) == ["afhandeldatum"]
    with pytest.raises(WijzigingGeweigerd) as geweigerd:
        _sluit(register, resultaat=" ", samenvatting="")
    assert list(geweigerd.value.velden) == ["resultaat", "samenvatting"]


def test_a_suspension_against_the_days_seen_is_refused_when_they_changed(register):
    schort_op(register, "K2026-901", 14, toestemming=True, door="Anna", bron="test", eerder=0)
    with pytest.raises(WijzigingGeweigerd, match="intussen gewijzigd van 0 naar 14 dagen") as geweigerd:
        schort_op(register, "K2026-901", 14, toestemming=True, door="Anna", bron="test", eerder=0)
    assert list(geweigerd.value.velden) == ["dagen"]
    assert register.rij("K2026-901")["opschorting_dagen"] == 14
    schort_op(register, "K2026-901", 7, toestemming=True, door="Anna", bron="test", eerder=14)
    assert register.rij("K2026-901")["opschorting_dagen"] == 21
