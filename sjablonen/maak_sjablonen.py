"""Make the two letter templates: ontvangstbevestiging.docx and afhandeling.docx.

Run from the repository root after changing a text below:

    .venv/bin/python sjablonen/maak_sjablonen.py

It writes both templates here (sjablonen/) and the copy shipped inside the package
(src/klachtclassificatie/brieven/sjablonen/). Text between square brackets is a field the
organisation fills in by hand (shown on a yellow background); {{name}} is a placeholder the tool
fills in (see README, "Brieven").
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from klachtclassificatie.bestanden import schrijf_atomair

HIER = Path(__file__).resolve().parent
DOELEN = (HIER, HIER.parent / "src" / "klachtclassificatie" / "brieven" / "sjablonen")
IN_TE_VULLEN = re.compile(r"(\[[^\]]*\])")

#: A letter as lines: ("kop", text) is a bold heading, ("gegevens", label, value) a line of the
#: reference block, ("", text) a paragraph; an empty text is an empty line.
ADRES = [("", "[Naam klager]"), ("", "[Straat en huisnummer]"), ("", "[Postcode en woonplaats]"), ("", "")]
GROET = [
    ("", ""),
    ("", "Met vriendelijke groet,"),
    ("", ""),
    ("", ""),
    ("", "[Naam ondertekenaar]"),
    ("", "[Functie ondertekenaar]"),
]
VRAGEN = [
    ("kop", "Heeft u nog vragen?"),
    ("", "Neem dan contact op met [naam contactpersoon], telefoon [telefoonnummer], e-mail "
         "[e-mailadres]. Wilt u daarbij het klachtnummer {{klachtnummer}} noemen?"),
]

BRIEVEN = {
    "ontvangstbevestiging": [
        *ADRES,
        ("gegevens", "Datum", "{{datum}}"),
        ("gegevens", "Ons kenmerk", "{{klachtnummer}}"),
        ("gegevens", "Behandeld door", "{{behandelaar}}"),
        ("gegevens", "Onderwerp", "Ontvangstbevestiging van uw klacht"),
        ("", ""),
        ("", "[Geachte heer/mevrouw ...],"),
        ("", ""),
        ("", "Op {{ontvangstdatum}} hebben wij uw klacht ontvangen. Met deze brief bevestigen wij de "
             "ontvangst. Uw klacht is bij ons geregistreerd onder nummer {{klachtnummer}}."),
        ("kop", "Hoe behandelen wij uw klacht?"),
        ("", "Wij behandelen uw klacht volgens hoofdstuk 9 van de Algemene wet bestuursrecht (Awb). "
             "Uw klacht wordt behandeld door {{behandelaar}}. De behandelaar was zelf niet betrokken "
             "bij de gedraging waarover u klaagt."),
        ("kop", "U krijgt de gelegenheid om gehoord te worden"),
        ("", "Voordat wij een oordeel geven over uw klacht, krijgt u de gelegenheid om uw klacht "
             "mondeling toe te lichten (artikel 9:10 Awb). Wij nemen hiervoor contact met u op. "
             "Wilt u liever niet gehoord worden? Laat het ons dan weten."),
        ("kop", "Wanneer hoort u van ons?"),
        ("", "Wij handelen uw klacht uiterlijk op {{uiterste_datum}} af (artikel 9:11 Awb). Lukt dat "
             "niet, dan kunnen wij de afhandeling één keer met ten hoogste vier weken uitstellen. Dat "
             "laten wij u dan vóór die datum schriftelijk weten."),
        *VRAGEN,
        *GROET,
    ],
    "afhandeling": [
        *ADRES,
        ("gegevens", "Datum", "{{datum}}"),
        ("gegevens", "Ons kenmerk", "{{klachtnummer}}"),
        ("gegevens", "Behandeld door", "{{behandelaar}}"),
        ("gegevens", "Onderwerp", "Afhandeling van uw klacht"),
        ("", ""),
        ("", "[Geachte heer/mevrouw ...],"),
        ("", ""),
        ("", "Op {{ontvangstdatum}} hebben wij uw klacht ontvangen. Wij hebben uw klacht behandeld "
             "volgens hoofdstuk 9 van de Algemene wet bestuursrecht (Awb). In deze brief leest u wat "
             "wij hebben onderzocht, wat ons oordeel is en welke conclusies wij daaraan verbinden "
             "(artikel 9:12 Awb)."),
        ("", ""),
        ("", "[Op (datum) heeft u uw klacht mondeling toegelicht in een gesprek met (naam). Of: U heeft "
             "laten weten dat u niet gehoord wilde worden.]"),
        ("kop", "Onze bevindingen"),
        ("", "{{bevindingen}}"),
        ("kop", "Ons oordeel"),
        ("", "{{oordeel}}"),
        ("kop", "Conclusies"),
        ("", "[Beschrijf hier welke conclusies wij aan ons oordeel verbinden, zoals excuses, herstel of "
             "een maatregel. Zijn er geen conclusies, verwijder dan dit kopje en deze tekst.]"),
        ("", ""),
        ("", "Wij hebben de behandeling van uw klacht op {{afhandeldatum}} afgesloten."),
        ("kop", "Bent u het niet eens met deze afhandeling?"),
        ("", "Dan kunt u zich wenden tot de Nationale ombudsman. Doe dit binnen een jaar nadat wij uw "
             "klacht hebben afgehandeld. De Nationale ombudsman onderzoekt klachten over de overheid "
             "onafhankelijk en kosteloos. U kunt uw klacht indienen via www.nationaleombudsman.nl, per "
             "post (Nationale ombudsman, Postbus 93122, 2509 AC Den Haag) of telefonisch via "
             "0800 33 55 555 (gratis)."),
        *VRAGEN,
        *GROET,
    ],
}
TITELS = {"ontvangstbevestiging": "Ontvangstbevestiging klacht", "afhandeling": "Afhandeling klacht"}
#: Fixed metadata, so that a template made again differs only where its text changed.
GEMAAKT = datetime(2026, 12, 1)


def _voeg_tekst_toe(alinea, tekst: str, *, vet: bool = False) -> None:
    """Add `tekst` to a paragraph; each [field] gets a yellow background."""
    for stuk in IN_TE_VULLEN.split(tekst):
        if stuk:
            run = alinea.add_run(stuk)
            run.bold = vet or None
            if IN_TE_VULLEN.fullmatch(stuk):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _stijl(document) -> None:
    normaal = document.styles["Normal"]
    normaal.font.name = "Arial"
    normaal.font.size = Pt(10.5)
    normaal.paragraph_format.space_after = Pt(0)
    taal = OxmlElement("w:lang")
    taal.set(qn("w:val"), "nl-NL")
    normaal.element.get_or_add_rPr().append(taal)


def bouw(soort: str):
    """The template of `soort` as a python-docx Document."""
    document = Document()
    _stijl(document)
    sectie = document.sections[0]
    sectie.page_width, sectie.page_height = Cm(21), Cm(29.7)  # A4
    sectie.left_margin = sectie.right_margin = Cm(2.5)
    _voeg_tekst_toe(sectie.header.paragraphs[0], "[Naam en logo van de organisatie]")
    _voeg_tekst_toe(sectie.footer.paragraphs[0], "Klachtnummer {{klachtnummer}}")
    for regel in BRIEVEN[soort]:
        alinea = document.add_paragraph()
        if regel[0] == "kop":
            alinea.paragraph_format.space_before = Pt(10)
            _voeg_tekst_toe(alinea, regel[1], vet=True)
        elif regel[0] == "gegevens":
            alinea.paragraph_format.tab_stops.add_tab_stop(Cm(3.5))
            _voeg_tekst_toe(alinea, f"{regel[1]}\t{regel[2]}")
        else:
            _voeg_tekst_toe(alinea, regel[1])
    eigenschappen = document.core_properties
    eigenschappen.title = TITELS[soort]
    eigenschappen.author = eigenschappen.last_modified_by = "klachtclassificatie"
    eigenschappen.created = eigenschappen.modified = GEMAAKT
    eigenschappen.revision = 1
    return document


def _vaste_datums(inhoud: bytes) -> bytes:
    """The DOCX with one fixed date on each file inside it, so that an unchanged template made
    again is the same file (and git sees no change)."""
    uit = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(inhoud)) as bron, zipfile.ZipFile(uit, "w") as doel:
        for info in bron.infolist():
            vast = zipfile.ZipInfo(info.filename, date_time=GEMAAKT.timetuple()[:6])
            doel.writestr(vast, bron.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    return uit.getvalue()


def maak() -> dict[str, bytes]:
    """Each template's file name and DOCX bytes."""
    uit = {}
    for soort in BRIEVEN:
        inhoud = io.BytesIO()
        bouw(soort).save(inhoud)
        uit[f"{soort}.docx"] = _vaste_datums(inhoud.getvalue())
    return uit


def main() -> None:
    for naam, inhoud in maak().items():
        for map_ in DOELEN:
            schrijf_atomair(map_ / naam, inhoud)
            print(f"geschreven: {map_ / naam}")


if __name__ == "__main__":
    main()
