import importlib.util
import io
import re
import shutil
import zipfile
from datetime import date

import docx
import pytest

from klachtclassificatie.brieven import (
    AFHANDELING,
    ONTVANGSTBEVESTIGING,
    PLAATSHOUDERS,
    STANDAARD_SJABLONEN,
    bestandsnaam,
    maak_brief,
)
from klachtclassificatie.fouten import BestandError, RegisterError

from ..conftest import PROJECTMAP
from .conftest import tekst_van

VANDAAG = date(2024, 6, 12)


def test_the_acknowledgement_has_number_dates_term_and_marked_fields(register):
    tekst = tekst_van(maak_brief(register, "T-004", ONTVANGSTBEVESTIGING, vandaag=VANDAAG))
    assert "Ons kenmerk\tT-004" in tekst and "Klachtnummer T-004" in tekst  # body and footer
    assert "Datum\t12 juni 2024" in tekst
    assert "Op 2 november 2024 hebben wij uw klacht ontvangen" in tekst
    assert "uiterlijk op 16 december 2024" in tekst  # six weeks is a Saturday: the Monday after
    assert "hoofdstuk 9 van de Algemene wet bestuursrecht" in tekst and "artikel 9:10 Awb" in tekst
    assert "behandeld door [naam behandelaar]" in tekst  # no behandelaar in the register
    assert "[Naam klager]" in tekst and "[Geachte heer/mevrouw ...]," in tekst
    assert "{{" not in tekst and "}}" not in tekst


def test_the_afhandeling_has_findings_resultaat_and_the_ombudsman(register):
    tekst = tekst_van(maak_brief(register, "t-002", AFHANDELING, vandaag=VANDAAG))
    assert "Ons kenmerk\tT-002" in tekst  # the number as the register spells it
    assert "Behandeld door\tklachtencoördinator" in tekst
    assert "Onze bevindingen\nAanvraag bleef liggen; excuses en betaling.\n" in tekst
    assert "Ons oordeel\nWij vinden uw klacht gegrond." in tekst
    assert "uw klacht op 10 juni 2024 afgesloten" in tekst
    assert "Nationale ombudsman" in tekst
    assert "{{" not in tekst and "}}" not in tekst


def test_an_unknown_or_open_complaint_has_no_letter(register):
    with pytest.raises(RegisterError, match="klacht T-999 staat niet in het register"):
        maak_brief(register, "T-999", ONTVANGSTBEVESTIGING)
    with pytest.raises(RegisterError, match="klacht T-004 is nog niet afgehandeld"):
        maak_brief(register, "T-004", AFHANDELING)


@pytest.fixture
def eigen_sjablonen(tmp_path):
    map_ = tmp_path / "eigen"
    shutil.copytree(STANDAARD_SJABLONEN, map_)
    return map_


def _voeg_toe(pad, tekst):
    document = docx.Document(pad)
    document.add_paragraph(tekst)
    document.save(pad)


def test_an_edited_template_in_the_organisations_folder_is_used(register, eigen_sjablonen):
    _voeg_toe(eigen_sjablonen / "ontvangstbevestiging.docx", "Gemeente {{ Gemeente }}, termijn {{uiterste datum}}.")
    tekst = tekst_van(maak_brief(register, "T-004", ONTVANGSTBEVESTIGING, sjablonen=eigen_sjablonen))
    assert "Gemeente Lopik, termijn 16 december 2024." in tekst


def test_a_placeholder_of_the_other_letter_is_unknown_and_names_the_file(register, eigen_sjablonen):
    pad = eigen_sjablonen / "ontvangstbevestiging.docx"
    _voeg_toe(pad, "Resultaat: {{resultaat}}")
    with pytest.raises(BestandError, match=r"ontvangstbevestiging.docx: onbekende plaatshouder {{resultaat}}"):
        maak_brief(register, "T-004", ONTVANGSTBEVESTIGING, sjablonen=eigen_sjablonen)


def test_a_missing_folder_or_template_is_named(register, eigen_sjablonen, tmp_path):
    with pytest.raises(BestandError, match="nergens: map met sjablonen niet gevonden"):
        maak_brief(register, "T-004", ONTVANGSTBEVESTIGING, sjablonen=tmp_path / "nergens")
    (eigen_sjablonen / "afhandeling.docx").unlink()
    with pytest.raises(BestandError, match="afhandeling.docx: sjabloon niet gevonden"):
        maak_brief(register, "T-002", AFHANDELING, sjablonen=eigen_sjablonen)


@pytest.mark.parametrize(("nummer", "naam"), [
    ("K2026-901", "afhandeling-K2026-901.docx"),
    ("K2026/01.a", "afhandeling-K2026-01-a.docx"),
    ("../..", "afhandeling-klacht.docx"),
])
def test_the_file_name_is_safe(nummer, naam):
    assert bestandsnaam(nummer, AFHANDELING) == naam


def _inhoud(docx_bytes: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archief:
        return {naam: archief.read(naam) for naam in archief.namelist()}


def test_the_committed_templates_are_what_the_script_makes():
    spec = importlib.util.spec_from_file_location("maak_sjablonen", PROJECTMAP / "sjablonen" / "maak_sjablonen.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    for naam, inhoud in script.maak().items():
        verwacht = _inhoud(inhoud)
        assert _inhoud((PROJECTMAP / "sjablonen" / naam).read_bytes()) == verwacht, naam
        assert _inhoud((STANDAARD_SJABLONEN / naam).read_bytes()) == verwacht, naam


def test_the_readme_lists_each_placeholder_with_the_letters_it_is_in():
    readme = (PROJECTMAP / "README.md").read_text(encoding="utf-8")
    rijen = re.findall(r"^\| `\{\{(\w+)\}\}` \| .* \| (beide|afhandeling) \|$", readme, re.M)
    assert dict(rijen) == {naam: "beide" if naam in PLAATSHOUDERS[ONTVANGSTBEVESTIGING] else "afhandeling"
                           for naam in PLAATSHOUDERS[AFHANDELING]}
