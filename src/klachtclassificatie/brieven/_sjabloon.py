"""A letter template: an organisation's DOCX file with {{placeholders}}, opened and filled in."""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Iterator
from pathlib import Path

from klachtclassificatie.bestanden import kolomsleutel, schoon
from klachtclassificatie.fouten import BestandError

#: {{ name }}: the name may have spaces around it, capitals and spaces inside ({{Uiterste datum}}).
PLAATSHOUDER = re.compile(r"\{\{([^{}]*)\}\}")
#: A field the organisation fills in by hand, such as [naam behandelaar].
IN_TE_VULLEN = re.compile(r"\[[^\]\n]*\]")
_ONBRUIKBAAR = ("geen bruikbaar Word-document (.docx); is het beschadigd of in een ander formaat "
                "opgeslagen? Open het in Word en sla het op als 'Word-document (*.docx)'")


def open_sjabloon(pad: Path):
    """The template at `pad` as a python-docx Document; raises BestandError naming the file."""
    import docx

    if not pad.is_file():
        raise BestandError(pad, "sjabloon niet gevonden; zet een sjabloon met deze naam in de map, "
                                "of laat --sjablonen weg voor de meegeleverde sjablonen")
    try:
        with pad.open("rb") as bestand:
            return docx.Document(io.BytesIO(bestand.read()))
    except Exception as fout:  # python-docx raises many types for a damaged or foreign file
        raise BestandError(pad, _ONBRUIKBAAR) from fout


def _alineas(document) -> Iterator:
    """Every paragraph of the body, tables, text boxes, headers and footers."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    delen = [document.part] + [rel.target_part for rel in document.part.rels.values()
                               if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER)]
    for deel in delen:
        for p in deel.element.iter(qn("w:p")):
            yield Paragraph(p, None)


def vul_in(document, waarden: dict[str, str], *, pad: Path, soort: str) -> None:
    """Replace each {{placeholder}} by its value, also when Word split it over several runs.

    The text keeps the formatting of the run the placeholder starts in. Raises BestandError
    naming the template and every placeholder it does not know, or one it cannot fill (inside a
    hyperlink, field or tracked change).
    """
    alineas = list(_alineas(document))
    for alinea in alineas:
        _controleer(alinea, pad)
    onbekend = sorted({m.group(0) for alinea in alineas for m in PLAATSHOUDER.finditer(_tekst(alinea))
                       if kolomsleutel(m.group(1)) not in waarden})
    if onbekend:
        bekend = ", ".join("{{" + naam + "}}" for naam in waarden)
        raise BestandError(pad, f"onbekende plaatshouder {', '.join(onbekend)} in het sjabloon voor de "
                                f"{soort}; wel te gebruiken: {bekend}")
    velden = {waarde for waarde in waarden.values() if IN_TE_VULLEN.fullmatch(waarde)}
    for alinea in alineas:
        _vul_alinea_in(alinea, waarden)
        for run in list(alinea.runs):
            _markeer(run, velden)


def _controleer(alinea, pad: Path) -> None:
    """Refuse a {{ or }} without its other half, and a placeholder the runs of the paragraph do
    not hold (in a hyperlink, field, content control or tracked change), which would stay behind."""
    from docx.oxml.ns import qn

    p = alinea._p
    # all text of the paragraph itself, not that of a text box inside it (a paragraph of its own)
    alles = "".join(t.text or "" for t in p.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is p)
    rest = PLAATSHOUDER.sub("", alles)
    plaats = min((i for i in (rest.find("{{"), rest.find("}}")) if i >= 0), default=-1)
    if plaats >= 0:
        stuk = rest[max(plaats - 20, 0):plaats + 40].strip()
        raise BestandError(pad, f"een {{{{ of }}}} zonder tegenhanger bij '{stuk}'; schrijf een plaatshouder "
                                "als {{klachtnummer}}")
    if len(PLAATSHOUDER.findall(alles)) != len(PLAATSHOUDER.findall(_tekst(alinea))):
        in_runs = PLAATSHOUDER.findall(_tekst(alinea))
        stuk = next((m.group(0) for m in PLAATSHOUDER.finditer(alles) if m.group(1) not in in_runs),
                    PLAATSHOUDER.search(alles).group(0))
        raise BestandError(pad, f"plaatshouder {stuk} staat in een koppeling, veld of bijgehouden wijziging "
                                "en kan niet worden ingevuld; typ hem opnieuw als gewone tekst")


def _tekst(alinea) -> str:
    return "".join(run.text for run in alinea.runs)


def _vul_alinea_in(alinea, waarden: dict[str, str]) -> None:
    runs = alinea.runs
    teksten = [run.text for run in runs]
    geheel = "".join(teksten)
    if "{{" not in geheel:
        return
    lengtes = [len(tekst) for tekst in teksten]
    grenzen = [sum(lengtes[:index]) for index in range(len(lengtes))]  # where each run starts
    gewijzigd = set()
    # from the last to the first, so that the positions of earlier placeholders stay valid
    for vondst in reversed(list(PLAATSHOUDER.finditer(geheel))):
        begin, einde = vondst.span()
        eerste = _run_op(grenzen, lengtes, begin)
        laatste = _run_op(grenzen, lengtes, einde - 1)
        van, tot = begin - grenzen[eerste], einde - grenzen[laatste]
        waarde = schoon(waarden[kolomsleutel(vondst.group(1))])
        if eerste == laatste:
            teksten[eerste] = teksten[eerste][:van] + waarde + teksten[eerste][tot:]
        else:
            teksten[eerste] = teksten[eerste][:van] + waarde
            for tussen in range(eerste + 1, laatste):
                teksten[tussen] = ""
            teksten[laatste] = teksten[laatste][tot:]
        gewijzigd.update(range(eerste, laatste + 1))
    for index in gewijzigd:
        runs[index].text = teksten[index]


def _markeer(run, velden: set[str]) -> None:
    """Give a fill-in field the tool put in (such as [naam behandelaar]) a yellow background, as the
    fields of the template have: the run is split around it."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.text.run import Run

    tekst = run.text
    veld = min((v for v in velden if v in tekst), key=tekst.find, default=None)
    if veld is None or run.font.highlight_color is not None:
        return
    voor, _, na = tekst.partition(veld)
    run.text = voor
    midden = Run(copy.deepcopy(run._r), run._parent)
    run._r.addnext(midden._r)
    midden.text = veld
    midden.font.highlight_color = WD_COLOR_INDEX.YELLOW
    if na:
        rest = Run(copy.deepcopy(run._r), run._parent)
        midden._r.addnext(rest._r)
        rest.text = na
        _markeer(rest, velden)


def _run_op(grenzen: list[int], lengtes: list[int], positie: int) -> int:
    """The index of the run that held the character at `positie` of the paragraph's text."""
    return next(index for index, (begin, lengte) in enumerate(zip(grenzen, lengtes, strict=True))
                if begin <= positie < begin + lengte)


def als_bytes(document) -> bytes:
    uit = io.BytesIO()
    document.save(uit)
    return uit.getvalue()
