"""A short Markdown rendering of the model card (the JSON card is the source of truth)."""

from __future__ import annotations


def _pct(waarde) -> str:
    return "—" if waarde is None else f"{100 * waarde:.1f}%"


def _kalibratie(kalibratie: dict | None) -> str:
    if not kalibratie:
        return "temperature scaling"
    return (f"temperature scaling, temperatuur ×{kalibratie['temperatuur']:.2f} geschat op {kalibratie['n']} "
            f"{kalibratie['geijkt_op']} (kalibratiefout daar {kalibratie['kalibratiefout_voor']:.3f} → "
            f"{kalibratie['kalibratiefout_na']:.3f})")


def _verschuiving(verschuiving: dict) -> str:
    if "genest_macro_f1_met" not in verschuiving:
        return f"Geen verschuiving per label ({verschuiving.get('reden', 'niet getoetst')})."
    genest = (f"genest gemeten macro-F1 {verschuiving['genest_macro_f1_zonder']:.3f} zonder, "
              f"{verschuiving['genest_macro_f1_met']:.3f} met"
              + (f", gemiddeld over {verschuiving['genest_herhalingen']} verdelingen van de organisaties"
                 if verschuiving.get("genest_herhalingen") else ""))
    if not verschuiving["toegepast"]:
        return f"Geen verschuiving per label: die hielp niet op organisaties buiten de keuze ({genest})."
    return ("Verschuiving per label (" + ", ".join(f"{k} {v:+.2f}" for k, v in verschuiving["per_label"].items())
            + f"), gekozen op {verschuiving['gekozen_op']}; {genest}.")


def als_markdown(kaart: dict) -> str:
    """Render the card; sections without content say so instead of disappearing."""
    data = kaart["trainingsdata"]
    regels = [
        f"# Modelkaart {kaart['model']} {kaart['versie']}",
        "",
        f"- Datum: {kaart['datum']}",
        f"- Bestand: {kaart.get('bestand', '—')} (SHA-256 `{kaart.get('sha256', '—')}`)",
        f"- spaCy: {kaart['spacy']['naam']} ({kaart['spacy'].get('lemmatizer', '')}), spaCy {kaart['spacy']['spacy']}",
        "- Bibliotheken: " + ", ".join(f"{k} {v}" for k, v in kaart["bibliotheken"].items()),
        "",
        "## Trainingsdata",
        "",
        f"{data['n']} teksten uit {', '.join(data['bestanden']) or '—'} (SHA-256 `{data['sha256'][:16]}…`). "
        f"Persoonsgegevens: {data['persoonsgegevens']}.",
        "",
    ]
    for doel, tellingen in data["per_label"].items():
        regels.append(f"- {doel}: " + ", ".join(f"{k} {v}" for k, v in tellingen.items()))
    for doel, info in kaart["doelen"].items():
        kv, drempel = info["kruisvalidatie"], info["drempel"]
        regels += [
            "",
            f"## {doel}",
            "",
            f"Gekozen: {info['hyperparameters']['classificator']} met C={info['hyperparameters']['C']} "
            f"({info['hyperparameters'].get('regel', 'hoogste macro-F1')}); kalibratie: "
            + _kalibratie(info.get("kalibratie")) + ".",
            *([f"Gewichten: {gewichten['methode']} ("
               + ", ".join(f"{k} {v:g}" for k, v in gewichten["per_label"].items()) + ")."]
              if (gewichten := info.get("gewichten")) else []),
            "",
            "| kandidaat | macro-F1 (kruisvalidatie) |",
            "|---|---:|",
        ]
        regels += [f"| {v['classificator']} C={v['C']} | {v['macro_f1']:.3f} ± {v['sd']:.3f} |"
                   for v in info["vergelijking"]]
        regels += [
            "",
            f"Buiten de trainingsvouw ({info.get('vouwen', 'gestratificeerd')}): accuracy "
            f"{_pct(kv['accuracy'])}, macro-F1 {kv['macro_f1']:.3f}, kalibratiefout "
            f"{kv.get('kalibratiefout', 0):.3f}.",
            f"Drempel {drempel['drempel']:.2f} (doel: {_pct(drempel['doel'])} juist boven de drempel"
            + (f", met {_pct(drempel['betrouwbaarheid'])} betrouwbaarheid" if drempel.get("betrouwbaarheid") else "")
            + (f"; gemikt op {_pct(drempel['doel'] + drempel['marge'])} buiten de vouw, omdat een nieuwe "
               "organisatie er een paar punten onder kan uitkomen" if drempel.get("marge") else "")
            + f"): dekking {_pct(drempel['dekking'])}, juist boven de drempel {_pct(drempel['accuracy_zeker'])}"
            + (f" (ondergrens {_pct(drempel['ondergrens'])}"
               + (f", {drempel['ondergrens_methode']}" if drempel.get("ondergrens_methode") else "") + ")"
               if drempel.get("ondergrens") is not None else "") + ".",
        ]
        for sleutel, soort in (("kruisvalidatie_gevallen", "teksten uit echte gevallen"),
                               ("kruisvalidatie_geschreven", "geschreven teksten")):
            if deel := info.get(sleutel):
                regels.append(f"Daarvan de {deel['n']} {soort}: accuracy {_pct(deel['accuracy'])}, "
                              f"macro-F1 {deel['macro_f1']:.3f}, kalibratiefout {deel.get('kalibratiefout', 0):.3f}.")
        if verschuiving := info.get("verschuiving"):
            regels.append(_verschuiving(verschuiving))
        if conformeel := info.get("conformeel"):
            gemeten = conformeel.get("gemeten", {})
            regels.append(f"Drempel en voorspellingssets geijkt op {conformeel['n']} {conformeel['geijkt_op']}"
                          + (f"; 90%-sets bevatten daar het juiste label in {_pct(gemeten['set_dekking'])}, "
                             f"gemiddeld {gemeten['set_grootte']:.2f} labels" if gemeten else "") + ".")
    regels += ["", "## Registerklachten in de training", ""]
    if register := kaart.get("register"):
        regels.append(f"{register['n']} bevestigde klachten uit {', '.join(register['bron'])}, gewicht gekozen "
                      f"met kruisvalidatie, gescoord op {register['gescoord_op']}:")
        regels += [f"- {doel}: gewicht {register['gewicht'][doel]:g} (macro-F1 " + ", ".join(
            f"{s['gewicht']:g}: {s['macro_f1']:.3f}" for s in scores) + ")"
            for doel, scores in register["scores"].items()]
        if register.get("weggelaten"):
            regels.append("Weggelaten: " + ", ".join(f"{k} {v}" for k, v in register["weggelaten"].items()) + ".")
    else:
        regels.append("Geen (getraind zonder `--register`).")
    if kalibratie := kaart.get("kalibratie"):
        regels += ["", "## Kalibratie op het register", "",
                   f"Kansen, drempels en sets afgesteld op {kalibratie['n']} bevestigde klachten uit "
                   f"{kalibratie['bron']} ({kalibratie['datum']}) met `klachten kalibreer`"
                   + (", temperatuur " + ", ".join(f"{d} ×{t:.2f}" for d, t in kalibratie["temperatuur"].items())
                      if kalibratie.get("temperatuur") else "") + "."]
    regels += ["", "## Testsplit", ""]
    test = kaart.get("testsplit")
    if not test:
        regels.append("Niet gemeten (geen testsplit gevonden bij het trainen).")
    else:
        regels += ["| doel | n | accuracy | macro-F1 | dekking | juist boven drempel |",
                   "|---|---:|---:|---:|---:|---:|"]
        regels += [f"| {doel} | {s['n']} | {_pct(s['accuracy'])} | {s['macro_f1']:.3f} | "
                   f"{_pct(s.get('dekking'))} | {_pct(s.get('accuracy_zeker'))} |"
                   for doel, s in test.items()]
        for split, per_doel in (kaart.get("testsplits") or {}).items():
            regels += ["", f"{split}: " + "; ".join(
                f"{doel} macro-F1 {s['macro_f1']:.3f} (n={s['n']})" for doel, s in per_doel.items())]
    return "\n".join(regels) + "\n"
