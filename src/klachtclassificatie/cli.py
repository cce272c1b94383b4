"""The `klachten` command: a thin Dutch command line over the library.

Heavy libraries (pandas, scikit-learn, spaCy) are imported inside the commands, so that
`klachten --help` stays quick.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie._nederlands import NederlandseApp, zet_nederlands
from klachtclassificatie.errors import KlachtError

zet_nederlands()

PROJECTMAP = Path(__file__).resolve().parents[2]
DEMO_REGISTER = PROJECTMAP / "data" / "demo" / "register-demo.csv"
STANDAARD_REGISTER = Path(typer.get_app_dir("klachtclassificatie")) / "register.sqlite"

app = NederlandseApp(
    help="Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator.\n\n"
    "Voorbeeld: `klachten jaarverslag --jaar 2024 --demo`",
)
register_app = NederlandseApp(
    help="Het klachtenregister: importeren en exporteren.\n\n"
    "Voorbeeld: `klachten register importeer klachten.xlsx`"
)
app.add_typer(register_app, name="register")
annotaties_app = NederlandseApp(
    help="Annotatiebestanden: gelabelde klachtteksten voor het model.\n\n"
    "Voorbeeld: `klachten annotaties controleer data/annotaties`"
)
app.add_typer(annotaties_app, name="annotaties")
ANNOTATIEMAP = PROJECTMAP / "data" / "annotaties"
STANDAARD_MODEL = PROJECTMAP / "models" / "klachtmodel.joblib"

ModelOptie = Annotated[
    Path,
    typer.Option("--model", envvar="KLACHTEN_MODEL", help="Het modelbestand (.joblib, met kaart ernaast)."),
]

RegisterOptie = Annotated[
    Path,
    typer.Option(
        "--register",
        envvar="KLACHTEN_REGISTER",
        help="Het registerbestand (SQLite).",
        show_default=True,
    ),
]


@contextmanager
def _meld_fouten() -> Iterator[None]:
    """Show domain errors as a red Dutch message and exit 1; other errors keep their traceback."""
    try:
        yield
    except KlachtError as fout:
        typer.secho(f"Fout: {fout}", fg=typer.colors.RED, err=True)
        raise typer.Exit(1) from None


def _versie(waarde: bool) -> None:
    if waarde:
        typer.echo(f"klachtclassificatie {version('klachtclassificatie')}")
        raise typer.Exit()


@app.callback()
def hoofd(
    versie: Annotated[
        bool,
        typer.Option("--versie", callback=_versie, is_eager=True, help="Toon de versie en stop."),
    ] = False,
) -> None:
    """Klachtenregister, jaarverslag en klachtclassificatie voor de klachtencoördinator."""


@register_app.command("importeer")
def register_importeer(
    bestand: Annotated[Path, typer.Argument(help="CSV- of XLSX-bestand met klachten.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    door: Annotated[
        str | None,
        typer.Option(help="Naam voor het auditlog; standaard KLACHTEN_GEBRUIKER of de inlognaam."),
    ] = None,
) -> None:
    """Importeer klachten uit CSV (komma of puntkomma; UTF-8 of Windows-1252) of XLSX.

    Nieuwe klachtnummers worden toegevoegd, gewijzigde rijen bijgewerkt; elke wijziging komt in
    het auditlog. Een bestand met fouten wordt in zijn geheel geweigerd: het register blijft
    ongewijzigd. Een ingevulde beoordelingslijst (van `register exporteer --te-beoordelen`)
    bevestigt de ingevulde labels.

    Voorbeeld: `klachten register importeer klachten-2024.csv --register wil.sqlite`
    """
    from klachtclassificatie.beoordelen import importeer_beoordelingen, is_beoordelingslijst
    from klachtclassificatie.bestanden import lees_tabel
    from klachtclassificatie.register import Register, huidige_gebruiker, importeer

    with _meld_fouten():
        if bestand.is_file() and is_beoordelingslijst(lees_tabel(bestand).kolommen):
            with Register.open(register) as open_register:
                aantal = importeer_beoordelingen(open_register, bestand, door=door or huidige_gebruiker())
            typer.echo(f"{bestand}: {aantal} klachten bevestigd in {register}; "
                       "niet ingevulde rijen blijven onbevestigd.")
            return
        resultaat = importeer(register, bestand, door=door or huidige_gebruiker())
    typer.echo(
        f"{bestand}: {len(resultaat.nieuw)} nieuw, {len(resultaat.gewijzigd)} gewijzigd, "
        f"{len(resultaat.ongewijzigd)} ongewijzigd ({resultaat.auditregels} auditregels) "
        f"in {register}"
    )


@register_app.command("exporteer")
def register_exporteer(
    bestand: Annotated[Path, typer.Argument(help="Doelbestand: .csv of .xlsx.")],
    register: RegisterOptie = STANDAARD_REGISTER,
    scheidingsteken: Annotated[
        str, typer.Option(help="Scheidingsteken voor CSV (Excel in het Nederlands verwacht ;).")
    ] = ";",
    woo: Annotated[
        bool, typer.Option("--woo", help="Geanonimiseerde export voor publicatie (Woo).")
    ] = False,
    te_beoordelen: Annotated[
        bool, typer.Option("--te-beoordelen", help="Alleen onbevestigde klachten, met suggesties en "
                                                   "keuzelijsten om in te vullen (XLSX).")
    ] = False,
    toon_persoonsgegevens: Annotated[
        bool, typer.Option("--toon-persoonsgegevens", help="Bij --te-beoordelen: teksten niet maskeren.")
    ] = False,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Exporteer het register naar CSV (UTF-8, leesbaar in Excel) of XLSX.

    Het bestand kan zonder aanpassing weer worden geïmporteerd. Met --woo: een export om te
    publiceren, met teksten en samenvattingen zonder persoonsgegevens, zonder klantnummer en
    behandelaar, en datums alleen als maand.

    Met --te-beoordelen: de onbevestigde klachten met de suggesties van het model en twee lege
    kolommen met keuzelijsten, om in Excel te beoordelen en daarna te importeren.

    Voorbeeld: `klachten register exporteer register.xlsx`,
    `klachten register exporteer klachten-woo.csv --woo` of
    `klachten register exporteer beoordelen.xlsx --te-beoordelen`
    """
    from klachtclassificatie.register import exporteer, laad_klachten, schrijf_tabel, woo_frame

    if te_beoordelen:
        from klachtclassificatie.beoordelen import exporteer_te_beoordelen
        from klachtclassificatie.register import Register, huidige_gebruiker

        with _meld_fouten():
            klachtmodel = _laad_model(model)
            with Register.open(register) as open_register:
                aantal = exporteer_te_beoordelen(open_register, klachtmodel, bestand, door=huidige_gebruiker(),
                                                 toon_persoonsgegevens=toon_persoonsgegevens)
        typer.echo(f"{aantal} te beoordelen klachten geschreven naar {bestand}; vul de kolommen "
                   "categorie_bevestigd en programmaonderdeel_bevestigd in en importeer het bestand.")
        return
    with _meld_fouten():
        klachten = laad_klachten(register)
        if woo:
            schrijf_tabel(woo_frame(klachten), bestand, scheidingsteken=scheidingsteken)
        else:
            exporteer(klachten, bestand, scheidingsteken=scheidingsteken)
    soort = "geanonimiseerd (Woo) " if woo else ""
    typer.echo(f"{len(klachten)} klachten {soort}geëxporteerd naar {bestand}")


@app.command("jaarverslag")
def jaarverslag(
    jaar: Annotated[int, typer.Option(help="Het verslagjaar.")] = date.today().year - 1,
    register: RegisterOptie = STANDAARD_REGISTER,
    demo: Annotated[
        bool, typer.Option("--demo", help="Gebruik het meegeleverde demoregister (alleen lezen).")
    ] = False,
    formaat: Annotated[str, typer.Option(help="tabel, markdown, json, xlsx of html.")] = "tabel",
    uit: Annotated[
        Path | None, typer.Option(help="Schrijf naar dit bestand (verplicht bij xlsx).")
    ] = None,
    strikt: Annotated[
        bool,
        typer.Option("--strikt", help="Fout als er klachten met onbevestigde labels zijn."),
    ] = False,
    schatting: Annotated[
        bool, typer.Option("--schatting", help="Schat de tabel per programmaonderdeel en categorie uit "
                                               "alleen-gesuggereerde labels, met 95%-intervallen.")
    ] = False,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Maak de tabellen van het jaarverslag klachten.

    Alleen klachten met bevestigde labels tellen mee; het verslag meldt hoeveel er buiten
    beschouwing bleven. --register mag ook een CSV- of XLSX-export zijn.

    Met --schatting: voor klachten die alleen een suggestie van het model hebben (bijvoorbeeld
    historische klachten die in één keer zijn gelabeld) een geschatte tabel per programmaonderdeel
    en categorie, gecorrigeerd met de verwarringsmatrix van het model, met een 95%-interval per
    cel. Een schatting wordt nooit met bevestigde aantallen gemengd.

    Voorbeeld: `klachten jaarverslag --jaar 2024 --demo --formaat json` of
    `klachten jaarverslag --jaar 2019 --register wil.sqlite --schatting`
    """
    from klachtclassificatie import render
    from klachtclassificatie.register import laad_klachten
    from klachtclassificatie.report import maak_jaarverslag

    if formaat not in render.FORMATEN:
        typer.secho(
            f"Fout: onbekend formaat '{formaat}'; kies uit {', '.join(render.FORMATEN)}",
            fg=typer.colors.RED,
            err=True,
        )
        raise typer.Exit(2)
    if formaat == "xlsx" and uit is None:
        typer.secho("Fout: geef bij --formaat xlsx een bestand op met --uit", fg="red", err=True)
        raise typer.Exit(2)
    if schatting:
        _toon_schatting(DEMO_REGISTER if demo else register, jaar, model, formaat)
        return
    with _meld_fouten():
        klachten = laad_klachten(DEMO_REGISTER if demo else register)
        verslag = maak_jaarverslag(klachten, jaar, strikt=strikt)
    if formaat == "tabel" and uit is None:
        from rich.console import Console

        render.toon_in_terminal(verslag, Console())
        return
    if formaat == "xlsx":
        render.schrijf_xlsx(verslag, uit)
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")
        return
    tekst = {
        "json": render.als_json,
        "markdown": render.als_markdown,
        "html": render.als_html,
        "tabel": render.als_markdown,
    }[formaat](verslag)
    if uit is None:
        sys.stdout.write(tekst + "\n")
    else:
        uit.write_text(tekst + "\n", encoding="utf-8")
        typer.echo(f"Jaarverslag {jaar} geschreven naar {uit}")


@annotaties_app.command("controleer")
def annotaties_controleer(
    pad: Annotated[
        Path, typer.Argument(help="Een annotatiebestand of een map met CSV/XLSX-bestanden.")
    ] = ANNOTATIEMAP,
    twijfel: Annotated[
        bool, typer.Option("--twijfel", help="Toon ook de annotaties waarvan het model het label "
                                             "het sterkst betwist (cleanlab).")
    ] = False,
    aantal: Annotated[int, typer.Option(help="Hoeveel twijfelgevallen per doel tonen.")] = 20,
) -> None:
    """Controleer annotatiebestanden en tel de labels.

    Fouten (exitcode 1): onbekende of ontbrekende labels, lege teksten, ontbrekende kolommen,
    dubbele id's en exact dubbele teksten. Waarschuwingen: bijna dubbele teksten (binnen en
    tussen splits) en labels met weinig voorbeelden. Leest dezelfde bestanden als de
    registerimport (komma of puntkomma, UTF-8 of Windows-1252, XLSX).

    Met --twijfel: een gerangschikte lijst van annotaties waarvan het gekruisvalideerde model het
    label betwist, met het label dat het voorstelt. De bestanden worden nooit gewijzigd.

    Voorbeeld: `klachten annotaties controleer data/annotaties --twijfel`
    """
    from klachtclassificatie.annotations import controleer

    with _meld_fouten():
        controle = controleer(pad)
    _toon_controle(controle)
    if not controle.geslaagd:
        raise typer.Exit(1)
    if twijfel:
        from klachtclassificatie.twijfel import twijfelachtige_annotaties

        with _meld_fouten():
            lijst = twijfelachtige_annotaties(_lees(pad))
        for doel, groep in lijst.groupby("doel", sort=False):
            typer.secho(f"\nTwijfelachtige annotaties ({doel}): {len(groep)} gevonden, "
                        f"de eerste {min(aantal, len(groep))}:", bold=True)
            for r in groep.head(aantal).itertuples():
                typer.echo(f"  {r.rang:>3}. {r.bestand} rij {r.rij} (id {r.id}): '{r.label}' "
                           f"({r.kans_label:.0%}); model zegt '{r.suggestie}' ({r.kans_suggestie:.0%})")


def _toon_controle(controle) -> None:
    for naam, aantal in controle.per_bestand.items():
        typer.echo(f"{naam}: {aantal} annotaties")
    for doel, tellingen in controle.aantallen.items():
        typer.echo(f"\nPer {doel}:")
        for waarde, aantal in tellingen.items():
            typer.echo(f"  {waarde:<24} {aantal:>5}")
    if controle.combinaties is not None:
        typer.echo("\nPer combinatie (programmaonderdeel × categorie):")
        typer.echo(controle.combinaties.to_string())
    if controle.lengtes:
        typer.echo("\nLengte in woorden:")
        for split, maten in controle.lengtes.items():
            typer.echo(
                f"  {split}: n={maten['n']}, min {maten['min']}, mediaan {maten['mediaan']:.0f}, "
                f"90% onder {maten['p90']:.0f}, max {maten['max']}"
            )
    if controle.waarschuwingen:
        typer.secho(f"\n{len(controle.waarschuwingen)} waarschuwingen:", fg="yellow")
        for regel in controle.waarschuwingen:
            typer.echo(f"  - {regel}")
    if controle.fouten:
        typer.secho(f"\n{len(controle.fouten)} fouten:", fg="red", err=True)
        for regel in controle.fouten:
            typer.secho(f"  - {regel}", fg="red", err=True)
    else:
        typer.secho("\nGeen fouten gevonden.", fg="green")


def _train_en_bewaar(data: Path, modelpad: Path, *, spacy_model: str | None = None,
                     nauwkeurigheid: float = 0.9):
    from klachtclassificatie import evaluate, model, train

    frame = train.standaard_trainingsdata(data) if data.is_dir() else _lees(data)
    stap = iter(range(1, 100))
    klachtmodel = train.train(
        frame, spacy_model=spacy_model, nauwkeurigheid=nauwkeurigheid,
        voortgang=lambda tekst: typer.echo(f"[{next(stap)}] {tekst}...", err=True),
    )
    test = _testsplit(data)
    if test is not None:
        typer.echo(f"[{next(stap)}] Testsplit scoren ({len(test)} teksten)...", err=True)
        scores = evaluate.evalueer_model(klachtmodel, test)
        klachtmodel.kaart["testsplit"] = {
            doel: {k: s[k] for k in ("n", "accuracy", "macro_f1", "dekking", "accuracy_zeker",
                                     "kalibratiefout", "basislijnen")}
            for doel, s in scores.items()
        }
    model.bewaar(klachtmodel, modelpad)
    return klachtmodel


def _lees(pad: Path):
    from klachtclassificatie.annotations import lees_annotaties

    return lees_annotaties(pad)


def _testsplit(data: Path):
    if not data.is_dir():
        return None
    frame = _lees(data)
    test = frame[frame["split"].str.startswith("test")]
    return test.reset_index(drop=True) if len(test) else None


def _laad_model(modelpad: Path):
    """Load the model; the default model is trained from the shipped corpus on first use."""
    from klachtclassificatie import model

    if modelpad == STANDAARD_MODEL and not modelpad.exists():
        typer.echo("Nog geen model: het standaardmodel wordt eenmalig getraind op "
                   f"{ANNOTATIEMAP} (dit duurt enkele minuten).", err=True)
        return _train_en_bewaar(ANNOTATIEMAP, modelpad)
    return model.laad(modelpad)


@app.command("train")
def train_commando(
    data: Annotated[Path, typer.Option(help="Annotatiemap of -bestand (testbestanden test*.csv "
                                            "worden niet gebruikt om te trainen).")] = ANNOTATIEMAP,
    model: ModelOptie = STANDAARD_MODEL,
    spacy_model: Annotated[
        str | None, typer.Option(help="spaCy-pipeline (naam of pad); standaard nl_core_news_sm als "
                                      "die is geïnstalleerd, anders de lege Nederlandse pipeline.")
    ] = None,
    nauwkeurigheid: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Suggesties boven de drempel moeten minstens zo "
                                                    "vaak juist zijn.")
    ] = 0.9,
) -> None:
    """Train het model voor categorie en programmaonderdeel en schrijf model en modelkaart.

    Kiest de instellingen met kruisvalidatie, kiest per doel de zekerheidsdrempel en scoort de
    testsplit. Persoonsgegevens worden vóór het trainen uit de teksten verwijderd.

    Voorbeeld: `klachten train --data data/annotaties`
    """
    with _meld_fouten():
        klachtmodel = _train_en_bewaar(data, model, spacy_model=spacy_model,
                                       nauwkeurigheid=nauwkeurigheid)
    kaart = klachtmodel.kaart
    typer.echo(f"\nModel {kaart['versie']} geschreven naar {model} "
               f"({kaart['trainingsdata']['n']} teksten, spaCy: {kaart['spacy']['naam']}).")
    for doel, info in kaart["doelen"].items():
        kv, drempel = info["kruisvalidatie"], info["drempel"]
        regel = (f"  {doel}: {info['hyperparameters']['classificator']} C={info['hyperparameters']['C']}; "
                 f"kruisvalidatie macro-F1 {kv['macro_f1']:.3f}; drempel {drempel['drempel']:.2f} "
                 f"(dekking {drempel['dekking']:.0%})")
        if kaart.get("testsplit"):
            regel += f"; testsplit macro-F1 {kaart['testsplit'][doel]['macro_f1']:.3f}"
        typer.echo(regel)


def _lees_invoertekst(tekst: str | None, bestand: Path | None) -> str:
    if bestand is not None:
        from klachtclassificatie.bestanden import decodeer

        if not bestand.is_file():
            raise typer.BadParameter(f"{bestand} niet gevonden", param_hint="--bestand")
        return decodeer(bestand, bestand.read_bytes())[0]
    if tekst is not None and tekst != "-":
        return tekst
    if sys.stdin.isatty() and tekst is None:
        raise typer.BadParameter("geef een tekst, --bestand of tekst via standaardinvoer")
    return sys.stdin.read()


@app.command("suggereer")
def suggereer(
    tekst: Annotated[str | None, typer.Argument(help="De klachttekst; '-' of leeg leest standaardinvoer.")] = None,
    bestand: Annotated[Path | None, typer.Option(help="Lees de tekst uit dit bestand.")] = None,
    model: ModelOptie = STANDAARD_MODEL,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Stel categorie en programmaonderdeel voor bij een nieuwe klacht.

    Toont per doel de drie waarschijnlijkste labels met kans, de woorden die het zwaarst wogen,
    en "handmatig beoordelen" als de hoogste kans onder de drempel van het model ligt.

    Voorbeeld: `klachten suggereer "Mijn werkcoach luistert niet naar mij"`
    """
    import json

    invoer = _lees_invoertekst(tekst, bestand)
    with _meld_fouten():
        klachtmodel = _laad_model(model)
    [suggesties] = klachtmodel.suggereer([invoer])
    if json_uitvoer:
        typer.echo(json.dumps({d: s.als_dict() for d, s in suggesties.items()}, ensure_ascii=False, indent=2))
        return
    for doel, suggestie in suggesties.items():
        typer.secho(f"{doel}:", bold=True)
        for label, kans in zip(suggestie.labels, suggestie.kansen, strict=True):
            typer.echo(f"  {label:<24} {kans:6.1%}")
        if suggestie.woorden:
            typer.echo(f"  woorden: {', '.join(suggestie.woorden)}")
        if not suggestie.zeker:
            typer.secho(f"  handmatig beoordelen (drempel {klachtmodel.drempels[doel]:.0%})", fg="yellow")


@app.command("label")
def label(
    invoer: Annotated[Path | None, typer.Argument(help="CSV- of XLSX-bestand met klachtteksten.")] = None,
    uit: Annotated[Path | None, typer.Option(help="Uitvoerbestand (.csv of .xlsx).")] = None,
    kolom: Annotated[str, typer.Option(help="Naam van de tekstkolom.")] = "tekst",
    sorteer: Annotated[bool, typer.Option("--sorteer", help="Meest twijfelachtige eerst.")] = False,
    register: Annotated[
        Path | None, typer.Option(help="Zet de suggesties als onbevestigde labels in dit register.")
    ] = None,
    model: ModelOptie = STANDAARD_MODEL,
) -> None:
    """Label veel klachten tegelijk: suggesties per rij, twijfelgevallen gemarkeerd.

    Het invoerbestand wordt nooit gewijzigd; de uitvoer krijgt per doel suggestie, kans, tweede
    keus en een kolom te_beoordelen. Met --register krijgen de klachten in het register zonder
    bevestigde labels een suggestie (bevestigde labels blijven staan).

    Voorbeeld: `klachten label klachten-2019.csv --uit gelabeld.csv --sorteer`
    """
    from rich.progress import Progress

    with _meld_fouten():
        _laad_model(model)
        if register is not None:
            from klachtclassificatie.label import label_register
            from klachtclassificatie.register import huidige_gebruiker

            resultaat = label_register(register, model, door=huidige_gebruiker())
            typer.echo(f"{resultaat['gelabeld']} klachten in {register} kregen een suggestie "
                       f"({resultaat['te_beoordelen']} te beoordelen); "
                       f"{resultaat['bevestigd']} met bevestigde labels ongemoeid gelaten.")
            return
        if invoer is None or uit is None:
            raise typer.BadParameter("geef een invoerbestand en --uit, of --register")
        from klachtclassificatie.label import label_bestand

        with Progress(transient=True) as voortgang:
            taak = voortgang.add_task("Labelen", total=None)
            resultaat = label_bestand(model, invoer, uit, kolom=kolom, sorteer=sorteer,
                                      voortgang=lambda n: voortgang.advance(taak, n))
    typer.echo(f"{resultaat.rijen} klachten gelabeld naar {uit}; "
               f"{resultaat.te_beoordelen} handmatig te beoordelen.")


@app.command("evalueer")
def evalueer(
    data: Annotated[Path | None, typer.Option(help="Scoor het opgeslagen model op dit bestand "
                                                   "(kolommen tekst, categorie, programmaonderdeel).")] = None,
    model: ModelOptie = STANDAARD_MODEL,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
    html: Annotated[Path | None, typer.Option(help="Schrijf een HTML-rapport met grafieken.")] = None,
    herhalingen: Annotated[int, typer.Option(min=1, help="Herhalingen van de kruisvalidatie.")] = 3,
    register: Annotated[
        Path | None, typer.Option(help="Live nauwkeurigheid: vergelijk in dit register de getoonde "
                                       "suggesties met de bevestigde labels.")
    ] = None,
) -> None:
    """Hoe vaak heeft het model gelijk?

    Zonder --data: herhaalde gestratificeerde kruisvalidatie op de trainingssplit en de score op de
    testsplit. Met --data: het opgeslagen model gescoord op dat bestand. Per doel: accuracy,
    macro-F1, per klasse precisie/recall/F1, verwarringsmatrix, dekking en accuracy boven de drempel,
    kalibratiefout, en twee basislijnen (meest voorkomende klasse; trefwoordregels).

    Met --register: de live nauwkeurigheid, per model en per kwartaal: hoe vaak de suggestie
    die de coördinator zag gelijk was aan het bevestigde label (top-1 en top-3), en hoe vaak boven
    de drempel.

    Voorbeeld: `klachten evalueer --data andere-klachten.csv --json` of
    `klachten evalueer --register wil.sqlite`
    """
    import json

    from klachtclassificatie import evaluate

    if register is not None:
        from klachtclassificatie.register import Register

        with _meld_fouten(), Register.open(register) as open_register:
            live = evaluate.live_nauwkeurigheid(open_register)
        if json_uitvoer:
            typer.echo(json.dumps(live, ensure_ascii=False, indent=2))
        else:
            _toon_live(live)
        return
    with _meld_fouten():
        klachtmodel = _laad_model(model)
        if data is not None:
            resultaat = {"data": str(data), "model": klachtmodel.versie,
                         **evaluate.evalueer_model(klachtmodel, _lees(data))}
        else:
            training = _train_split()
            test = _testsplit(ANNOTATIEMAP)
            resultaat = {"model": klachtmodel.versie,
                         "kruisvalidatie": evaluate.kruisvalideer(training, klachtmodel.kaart,
                                                                  herhalingen=herhalingen)}
            if test is not None:
                resultaat.update(evaluate.evalueer_model(klachtmodel, test))
    if html is not None:
        from klachtclassificatie.evaluatierapport import schrijf_html

        schrijf_html(resultaat, html)
    if json_uitvoer:
        typer.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
    else:
        _toon_evaluatie(resultaat)
    if html is not None:
        typer.echo(f"HTML-rapport geschreven naar {html}", err=True)


def _train_split():
    from klachtclassificatie.train import standaard_trainingsdata

    return standaard_trainingsdata(ANNOTATIEMAP)


def _toon_evaluatie(resultaat: dict) -> None:
    from klachtclassificatie.model import DOELEN

    typer.echo(f"Model {resultaat['model']}")
    for doel, kv in resultaat.get("kruisvalidatie", {}).items():
        typer.secho(f"\n{doel}: kruisvalidatie ({kv['herhalingen']}x{kv['folds']}-voudig, n={kv['n']})",
                    bold=True)
        for naam in ("model", "meest_voorkomend", "trefwoorden"):
            acc, f1 = kv[f"{naam}.accuracy"], kv[f"{naam}.macro_f1"]
            typer.echo(f"  {naam:<17} accuracy {acc['gemiddeld']:.3f} ± {acc['sd']:.3f}   "
                       f"macro-F1 {f1['gemiddeld']:.3f} ± {f1['sd']:.3f}")
    for doel in DOELEN:
        if doel not in resultaat:
            continue
        s = resultaat[doel]
        bron = resultaat.get("data", "testsplit")
        typer.secho(f"\n{doel}: {bron} (n={s['n']})", bold=True)
        zeker = "—" if s["accuracy_zeker"] is None else f"{s['accuracy_zeker']:.1%}"
        typer.echo(f"  accuracy {s['accuracy']:.3f}   macro-F1 {s['macro_f1']:.3f}   "
                   f"kalibratiefout {s['kalibratiefout']:.3f}")
        typer.echo(f"  drempel {s['drempel']:.2f}: dekking {s['dekking']:.1%}, juist boven drempel {zeker}")
        for naam, b in s["basislijnen"].items():
            typer.echo(f"  basislijn {naam:<17} accuracy {b['accuracy']:.3f}   macro-F1 {b['macro_f1']:.3f}")
        typer.echo("  per klasse (precisie / recall / F1 / n):")
        for klasse, k in s["per_klasse"].items():
            typer.echo(f"    {klasse:<24} {k['precisie']:.2f} / {k['recall']:.2f} / {k['f1']:.2f} / {k['n']}")
        typer.echo("  verwarringsmatrix (rij: juist label, kolom: suggestie):")
        breedte = max(len(k) for k in s["klassen"])
        for klasse, rij in zip(s["klassen"], s["verwarring"], strict=True):
            typer.echo(f"    {klasse:<{breedte}} " + " ".join(f"{v:4d}" for v in rij))


@app.command("anonimiseer")
def anonimiseer(
    invoer: Annotated[str, typer.Argument(help="Een tekst, '-' voor standaardinvoer, of een bestand "
                                               "of map (.txt, .csv, .xlsx).")],
    kolom: Annotated[list[str], typer.Option(help="Tekstkolom(men) van CSV/XLSX.")] = ["tekst"],  # noqa: B006
    controle: Annotated[
        bool, typer.Option("--controle", help="Toon origineel en geanonimiseerd naast elkaar om na "
                                              "te kijken (toont dus persoonsgegevens).")
    ] = False,
) -> None:
    """Vervang persoonsgegevens door genummerde plaatshouders ([PERSOON-1], [BSN-1], ...).

    Een tekst of standaardinvoer: de geanonimiseerde tekst op standaarduitvoer. Een bestand of map:
    een kopie naast elk bestand (naam-geanonimiseerd.txt/.csv/.xlsx) en een verslag met het aantal
    vervangingen per soort, nooit de waarden zelf. Domeinwoorden en de vier gemeenten blijven staan.

    Voorbeeld: `klachten anonimiseer "Mevrouw De Wit belde vanaf 06-12345678"` of
    `klachten anonimiseer dossier/ --kolom omschrijving`
    """
    from klachtclassificatie.privacy import redigeer

    pad = Path(invoer)
    if invoer != "-" and pad.exists():
        from klachtclassificatie.anonimiseer import anonimiseer_pad

        with _meld_fouten():
            verslag = anonimiseer_pad(pad, kolommen=kolom)
        for doel, tellingen in verslag.per_bestand.items():
            typer.echo(f"{doel}: {_tellingen_tekst(tellingen)}")
        typer.echo(f"Totaal: {_tellingen_tekst(verslag.totaal)}")
        return
    tekst = sys.stdin.read() if invoer == "-" else invoer
    redactie = redigeer(tekst)
    if controle:
        _toon_naast_elkaar(tekst, redactie)
    else:
        sys.stdout.write(redactie.tekst + ("" if redactie.tekst.endswith("\n") else "\n"))
    typer.echo(f"Vervangen: {_tellingen_tekst(redactie.tellingen())}", err=True)


def _tellingen_tekst(tellingen: dict[str, int]) -> str:
    return ", ".join(f"{soort} {aantal}" for soort, aantal in tellingen.items()) or "niets"


def _toon_naast_elkaar(origineel: str, redactie) -> None:
    from rich.console import Console
    from rich.table import Table

    tabel = Table("soort", "origineel", "vervangen door", title="Controle: wat is vervangen")
    for v in redactie.vervangingen:
        tabel.add_row(v.type, v.waarde, v.placeholder)
    console = Console()
    console.print(tabel)
    console.print(redactie.tekst, highlight=False, markup=False)


@app.command("beoordeel")
def beoordeel(
    register: RegisterOptie = STANDAARD_REGISTER,
    model: ModelOptie = STANDAARD_MODEL,
    volgorde: Annotated[str, typer.Option(help="twijfel (meest twijfelachtige eerst) of oudste.")] = "twijfel",
    toon_persoonsgegevens: Annotated[
        bool, typer.Option("--toon-persoonsgegevens", help="Toon de tekst zonder maskering.")
    ] = False,
    door: Annotated[str | None, typer.Option(help="Naam voor het auditlog.")] = None,
) -> None:
    """Beoordeel de suggesties voor onbevestigde klachten, één voor één.

    Per label: Enter neemt de suggestie over, een nummer kiest een ander label, o slaat de klacht
    over, s stopt. Elke beslissing wordt meteen opgeslagen: stoppen of een onderbreking verliest
    niets, en een volgende keer gaat het verder waar het bleef.

    Voorbeeld: `klachten beoordeel --register wil.sqlite --volgorde oudste`
    """
    from klachtclassificatie.beoordelen import VOCABULAIRES, VOLGORDES, wachtrij
    from klachtclassificatie.register import Register, huidige_gebruiker

    if volgorde not in VOLGORDES:
        raise typer.BadParameter(f"kies uit {', '.join(VOLGORDES)}", param_hint="--volgorde")
    wie = door or huidige_gebruiker()
    beslist = 0
    with _meld_fouten():
        klachtmodel = _laad_model(model)
        with Register.open(register) as open_register:
            rij = wachtrij(open_register, klachtmodel, volgorde=volgorde, door=wie)
            if not rij:
                typer.echo("Niets te beoordelen: alle klachten hebben bevestigde labels.")
                return
            try:
                for positie, voorstel in enumerate(rij, start=1):
                    _toon_voorstel(voorstel, positie, len(rij), toon_persoonsgegevens)
                    keuzes = {}
                    for doel, suggestie in voorstel.suggesties.items():
                        keuze = _vraag_label(doel, suggestie.labels[0], list(VOCABULAIRES[doel]))
                        if keuze in ("overslaan", "stoppen"):
                            break
                        keuzes[doel] = keuze
                    if keuze == "stoppen":
                        break
                    if keuze == "overslaan":
                        typer.echo("Overgeslagen.\n")
                        continue
                    open_register.bevestig(voorstel.klachtnummer, keuzes, door=wie, bron="beoordeel")
                    beslist += 1
                    typer.secho(f"Opgeslagen: {keuzes['categorie']}, {keuzes['programmaonderdeel']}.\n",
                                fg="green")
            except (KeyboardInterrupt, EOFError, typer.Abort):
                typer.echo(f"\nOnderbroken. {beslist} beslissingen zijn opgeslagen.")
                raise typer.Exit(130) from None
    typer.echo(f"Klaar voor nu: {beslist} klachten bevestigd.")


def _toon_voorstel(voorstel, positie: int, totaal: int, toon_persoonsgegevens: bool) -> None:
    from klachtclassificatie.privacy import redigeer

    tekst = voorstel.tekst if toon_persoonsgegevens else redigeer(voorstel.tekst).tekst
    typer.secho(f"Klacht {voorstel.klachtnummer} ({positie} van {totaal}; ontvangen "
                f"{voorstel.ontvangstdatum}, {voorstel.gemeente})", bold=True)
    typer.echo(tekst.strip() or "(geen tekst)")
    for doel, suggestie in voorstel.suggesties.items():
        kansen = " | ".join(f"{lab} {k:.0%}" for lab, k in zip(suggestie.labels, suggestie.kansen, strict=True))
        typer.echo(f"  {doel}: {kansen}" + ("" if suggestie.zeker else "  (handmatig beoordelen)"))
        if suggestie.woorden:
            typer.echo(f"    woorden: {', '.join(suggestie.woorden)}")


def _vraag_label(doel: str, voorstel: str, labels: list[str]) -> str:
    """Ask for one label: Enter accepts, a number picks, o skips, s stops."""
    opties = ", ".join(f"{i} {lab}" for i, lab in enumerate(labels, start=1))
    while True:
        antwoord = typer.prompt(f"{doel} [Enter = {voorstel}; {opties}; o = overslaan; s = stoppen]",
                                default="", show_default=False).strip().lower()
        if antwoord in ("", "j", "ja"):
            return voorstel
        if antwoord in ("o", "s"):
            return {"o": "overslaan", "s": "stoppen"}[antwoord]
        if antwoord.isdigit() and 1 <= int(antwoord) <= len(labels):
            return labels[int(antwoord) - 1]
        typer.echo(f"Onbekende keuze '{antwoord}'.")


@annotaties_app.command("exporteer")
def annotaties_exporteer(
    register: RegisterOptie = STANDAARD_REGISTER,
    uit: Annotated[Path, typer.Option(help="Annotatiebestand om aan toe te voegen.")] = ANNOTATIEMAP / "bevestigd.csv",
) -> None:
    """Voeg bevestigde klachten uit het register toe aan de annotaties, zonder persoonsgegevens.

    Een klacht die al in een annotatiebestand staat (zelfde id of zelfde tekst) wordt niet nog eens
    toegevoegd. Daarna leert `klachten train` van de bevestigde klachten.

    Voorbeeld: `klachten annotaties exporteer --register wil.sqlite`
    """
    from klachtclassificatie.annotations import exporteer_bevestigde
    from klachtclassificatie.register import laad_klachten

    with _meld_fouten():
        aantal = exporteer_bevestigde(laad_klachten(register), uit, annotatiemap=uit.parent)
    typer.echo(f"{aantal} bevestigde klachten toegevoegd aan {uit}.")


def _toon_live(live: dict) -> None:
    for doel, s in live.items():
        typer.secho(f"{doel}: {s['n']} bevestigde klachten met een suggestie", bold=True)
        if not s["n"]:
            continue
        for groep, sleutel in (("per_model", "model"), ("per_kwartaal", "kwartaal")):
            for r in s[groep]:
                zeker = "—" if r["accuracy_zeker"] is None else f"{r['accuracy_zeker']:.0%}"
                typer.echo(f"  {sleutel} {r[sleutel]}: n={r['n']}, top-1 {r['top1']:.0%}, top-3 {r['top3']:.0%}, "
                           f"boven drempel {r['dekking']:.0%} (daarvan juist {zeker})")


def _toon_schatting(registerpad: Path, jaar: int, modelpad: Path, formaat: str) -> None:
    import json

    from klachtclassificatie.register import laad_klachten
    from klachtclassificatie.schatting import schat_jaar

    with _meld_fouten():
        klachtmodel = _laad_model(modelpad)
        resultaat = schat_jaar(laad_klachten(registerpad), jaar, klachtmodel.kaart)
    if formaat == "json":
        typer.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
        return
    typer.secho(f"SCHATTING, niet bevestigd: ingekomen klachten {jaar} per programmaonderdeel", bold=True)
    typer.echo(f"Op basis van {resultaat['n']} klachten met alleen een suggestie (model {resultaat['model']}); "
               f"{resultaat['methode']}. Bevestigde klachten staan hier niet in.")
    for onderdeel, cellen in resultaat["per_programmaonderdeel"].items():
        typer.echo(f"  {onderdeel}:")
        for categorie, c in cellen.items():
            typer.echo(f"    {categorie:<24} {c['schatting']:6.1f}  (95%: {c['laag']:.1f} – {c['hoog']:.1f}; "
                       f"voorgesteld {c['voorgesteld']})")
