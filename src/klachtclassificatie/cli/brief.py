"""The `klachten brief` commands: the letters the Awb asks for, as DOCX from templates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import STANDAARD_REGISTER, RegisterOptie, app, meld_fouten
from klachtclassificatie.cli._nederlands import NederlandseApp

brief_app = NederlandseApp(
    help="Brieven bij een klacht als Word-document (DOCX): de ontvangstbevestiging (Awb 9:6) en de "
    "afhandeling met bevindingen, oordeel en conclusies (Awb 9:12).\n\n"
    "Voorbeeld: `klachten brief ontvangstbevestiging K2026-901`"
)
app.add_typer(brief_app, name="brief")

SjablonenOptie = Annotated[
    Path | None,
    typer.Option("--sjablonen", envvar="KLACHTEN_SJABLONEN", show_default=False,
                 help="Map met de eigen sjablonen van de organisatie (ontvangstbevestiging.docx en "
                      "afhandeling.docx); standaard de meegeleverde sjablonen."),
]
NummerArgument = Annotated[str, typer.Argument(help="Het klachtnummer, zoals K2026-901 (hoofdletters tellen niet).")]
UitOptie = Annotated[
    Path | None,
    typer.Option("--uit", show_default=False,
                 help="Het Word-bestand om te schrijven; standaard <soort>-<klachtnummer>.docx in de huidige map."),
]
OverschrijfOptie = Annotated[
    bool, typer.Option("--overschrijf", help="Vervang een bestaand bestand (bijvoorbeeld een al ingevulde brief).")
]


def _schrijf_brief(soort: str, klachtnummer: str, register: Path, uit: Path | None, sjablonen: Path | None,
                   overschrijf: bool) -> None:
    from klachtclassificatie.bestanden import schrijf_atomair
    from klachtclassificatie.brieven import bestandsnaam, maak_brief
    from klachtclassificatie.fouten import BestandError
    from klachtclassificatie.register import Register

    with meld_fouten():
        with Register.open(register, aanmaken=False) as open_register:
            rij = open_register.rij(klachtnummer)
            inhoud = maak_brief(open_register, klachtnummer, soort, sjablonen=sjablonen)
        doel = uit or Path(bestandsnaam(rij["klachtnummer"], soort))
        if doel.is_dir():
            raise BestandError(doel, "is een map; geef bij --uit de naam van een .docx-bestand")
        if doel.exists() and not overschrijf:
            raise BestandError(doel, "bestaat al (misschien al ingevuld); kies een andere naam met --uit "
                                     "of geef --overschrijf")
        if not doel.parent.is_dir():
            raise BestandError(doel, f"de map {doel.parent} bestaat niet; maak die eerst aan of kies een andere "
                                     "plaats met --uit")
        try:
            schrijf_atomair(doel, inhoud)
        except OSError:
            raise BestandError(doel, "kan niet worden geschreven; is het bestand open in Word, of mag u "
                                     "in deze map niet schrijven?") from None
    typer.echo(f"{doel}: {soort} voor klacht {rij['klachtnummer']}. Vul de geel gemarkeerde velden "
               "(zoals aanhef en adres) in voordat u de brief verstuurt.")


@brief_app.command("ontvangstbevestiging")
def ontvangstbevestiging(
    klachtnummer: NummerArgument,
    register: RegisterOptie = STANDAARD_REGISTER,
    uit: UitOptie = None,
    sjablonen: SjablonenOptie = None,
    overschrijf: OverschrijfOptie = False,
) -> None:
    """Maak de ontvangstbevestiging van een klacht (Awb 9:6) als Word-document.

    Met de ontvangstdatum, het klachtnummer, de behandelaar (als die in het register staat) en de
    uiterste datum van afhandeling. Naam, adres en aanhef van de klager staan niet in het register:
    die vult u in de brief zelf in (de geel gemarkeerde velden).

    Voorbeeld: `klachten brief ontvangstbevestiging K2026-901 --register wil.sqlite`
    """
    _schrijf_brief("ontvangstbevestiging", klachtnummer, register, uit, sjablonen, overschrijf)


@brief_app.command("afhandeling")
def afhandeling(
    klachtnummer: NummerArgument,
    register: RegisterOptie = STANDAARD_REGISTER,
    uit: UitOptie = None,
    sjablonen: SjablonenOptie = None,
    overschrijf: OverschrijfOptie = False,
) -> None:
    """Maak de brief met de afhandeling van een klacht (Awb 9:12) als Word-document.

    Met de bevindingen (de samenvatting uit het register), het oordeel in woorden, de
    afhandeldatum en de verwijzing naar de Nationale ombudsman. Alleen voor een afgehandelde
    klacht (met afhandeldatum en resultaat; zie `klachten register afhandelen`).

    Voorbeeld: `klachten brief afhandeling K2026-901 --uit K2026-901-afhandeling.docx`
    """
    _schrijf_brief("afhandeling", klachtnummer, register, uit, sjablonen, overschrijf)
