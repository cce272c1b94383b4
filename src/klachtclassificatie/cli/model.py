"""Commands for the classifier: train, suggest, label in batch, evaluate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from klachtclassificatie.cli._gedeeld import (
    ANNOTATIEMAP,
    STANDAARD_MODEL,
    ModelOptie,
    app,
    laad_model,
    meld_fouten,
    voortgang_op_stderr,
    zonder_opruimen,
)


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
    marge: Annotated[
        float, typer.Option(min=0.0, max=0.1, help="Zoveel hoger mikt de drempel op teksten van organisaties "
                                                   "buiten de vouw, omdat een nieuwe organisatie er een "
                                                   "paar punten onder kan uitkomen.")
    ] = 0.03,
    register: Annotated[
        Path | None, typer.Option(help="Train ook op de bevestigde klachten uit dit register (minstens 20 "
                                       "met tekst), met een gewicht gekozen door kruisvalidatie.")
    ] = None,
) -> None:
    """Train het model voor categorie en programmaonderdeel en schrijf model en modelkaart.

    Kiest de instellingen met kruisvalidatie, kiest per doel de zekerheidsdrempel en scoort de
    testsplit. Persoonsgegevens worden vóór het trainen uit de teksten verwijderd. Het nieuwe
    model wordt als versie bewaard in de map versies naast het model en wordt het actieve model;
    een vorige versie zet u terug met `klachten model activeer`.

    Voorbeeld: `klachten train --data data/annotaties --register wil.sqlite`
    """
    from klachtclassificatie.classificatie import train_en_bewaar

    with meld_fouten():
        klachtmodel = train_en_bewaar(data, model, register=register, spacy_model=spacy_model,
                                      nauwkeurigheid=nauwkeurigheid, marge=marge,
                                      voortgang=voortgang_op_stderr())
    kaart = klachtmodel.kaart
    typer.echo(f"\nModel {kaart['versie']} geschreven naar {model} "
               f"({kaart['trainingsdata']['n']} teksten, spaCy: {kaart['spacy']['naam']}).")
    if reg := kaart.get("register"):
        typer.echo(f"  waarvan {reg['n']} bevestigde klachten uit {', '.join(reg['bron'])}"
                   + (f" (weggelaten: {', '.join(f'{k} {v}' for k, v in reg['weggelaten'].items())})"
                      if reg.get("weggelaten") else ""))
        for doel, scores in reg["scores"].items():
            typer.echo(f"  {doel}: gewicht registerklachten {reg['gewicht'][doel]:g} (macro-F1 op registerklachten "
                       "buiten de vouw: " + ", ".join(f"gewicht {s['gewicht']:g}: {s['macro_f1']:.3f}"
                                                      for s in scores) + ")")
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
    register: Annotated[
        Path | None, typer.Option(help="Houd rekening met hoe vaak elk label in dit register voorkomt "
                                       "(de bevestigde klachten).")
    ] = None,
    betrouwbaarheid: Annotated[
        float, typer.Option(min=0.5, max=0.99, help="Hoe vaak de set het juiste label moet bevatten.")
    ] = 0.9,
    json_uitvoer: Annotated[bool, typer.Option("--json", help="Uitvoer als JSON.")] = False,
) -> None:
    """Stel categorie en programmaonderdeel voor bij een nieuwe klacht.

    Toont per doel de drie waarschijnlijkste labels met kans, de set van labels die samen in 90%
    van de gevallen het juiste label bevat, de woorden die het zwaarst wogen, en "handmatig
    beoordelen" (met de reden) als het model niet zeker is: de set heeft meer dan één label, de
    kans ligt onder de drempel, of de tekst is te kort, anderstalig of bevat alleen getallen.

    Voorbeeld: `klachten suggereer "Mijn werkcoach luistert niet naar mij" --register wil.sqlite`
    """
    import json
    from dataclasses import replace

    with meld_fouten():
        invoer = _lees_invoertekst(tekst, bestand)
        klachtmodel = replace(laad_model(model), betrouwbaarheid=betrouwbaarheid)
        if register is not None:
            from klachtclassificatie.register import laad_klachten

            klachtmodel = klachtmodel.voor_register(laad_klachten(register))
    with zonder_opruimen():  # the first suggestion makes spaCy's tokenizer and imports the rest
        [suggesties] = klachtmodel.suggereer([invoer])
    if json_uitvoer:
        typer.echo(json.dumps({d: s.als_dict() for d, s in suggesties.items()}, ensure_ascii=False, indent=2))
        return
    for doel, suggestie in suggesties.items():
        typer.secho(f"{doel}:", bold=True)
        for label, kans in zip(suggestie.labels, suggestie.kansen, strict=True):
            typer.echo(f"  {label:<24} {kans:6.1%}")
        typer.echo(f"  waarschijnlijk ({betrouwbaarheid:.0%}): {' of '.join(suggestie.set)}")
        if suggestie.woorden:
            typer.echo(f"  woorden: {', '.join(suggestie.woorden)}")
        if suggestie.reden:
            typer.secho(f"  handmatig beoordelen: {suggestie.reden}", fg="yellow")
        elif not suggestie.zeker:
            waarom = ("meer dan één label mogelijk" if len(suggestie.set) > 1
                      else f"kans onder de drempel van {klachtmodel.drempels[doel]:.0%}")
            typer.secho(f"  handmatig beoordelen: {waarom}", fg="yellow")


def _stop_bij_signaal() -> None:
    """Let `kill` (SIGTERM) stop a long command as Ctrl-C does: the temporary output file is
    removed and the worker processes end, instead of the process vanishing mid-write."""
    import signal

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


@app.command("kalibreer")
def kalibreer_commando(
    register: Annotated[Path, typer.Option(help="Register met bevestigde klachten (minstens 100 met tekst).")],
    model: ModelOptie = STANDAARD_MODEL,
    nauwkeurigheid: Annotated[
        float, typer.Option(min=0.5, max=1.0, help="Zekere suggesties moeten minstens zo vaak juist zijn.")
    ] = 0.9,
) -> None:
    """Stel kansen, drempels en sets opnieuw af op de bevestigde klachten van uw eigen register.

    Het model is getraind en afgesteld op teksten die voor dit project zijn geschreven. Uw eigen
    bevestigde klachten zijn echte teksten die het model nooit zag: zodra er minstens 100 zijn,
    geven ze eerlijkere kansen (de temperatuur), drempels en sets. Welk label bovenaan staat
    verandert niet; de modelkaart vermeldt waarop is afgesteld. Het afgestelde model is een nieuwe
    versie (`klachten model lijst`).

    Voorbeeld: `klachten kalibreer --register wil.sqlite`
    """
    from klachtclassificatie.classificatie import bewaar_versie, kalibreer
    from klachtclassificatie.register import Register, controleer_registerpad

    with meld_fouten():
        controleer_registerpad(register)
        with Register.open(register, aanmaken=False) as open_register:
            klachten = open_register.klachten()
        nieuw = kalibreer(laad_model(model), klachten, bron=register.name, nauwkeurigheid=nauwkeurigheid)
        bewaar_versie(nieuw, model)
    typer.echo(f"Kansen, drempels en sets van {model} (nu versie {nieuw.versie}) afgesteld op "
               f"{nieuw.kaart['kalibratie']['n']} bevestigde klachten uit {register}.")
    for doel, info in nieuw.kaart["doelen"].items():
        d = info["drempel"]
        zeker = "—" if d["accuracy_zeker"] is None else f"{d['accuracy_zeker']:.0%}"
        typer.echo(f"  {doel}: temperatuur ×{nieuw.kaart['kalibratie']['temperatuur'][doel]:.2f}, "
                   f"drempel {d['drempel']:.2f}, zeker voor {d['dekking']:.0%} van die klachten "
                   f"(daarvan juist {zeker}); set bevat het juiste label in "
                   f"{info['conformeel']['gemeten']['set_dekking']:.0%}")


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
    dask: Annotated[
        str | None, typer.Option(metavar="ADRES", help="Label op een bestaand Dask-cluster met deze "
                                 "scheduler (bijvoorbeeld tcp://10.0.0.5:8786); vraagt pip install -e \".[dask]\".")
    ] = None,
) -> None:
    """Label veel klachten tegelijk: suggesties per rij, twijfelgevallen gemarkeerd.

    Het invoerbestand wordt nooit gewijzigd; de uitvoer krijgt per doel suggestie, kans, tweede
    keus en een kolom te_beoordelen. Met --register krijgen de klachten in het register zonder
    bevestigde labels een suggestie (bevestigde labels blijven staan). Met --dask rekenen de
    werkers van een Dask-cluster, met dezelfde uitkomst.

    Voorbeeld: `klachten label klachten-2019.csv --uit gelabeld.csv --sorteer`
    """
    from rich.progress import Progress

    _stop_bij_signaal()
    with meld_fouten():
        if model == STANDAARD_MODEL and not model.exists():
            laad_model(model)  # trains the default model on first use; labelling loads it once
        if register is not None and dask is not None:
            raise typer.BadParameter("--dask werkt met een invoerbestand en --uit, niet met --register")
        if register is not None:
            from klachtclassificatie.classificatie import label_register
            from klachtclassificatie.register import controleer_registerpad, huidige_gebruiker

            controleer_registerpad(register)  # before the model: a mistyped path never creates one
            laad_model(model)

            resultaat = label_register(register, model, door=huidige_gebruiker())
            typer.echo(f"{resultaat['gelabeld']} klachten in {register} kregen een suggestie "
                       f"({resultaat['te_beoordelen']} te beoordelen); "
                       f"{resultaat['bevestigd']} met bevestigde labels ongemoeid gelaten.")
            return
        if invoer is None or uit is None:
            raise typer.BadParameter("geef een invoerbestand en --uit, of --register")
        klachtmodel = laad_model(model)
        from klachtclassificatie.classificatie import label_bestand

        with Progress(transient=True) as voortgang:
            taak = voortgang.add_task("Labelen", total=None)
            resultaat = label_bestand(model, invoer, uit, kolom=kolom, sorteer=sorteer, dask=dask,
                                      voortgang=lambda n: voortgang.advance(taak, n), geladen=klachtmodel)
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

    from klachtclassificatie.classificatie import evalueer as evalueer_model
    from klachtclassificatie.classificatie import live_nauwkeurigheid

    if register is not None:
        from klachtclassificatie.classificatie import precisie_bij_mix
        from klachtclassificatie.register import Register

        with meld_fouten():
            with Register.open(register, aanmaken=False) as open_register:
                live = live_nauwkeurigheid(open_register)
                klachten = open_register.klachten()
            if model.exists() or model != STANDAARD_MODEL:
                klachtmodel = laad_model(model).voor_register(klachten)
                live["precisie_bij_registermix"] = precisie_bij_mix(klachtmodel.kaart, klachtmodel.labelmix)
        if json_uitvoer:
            typer.echo(json.dumps(live, ensure_ascii=False, indent=2))
        else:
            _toon_live(live)
        return
    with meld_fouten():
        resultaat = evalueer_model(laad_model(model), data=data, annotatiemap=ANNOTATIEMAP,
                                   herhalingen=herhalingen)
    if html is not None:
        from klachtclassificatie.classificatie import schrijf_html

        schrijf_html(resultaat, html)
    if json_uitvoer:
        typer.echo(json.dumps(resultaat, ensure_ascii=False, indent=2))
    else:
        _toon_evaluatie(resultaat)
    if html is not None:
        typer.echo(f"HTML-rapport geschreven naar {html}", err=True)


def _toon_evaluatie(resultaat: dict) -> None:
    from klachtclassificatie.vocabulaire import DOELEN

    typer.echo(f"Model {resultaat['model']}")
    if groepen := resultaat.get("gegroepeerd"):
        typer.secho(f"\nTeksten van een schrijver of organisatie die het model niet kent "
                    f"({groepen['folds']}-voudige kruisvalidatie, {groepen['vouwen']}):", bold=True)
        for doel in DOELEN:
            for naam, s in groepen[doel].items():
                soort = "nieuwe schrijver" if naam == "schrijvers" else "nieuwe organisatie (echte gevallen)"
                typer.echo(f"  {doel:<19} {soort:<37} n={s['n']:<5} accuracy {s['accuracy']:.3f}   "
                           f"macro-F1 {s['macro_f1']:.3f}")
    for doel, kv in resultaat.get("kruisvalidatie", {}).items():
        typer.secho(f"\n{doel}: kruisvalidatie ({kv['herhalingen']}x{kv['folds']}-voudig, n={kv['n']})",
                    bold=True)
        for naam in ("model", "meest_voorkomend", "trefwoorden"):
            acc, f1 = kv[f"{naam}.accuracy"], kv[f"{naam}.macro_f1"]
            typer.echo(f"  {naam:<17} accuracy {acc['gemiddeld']:.3f} ± {acc['sd']:.3f}   "
                       f"macro-F1 {f1['gemiddeld']:.3f} ± {f1['sd']:.3f}")
    for split, per_doel in resultaat.get("testsplits", {}).items():
        typer.secho(f"\nTestbestand {split}:", bold=True)
        for doel, s in per_doel.items():
            typer.echo(f"  {doel:<19} n={s['n']:<5} accuracy {s['accuracy']:.3f}   macro-F1 {s['macro_f1']:.3f}")
    for doel in DOELEN:
        if doel not in resultaat:
            continue
        s = resultaat[doel]
        bron = resultaat.get("data", "alle testbestanden samen")
        typer.secho(f"\n{doel}: {bron} (n={s['n']})", bold=True)
        zeker = "—" if s["accuracy_zeker"] is None else f"{s['accuracy_zeker']:.1%}"
        typer.echo(f"  accuracy {s['accuracy']:.3f}   macro-F1 {s['macro_f1']:.3f}   "
                   f"kalibratiefout {s['kalibratiefout']:.3f}")
        if s.get("afwezig"):
            aanwezig = len(s["klassen"]) - len(s["afwezig"])
            typer.echo(f"  macro-F1 over {aanwezig} {'klasse' if aanwezig == 1 else 'klassen'} in de data; "
                       f"niet in de data: {', '.join(s['afwezig'])}")
        typer.echo(f"  zeker: {s['dekking']:.1%} van de teksten, daarvan juist {zeker} (drempel {s['drempel']:.2f})")
        if "set_dekking" in s:
            typer.echo(f"  set: bevat het juiste label in {s['set_dekking']:.1%}, gemiddeld "
                       f"{s['set_grootte']:.2f} labels")
        for naam, b in s["basislijnen"].items():
            typer.echo(f"  basislijn {naam:<17} accuracy {b['accuracy']:.3f}   macro-F1 {b['macro_f1']:.3f}")
        typer.echo("  per klasse (precisie / recall / F1 / n):")
        for klasse, k in s["per_klasse"].items():
            typer.echo(f"    {klasse:<24} {k['precisie']:.2f} / {k['recall']:.2f} / {k['f1']:.2f} / {k['n']}")
        typer.echo("  verwarringsmatrix (rij: juist label, kolom: suggestie):")
        breedte = max(len(k) for k in s["klassen"])
        for klasse, rij in zip(s["klassen"], s["verwarring"], strict=True):
            typer.echo(f"    {klasse:<{breedte}} " + " ".join(f"{v:4d}" for v in rij))


def _toon_live(live: dict) -> None:
    precisie = live.pop("precisie_bij_registermix", None)
    for doel, s in live.items():
        typer.secho(f"{doel}: {s['n']} bevestigde klachten met een suggestie", bold=True)
        if not s["n"]:
            continue
        for groep, sleutel in (("per_model", "model"), ("per_kwartaal", "kwartaal")):
            for r in s[groep]:
                zeker = "—" if r["accuracy_zeker"] is None else f"{r['accuracy_zeker']:.0%}"
                typer.echo(f"  {sleutel} {r[sleutel]}: n={r['n']}, top-1 {r['top1']:.0%}, top-3 {r['top3']:.0%}, "
                           f"boven drempel {r['dekking']:.0%} (daarvan juist {zeker})")
    if precisie:
        typer.secho("Verwachte precisie per label bij de labelverdeling van dit register "
                    "(hoe vaak een suggestie van dat label juist is):", bold=True)
        for doel, per_label in precisie.items():
            typer.echo(f"  {doel}: " + ", ".join(
                f"{label} {'—' if p is None else f'{p:.0%}'}" for label, p in per_label.items()))
