"""deduce: loading it once, and filtering its names to the ones that are personal data here."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from klachtclassificatie.privacy._deduce import _GEEN_NAMEN, _Lijsten
from klachtclassificatie.privacy._lui import _Lui, _woordenset
from klachtclassificatie.privacy._sleutels import _sleutel_tekst
from klachtclassificatie.privacy._typen import _Vondst

_LOG = logging.getLogger(__package__)

_TITELS = {"de heer"} | _woordenset(
    "mevrouw mevr mw mvr meneer mijnheer dhr heer mr drs dr ir ing ds prof fam familie",
    "collega zuster broer juffrouw",
)
_GROETEN = _woordenset("groet groeten groetjes gr hoogachtend namens door vriendelijke met")
_TUSSENVOEGSELS = _woordenset("van de der den het 't ter ten te op in el al la le da di du del von")
# Organisation words next to a name make it a company name, which is not personal data.
_ORGANISATIE = _Lui(
    r"^(?:b\.?v\.?|bv|n\.?v\.?|vof|bewind\w*|beschermingsbewind\w*|\w*bewindvoering|\w*beheer|incasso\w*"
    r"|\w*advies|\w*diensten|\w*dienstverlening|\w*techniek|\w*bouw|\w*wonen|\w*energie|\w*kantoor"
    r"|\w*deurwaarder\w*|advocaten|kapsalon|bakkerij|stichting|schoonmaak\w*|installatie\w*"
    r"|tuinen|catering|facilitair|financi\w*|loopbaan\w*|vertaalbureau|hoveniers\w*|transport\w*"
    r"|administratie\w*|holding|groep|zonen|\w+werken|\w+praktijk|fysiotherapie|\w*verzekeraar"
    r"|\w*verzekering(?:en)?|zorgcentrum|verpleeghuis|ziekenhuis|inloophuis|\w*centrum)$",
    re.IGNORECASE,
)
_WOORD = _Lui(r"[^\W\d_](?:[\w'’-]*[^\W\d_])?\.?|\d+")
_ZINSBEGIN = _Lui(r"(?:^|[.!?:;]\s*|\n\s*)[\"'“‘]?$")
# A capitalised word here is a place: "te Gouda", "3925 KL Scherpenzeel", "gemeente Hoorn".
_PLAATS_ERVOOR = _Lui(r"(?:\bte|\bgemeente|\d{4}[ \t]?[A-Z]{2})[ \t]+$", re.IGNORECASE)
_GROETREGEL = _Lui(
    r"(?:groet|groeten|groetjes|gr\.|hoogachtend|dank u wel|bedankt)\W*\s*$", re.IGNORECASE
)


def _woorden(tekst: str, start: int, einde: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WOORD.finditer(tekst[start:einde])]


def _is_naamwoord(woord: str, lijsten: _Lijsten) -> bool:
    kaal = woord.rstrip(".").casefold()
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]?", woord):
        return True  # initials
    delen = re.split(r"[-'’]", kaal)
    return any(d in lijsten.voornamen or d in lijsten.achternamen for d in delen if d)


def _is_achternaam_plaats(vorige: list[str], woord: str, lijsten: _Lijsten) -> bool:
    """A kept place word that is part of a name: "Kees van Houten", "Joost Vreeswijk"."""
    if not vorige or not woord[:1].isupper() or woord.isupper():
        return False
    if vorige[-1].casefold() in {"van", "de", "der", "den", "ter", "ten"}:
        vorige = vorige[:-1]
    return bool(
        vorige
        and vorige[-1][:1].isupper()
        and vorige[-1].rstrip(".").casefold() not in _TITELS
        and _is_naamwoord(vorige[-1], lijsten)
    )


def _opschonen_naam(
    tekst: str,
    start: int,
    einde: int,
    behouden: frozenset[str],
    lijsten: _Lijsten,
    *,
    zeker: bool = False,
) -> tuple[int, int] | None:
    """Trim a candidate name to the name itself, or None when it is not a name.

    `zeker` is for spans whose context already says "name" (a form field), so a lone word at
    the start of a line is not doubted.
    """
    woorden = _woorden(tekst, start, einde)
    # a name does not continue on the next line ("mevr. A.\nKanaal: e-mail")
    for i in range(1, len(woorden)):
        if "\n" in tekst[woorden[i - 1][1] : woorden[i][0]]:
            woorden = woorden[:i]
            break
    # cut at the first kept word, unless it is a surname here
    for i, (a, b) in enumerate(woorden):
        woord = tekst[a:b]
        if _sleutel_tekst(woord) in behouden:
            vorige = [tekst[x:y] for x, y in woorden[:i]]
            if not _is_achternaam_plaats(vorige, woord, lijsten):
                woorden = woorden[:i]
                break
    had_titel = False
    while woorden:
        eerste = tekst[woorden[0][0] : woorden[0][1]].rstrip(".").casefold()
        if eerste == "de" and len(woorden) > 1:
            eerste = "de " + tekst[woorden[1][0] : woorden[1][1]].casefold()
        if eerste not in _TITELS and eerste not in _GROETEN:
            break
        had_titel = had_titel or eerste in _TITELS
        woorden = woorden[len(eerste.split()) :]
    while woorden and (
        tekst[woorden[-1][0] : woorden[-1][1]].casefold() in _TUSSENVOEGSELS
        or tekst[woorden[-1][0]].islower()
    ):
        woorden = woorden[:-1]
    if not woorden:
        return None
    delen = [tekst[a:b] for a, b in woorden]
    if any(_ORGANISATIE.match(d) for d in delen) or _naast_organisatie(tekst, woorden):
        return None
    if not had_titel and _PLAATS_ERVOOR.search(tekst, max(0, woorden[0][0] - 20), woorden[0][0]):
        return None
    if not any(_is_naamwoord(d, lijsten) for d in delen) and not (had_titel or zeker):
        return None
    if (
        len(delen) == 1
        and not (had_titel or zeker)
        and _los_woord_geen_naam(tekst, woorden[0], lijsten)
    ):
        return None
    start, einde = woorden[0][0], woorden[-1][1]
    # deduce stops at a hyphen: "Sharon Tjin-A-Fo"
    verder = re.match(r"(?:-[^\W\d_]+)+", tekst[einde:])
    return start, einde + (verder.end() if verder else 0)


def _los_woord_geen_naam(tekst: str, woord: tuple[int, int], lijsten: _Lijsten) -> bool:
    """Whether a lone capitalised word without a title is more likely an ordinary word."""
    klein = tekst[woord[0] : woord[1]].casefold()
    ervoor = tekst[max(0, woord[0] - 40) : woord[0]]
    if klein in lijsten.gewone_woorden or klein in lijsten.stopwoorden:
        return True
    if re.search(r"\b(?:het|een|de)\s+$", ervoor, re.IGNORECASE):
        return True  # "in het Engels": a name takes no article
    # a capital at the start of a sentence says nothing, unless it is a first name or a signature
    return bool(
        _ZINSBEGIN.search(ervoor)
        and klein not in lijsten.voornamen
        and not _GROETREGEL.search(ervoor)
    )


def _naast_organisatie(tekst: str, woorden: list[tuple[int, int]]) -> bool:
    erna = tekst[woorden[-1][1] : woorden[-1][1] + 40]
    if erna.lstrip(" ").startswith("&"):
        return True  # "Lammers & Vos"
    volgende = re.match(r" (\S+)", erna)
    if volgende and volgende[1][:1].isupper() and _ORGANISATIE.match(volgende[1].rstrip(".,;:")):
        return True
    vorige = re.search(
        r"(\S+) (?:(?:de|het) )?$", tekst[max(0, woorden[0][0] - 40) : woorden[0][0]], re.I
    )
    return bool(vorige and _ORGANISATIE.match(vorige[1]))


_AANSPREEKVORM = r"mevrouw|mevr\.?|mw\.?|meneer|mijnheer|dhr\.?|de[ \t]+heer|familie|fam\."
_FUNCTIE = r"klantmanager|werkcoach|consulent|jobcoach|budgetcoach|bewindvoerder|teamleider|collega|medewerker"
_ZELF = r"ik[ \t]+ben|ik[ \t]+heet|mijn[ \t]+naam[ \t]+is"
_NAAM_NA_WOORD = _Lui(
    rf"\b(?:(?P<titel>{_AANSPREEKVORM})|(?P<functie>{_FUNCTIE})|(?P<zelf>{_ZELF}))[ \t]+"
    r"(?P<naam>(?P<voorletters>(?:[a-z]\.[ \t]*){0,4})"
    r"(?P<achternaam>(?:(?:van|de|der|den|ter|ten|te|el|al)[ \t]+){0,3}[^\W\d_](?:[\w'-]*[^\W\d_])?))",
    re.IGNORECASE,
)
# Words that follow a form of address but are no name ("meneer belt", "mevrouw wilde").
_GEEN_NAAM_NA_TITEL = _woordenset(
    "is was wordt werd heeft had hebben zegt zei zeg geeft gaf belt belde bel wil wilde kan kon",
    "moet moest gaat ging komt kwam vindt vond vraagt vroeg ligt lag staat stond ontvangt ontving",
    "ontvang vertelt vertelde wel niet nog ook zelf en of die dat",
)
_FORMULIERVELD = _Lui(
    r"^[ \t]*(?:naam|voornaam|achternaam|naam[ \t]+klant|klantnaam|klager|cli[eë]nt|inzake|namens"
    r"|contactpersoon|ondertekend|aanvrager|verzoeker)[ \t]*:[ \t]*(?P<naam>[^\n,;()\d]{2,60})",
    re.IGNORECASE | re.MULTILINE,
)


def _slordig(tekst: str) -> bool:
    """A text typed without capitals, where a lowercase word can still be a name."""
    beginnen = re.findall(r"(?:^|[.!?]\s+|\n\s*)([^\W\d_])", tekst)
    return sum(b.islower() for b in beginnen) * 2 >= len(beginnen)


def _naam_na_woord_ok(m: re.Match, slordig: bool, lijsten: _Lijsten) -> bool:
    woord = m["achternaam"].split()[-1].casefold()
    if woord in lijsten.stopwoorden or woord in _TUSSENVOEGSELS or woord in _TITELS:
        return False
    if woord in _GEEN_NAAM_NA_TITEL or woord in _GEEN_NAMEN:
        return False
    if m["achternaam"][:1].islower():
        lijst = lijsten.voornamen if m["zelf"] else lijsten.achternamen | lijsten.voornamen
        if m["titel"] and len(m["achternaam"].split()) > 1:
            return woord in lijst  # "mevr. de wit": an interfix makes it a name
        # Otherwise only in a text typed without capitals; after a title an adjective cannot
        # follow, so "meneer groen" is a name even though "groen" is a common word.
        gewoon = not m["titel"] and woord in lijsten.gewone_woorden  # "consulent weg"
        return slordig and woord in lijst and not gewoon
    return bool(m["titel"]) or _is_naamwoord(m["achternaam"].split()[-1], lijsten)


def _namen_uit_context(
    tekst: str, behouden: frozenset[str], lijsten: _Lijsten
) -> Iterable[_Vondst]:
    """Names the context announces: after a title or function, "ik ben ...", a form field."""
    slordig = _slordig(tekst)
    for m in _NAAM_NA_WOORD.finditer(tekst):
        if _sleutel_tekst(m["achternaam"]) in behouden:
            continue
        if _naam_na_woord_ok(m, slordig, lijsten):
            start, einde = m.start("naam"), m.end("naam")
        elif m["voorletters"].strip():
            start, einde = (
                m.start("voorletters"),
                m.start("voorletters") + len(m["voorletters"].rstrip()),
            )
        else:
            continue
        yield _Vondst(start, einde, "PERSOON", _sleutel_tekst(tekst[start:einde]))
    for m in _FORMULIERVELD.finditer(tekst):
        span = _opschonen_naam(tekst, m.start("naam"), m.end("naam"), behouden, lijsten, zeker=True)
        if span and len(_woorden(tekst, *span)) <= 6:
            yield _Vondst(*span, "PERSOON", _sleutel_tekst(tekst[span[0] : span[1]]))


_VOORLETTERS_ERVOOR = _Lui(r"(?<![\w.])(?:[A-Z]\.){1,4}[ \t]*\(?[ \t]*$")


def _voeg_namen_samen(tekst: str, namen: list[_Vondst]) -> list[_Vondst]:
    """One span for a name found in pieces: "Jan" "Koster", "Catharina (Ina) Boerma"."""
    spans: list[list[int]] = []
    for v in sorted(namen, key=lambda v: (v.start, -v.einde)):
        voorletters = _VOORLETTERS_ERVOOR.search(tekst, max(0, v.start - 12), v.start)
        start = voorletters.start() if voorletters else v.start  # "G.J. (Gerrit) van Vliet"
        tussen = tekst[spans[-1][1] : start] if spans else ""
        open_haakje = bool(spans) and tekst[spans[-1][0] : spans[-1][1]].count("(") > tekst[
            spans[-1][0] : spans[-1][1]
        ].count(")")
        if spans and (
            start <= spans[-1][1]
            or re.fullmatch(r"[ \t]+", tussen)
            or (open_haakje and re.fullmatch(r"\)[ \t]*", tussen))
        ):
            spans[-1][1] = max(spans[-1][1], v.einde)
        else:
            spans.append([start, v.einde])
    samen: list[list[int]] = []
    for span in spans:
        if (
            len(samen) >= 2
            and re.fullmatch(r"[ \t]*\([ \t]*", tekst[samen[-2][1] : samen[-1][0]])
            and re.fullmatch(r"[ \t]*\)[ \t]*", tekst[samen[-1][1] : span[0]])
        ):
            samen[-2:] = [[samen[-2][0], span[1]]]
        else:
            samen.append(span)
    return [_Vondst(a, b, "PERSOON", _sleutel_tekst(tekst[a:b])) for a, b in samen]


# ---------------------------------------------------------------------------------------------
# Names after a cue word, in any letter case: "groet kevin bos", "MIJN NAAM IS ...", "mw de wit"

# Cues after which only a listed first name can start a name ("ik ben boos" is no name).
_ZWAK = (
    r"(?:met[ \t]+)?(?:vriendelijke[ \t]+)?(?:groet(?:en|jes)?|gr\.|gr(?=[ \t]*[,\n])|grt\.?"
    r"|mvg|m\.v\.g\.?|hoogachtend|liefs)[ \t]*[,:]?(?:[ \t]*\n)?"
    r"|mijn[ \t]+naam[ \t]+is|ik[ \t]+ben|ik[ \t]+heet|heet|naam[ \t]*:?"
    r"|mijn[ \t]+(?:vriendin|vriend|partner|man|vrouw|zoon|dochter|moeder|vader|broer|zus|zwager"
    r"|schoonzus|schoonmoeder|schoonvader|buurman|buurvrouw|oom|tante|neef|nicht|ex|kleinzoon"
    r"|kleindochter)"
    rf"|{_FUNCTIE}"
)
# After a form of address a surname or an interfix can start a name too ("mw de jong").
_STERK = r"mevrouw|mevr\.?|mvr\.?|mw\.?|meneer|mijnheer|dhr\.?|heer"
# A signature line: "/ricardo", "— Jelle R." at the start of a line or after a sentence.
_ONDERTEKENING = r"(?:(?<=\n)|(?<=^)|(?<=[.!?][ \t]))[ \t]*(?:/|—|–|--?)"
_AANWIJZING = _Lui(
    rf"(?:\b(?:(?P<sterk>{_STERK})|(?P<zwak>{_ZWAK}))(?:(?<=[.:,\n])|(?!\w))"
    rf"|(?P<teken>{_ONDERTEKENING}))[ \t]*",
    re.IGNORECASE,
)
# Words in deduce's first-name lists that in lower case are ordinary words ("mijn dochter erin").
_GEEN_VOORNAAM_KLEIN = _woordenset(
    "erin erop eruit eraan erbij ken kader koop hang lei leen mense binne wille wisse line feite",
    "job max take just done has day said him else an",
)
_TOKEN = _Lui(r"v\.[ \t]?d\.|v/d|(?:[^\W\d_]\.){1,3}|[^\W\d_](?:[\w'’-]*[^\W\d_])?")
_AFKORTING_TUSSENVOEGSEL = frozenset({"v.d.", "v. d.", "v/d", "vd"})
# "dhr belde (theo)": a first name in brackets after a form of address and one word.
_NAAM_TUSSEN_HAAKJES = _Lui(r"[ \t]*\([ \t]*([^\W\d_]+)[ \t]*\)")


def _is_tussenvoegsel(woord: str) -> bool:
    klein = woord.casefold()
    return klein in _TUSSENVOEGSELS or klein in _AFKORTING_TUSSENVOEGSEL


def _in_lijst(woord: str, lijst: frozenset[str]) -> bool:
    return any(d in lijst for d in re.split(r"[-'’]", woord.casefold()) if d)


def _geen_naam(woord: str, lijsten: _Lijsten) -> bool:
    klein = woord.casefold()
    return (
        klein in lijsten.stopwoorden
        or klein in _GEEN_NAMEN
        or klein in _TITELS
        or klein in _GEEN_NAAM_NA_TITEL
        or bool(_ORGANISATIE.match(woord))
    )


def _is_hoofdletterwoord(woord: str) -> bool:
    """Capitalised as a name is ("Khatib", "IJsselstein"), not in capitals throughout."""
    return woord[:1].isupper() and not woord.isupper()


def _naam_na_aanwijzing(
    tekst: str, positie: int, sterk: bool, behouden: frozenset[str], lijsten: _Lijsten
) -> tuple[int, int] | None:
    """The name of 1-4 words deduce's lists recognise that starts at `positie`, if any."""
    delen: list[tuple[int, int, str]] = []  # start, end, kind: voornaam, naam, voorletters, tussen
    while len(delen) < 6:
        m = _TOKEN.match(tekst, positie)
        if not m:
            break
        woord, klein = m[0], m[0].casefold()
        vorige = delen[-1][2] if delen else None
        voornaam_eerst = bool(delen) and delen[0][2] in {"voornaam", "voorletters"}
        if _is_tussenvoegsel(woord) and (
            (vorige != "tussen" and (delen or sterk))
            or (vorige == "tussen" and klein in _TUSSENVOEGSELS)  # "van der"
        ):
            if not delen and klein == "van" and not _slordig(tekst):
                break  # "de meneer van kappers": in a text with capitals a name is capitalised
            soort = "tussen"
        elif re.fullmatch(r"(?:[A-Z]\.){1,3}", woord):
            soort = "voorletters"
        elif _sleutel_tekst(woord) in behouden:
            # a kept place is a surname after a first name and "van": "Karin van Houten"
            if not (vorige == "tussen" and voornaam_eerst and _is_hoofdletterwoord(woord)):
                break
            soort = "naam"
        elif not delen:
            if _geen_naam(woord, lijsten) or klein in lijsten.gewone_woorden and not sterk:
                break
            if woord.islower() and klein in _GEEN_VOORNAAM_KLEIN:
                break
            if klein in lijsten.voornamen and klein not in lijsten.gewone_woorden:
                soort = "voornaam"
            elif sterk and (_in_lijst(woord, lijsten.achternamen | lijsten.voornamen)):
                soort = "naam"
            else:
                break
        elif vorige == "tussen":
            # after an interfix a stop word can be a surname ("ter haar"), and after "el" or
            # a form of address any capitalised word ("heer El Khatib")
            if _in_lijst(woord, lijsten.achternamen | lijsten.voornamen) or (
                klein not in lijsten.stopwoorden
                and klein not in lijsten.gewone_woorden
                and (
                    tekst[delen[-1][0] : delen[-1][1]].casefold() == "el"
                    or (sterk and _is_hoofdletterwoord(woord))
                )
            ):
                soort = "naam"
            else:
                break
        elif _geen_naam(woord, lijsten):
            break
        elif _in_lijst(woord, lijsten.achternamen | lijsten.voornamen):
            soort = "naam"
        else:
            break
        delen.append((m.start(), m.end(), soort))
        volgende = re.match(r"[ \t]+", tekst[m.end() :])
        if not volgende:
            break
        positie = m.end() + volgende.end()
    while delen and delen[-1][2] == "tussen":
        delen.pop()
    if not delen or all(s == "voorletters" for _, _, s in delen):
        return None
    if delen[0][2] == "voorletters" and len(delen) < 2:
        return None
    return delen[0][0], delen[-1][1]


def _namen_na_aanwijzing(
    tekst: str, behouden: frozenset[str], lijsten: _Lijsten
) -> Iterable[_Vondst]:
    """Names announced by a greeting, "mijn naam is", a form of address or a signature."""
    for m in _AANWIJZING.finditer(tekst):
        sterk = bool(m["sterk"])
        span = _naam_na_aanwijzing(tekst, m.end(), sterk, behouden, lijsten)
        if span is None and sterk:
            # "dhr belde (theo)"
            h = re.match(r"[^\W\d_]+", tekst[m.end() :])
            haakjes = h and _NAAM_TUSSEN_HAAKJES.match(tekst, m.end() + h.end())
            if haakjes and _is_voornaam(haakjes[1], lijsten):
                span = haakjes.span(1)
        if span is not None:
            yield _Vondst(*span, "PERSOON", _sleutel_tekst(tekst[span[0] : span[1]]))


def _is_voornaam(woord: str, lijsten: _Lijsten) -> bool:
    klein = woord.casefold()
    return (
        klein in lijsten.voornamen
        and klein not in lijsten.gewone_woorden
        and not _geen_naam(woord, lijsten)
    )


def _bijnamen(
    tekst: str, namen: list[_Vondst], behouden: frozenset[str], lijsten: _Lijsten
) -> Iterable[_Vondst]:
    """A name in brackets right after a found name: "Katarzyna Nowak (Kasia)"; same person."""
    for v in namen:
        m = _NAAM_TUSSEN_HAAKJES.match(tekst, v.einde)
        if not m:
            continue
        woord = m[1]
        gewoon = woord.casefold() in lijsten.gewone_woorden or _geen_naam(woord, lijsten)
        hoofdletter = len(woord) >= 3 and woord[0].isupper() and woord[1:].islower()
        if _sleutel_tekst(woord) in behouden or gewoon:
            continue
        if hoofdletter or woord.casefold() in lijsten.voornamen:
            yield _Vondst(*m.span(1), "PERSOON", v.sleutel)


_WOORD_ERVOOR = _Lui(r"(?<![\w.-])([A-Z][a-z]{1,})[ \t]$")


def _met_voornaam_ervoor(
    tekst: str, v: _Vondst, behouden: frozenset[str], lijsten: _Lijsten
) -> _Vondst:
    """A found "de Kruijf" with the capitalised first name deduce does not know: "Ad de Kruijf"."""
    eerste = re.match(r"[^\W\d_]+", tekst[v.start : v.einde])
    if not eerste or eerste[0] not in _TUSSENVOEGSELS:
        return v
    m = _WOORD_ERVOOR.search(tekst, max(0, v.start - 30), v.start)
    if not m:
        return v
    woord, klein = m[1], m[1].casefold()
    if (
        _geen_naam(woord, lijsten)
        or klein in lijsten.gewone_woorden
        or _sleutel_tekst(woord) in behouden
    ):
        return v
    ervoor = tekst[max(0, m.start() - 40) : m.start()]
    if _ZINSBEGIN.search(ervoor) and not (_GROETREGEL.search(ervoor) or klein in lijsten.voornamen):
        return v
    return _Vondst(m.start(1), v.einde, "PERSOON", v.sleutel)
