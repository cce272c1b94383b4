"""Batch labelling: suggestions for a whole CSV/XLSX file, streamed in chunks over both cores."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from klachtclassificatie.bestanden import (
    CSV_EXTENSIES,
    XLSX_EXTENSIES,
    atomair_pad,
    decodeer,
    raad_scheidingsteken,
)
from klachtclassificatie.classificatie._model import DOELEN, MINIMUM_BEKEND, KlachtModel, laad
from klachtclassificatie.fouten import BestandError

STUKGROOTTE = 2000
INTERN = ["zekerheid"]
#: The model the worker processes use: loaded once in the parent and inherited when they fork,
#: or loaded by each worker where processes cannot fork.
_PROCES_MODEL: KlachtModel | None = None
_PROCES_PAD: str | None = None


@dataclass
class LabelResultaat:
    rijen: int
    te_beoordelen: int
    uitvoer: Path


def _kolommen_voor(doel: str) -> list[str]:
    return [f"{doel}_suggestie", f"{doel}_kans", f"{doel}_tweede", f"{doel}_kans_tweede"]


def suggesties_als_frame(model: KlachtModel, teksten: list[str]) -> pd.DataFrame:
    """Suggestion columns for a list of texts: per target first and second choice, and the flag."""
    voorbewerkt = model.voorbewerk(teksten)
    per_doel = model.alle_kansen(voorbewerkt)
    bekend = model.bekendheid(voorbewerkt) >= MINIMUM_BEKEND
    zeker = model.zeker(voorbewerkt, per_doel, bekend=bekend)
    rijen = np.arange(len(teksten))
    kolommen: dict[str, np.ndarray] = {}
    eerste_kansen = []
    for doel, (klassen, kansen) in per_doel.items():
        volgorde = kansen.argsort(axis=1)[:, ::-1]
        eerste, tweede = volgorde[:, 0], volgorde[:, 1]
        namen = _kolommen_voor(doel)
        kolommen[namen[0]] = klassen[eerste]
        kolommen[namen[1]] = kansen[rijen, eerste].round(4)
        kolommen[namen[2]] = klassen[tweede]
        kolommen[namen[3]] = kansen[rijen, tweede].round(4)
        eerste_kansen.append(kolommen[namen[1]])
    twijfel = ~(zeker["categorie"] & zeker["programmaonderdeel"])
    kolommen["te_beoordelen"] = np.where(twijfel, "ja", "nee").astype(object)
    # internal column, dropped before writing: for sorting and for the register
    kolommen["zekerheid"] = np.where(bekend, np.minimum.reduce(eerste_kansen), 0.0)
    return pd.DataFrame(kolommen)


def _lees_csv_in_stukken(pad: Path, stukgrootte: int) -> Iterator[pd.DataFrame]:
    with pad.open("rb") as bestand:
        begin = bestand.read(64 * 1024)
    _, codering = decodeer(pad, begin)
    kopregel = begin.decode(codering, errors="replace").splitlines()[0] if begin else ""
    try:
        yield from pd.read_csv(pad, sep=raad_scheidingsteken(kopregel), encoding=codering, dtype=str,
                               keep_default_na=False, chunksize=stukgrootte)
    except (pd.errors.ParserError, UnicodeDecodeError) as fout:
        raise BestandError(pad, f"ongeldige CSV ({fout})") from fout


def _lees_xlsx_in_stukken(pad: Path, stukgrootte: int) -> Iterator[pd.DataFrame]:
    from openpyxl import load_workbook

    from klachtclassificatie.bestanden import celtekst

    boek = load_workbook(pad, read_only=True, data_only=True)
    try:
        rijen = boek.worksheets[0].iter_rows(values_only=True)
        kop = [celtekst(c) for c in next(rijen, [])]
        stuk = []
        for rij in rijen:
            stuk.append([celtekst(c) for c in rij])
            if len(stuk) == stukgrootte:
                yield pd.DataFrame(stuk, columns=kop)
                stuk = []
        if stuk:
            yield pd.DataFrame(stuk, columns=kop)
    finally:
        boek.close()


def lees_in_stukken(pad: Path, stukgrootte: int = STUKGROOTTE) -> Iterator[pd.DataFrame]:
    """Read a CSV or XLSX file in chunks of text columns (memory stays flat)."""
    pad = Path(pad)
    if not pad.is_file():
        raise BestandError(pad, "bestand niet gevonden")
    if pad.suffix.lower() in XLSX_EXTENSIES:
        return _lees_xlsx_in_stukken(pad, stukgrootte)
    if pad.suffix.lower() in CSV_EXTENSIES:
        return _lees_csv_in_stukken(pad, stukgrootte)
    raise BestandError(pad, f"onbekend bestandstype '{pad.suffix}'; gebruik .csv of .xlsx")


def _init_proces(modelpad: str) -> None:
    global _PROCES_MODEL, _PROCES_PAD
    _PROCES_MODEL, _PROCES_PAD = laad(Path(modelpad)), modelpad


def _label_stuk(teksten: list[str]) -> pd.DataFrame:
    return suggesties_als_frame(_PROCES_MODEL, teksten)


@contextmanager
def _gedeeld_model(model: KlachtModel, modelpad: Path):
    """Make `model` (with spaCy loaded) the one forked workers inherit, for the duration of a run."""
    global _PROCES_MODEL, _PROCES_PAD
    model.voorbewerk(["opwarmen"])  # load spaCy once, before the workers fork
    _PROCES_MODEL, _PROCES_PAD = model, str(modelpad)
    try:
        yield model
    finally:
        _PROCES_MODEL = _PROCES_PAD = None


def _pool(modelpad: Path, processen: int) -> ProcessPoolExecutor:
    """Workers that inherit the loaded model by forking, or that each load it where fork is missing."""
    if str(modelpad) == _PROCES_PAD and "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(processen, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(processen, initializer=_init_proces, initargs=(str(modelpad),))


def _in_volgorde(stukken: Iterator[pd.DataFrame], kolom: str, modelpad: Path, processen: int
                 ) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Label chunks in worker processes, at most two chunks per worker in flight, in input order."""
    with _pool(modelpad, processen) as pool:
        wachtend = []
        for stuk in stukken:
            wachtend.append((stuk, pool.submit(_label_stuk, stuk[kolom].tolist())))
            if len(wachtend) >= 2 * processen:
                oud, toekomst = wachtend.pop(0)
                yield oud, toekomst.result()
        for oud, toekomst in wachtend:
            yield oud, toekomst.result()


def label_bestand(
    modelpad: Path,
    invoer: Path,
    uitvoer: Path,
    *,
    kolom: str = "tekst",
    sorteer: bool = False,
    processen: int = 2,
    stukgrootte: int = STUKGROOTTE,
    voortgang: Callable[[int], None] | None = None,
) -> LabelResultaat:
    """Write `invoer` with suggestion columns to `uitvoer` (CSV or XLSX), atomically.

    The input is never modified; on any error no output file is left behind. Raises
    BestandError when the text column is missing.
    """
    invoer, uitvoer = Path(invoer), Path(uitvoer)
    if uitvoer.suffix.lower() not in {".csv", ".xlsx"}:
        raise BestandError(uitvoer, f"onbekend bestandstype '{uitvoer.suffix}'; gebruik .csv of .xlsx")
    if uitvoer.resolve() == invoer.resolve():
        raise BestandError(uitvoer, "het uitvoerbestand mag niet het invoerbestand zijn")
    model = laad(modelpad)  # verify the model here, so a bad model fails before any work
    stukken = lees_in_stukken(invoer, stukgrootte)
    eerste = next(stukken, None)
    if eerste is None or kolom not in eerste.columns:
        aanwezig = ", ".join(eerste.columns) if eerste is not None else "geen"
        raise BestandError(invoer, f"kolom '{kolom}' niet gevonden; aanwezig: {aanwezig}. "
                                   "Kies een andere met --kolom")

    def alle_stukken():
        yield eerste
        yield from stukken

    with _gedeeld_model(model, modelpad), atomair_pad(uitvoer) as tijdelijk:
        rijen, twijfel = _schrijf(alle_stukken(), kolom, modelpad, processen, tijdelijk,
                                  uitvoer.suffix.lower(), sorteer, voortgang)
    return LabelResultaat(rijen, twijfel, uitvoer)


def _schrijf(stukken, kolom, modelpad, processen, tijdelijk: Path, soort: str, sorteer: bool,
             voortgang) -> tuple[int, int]:
    rijen = twijfel = 0
    bewaard = []
    csv_bestand = None
    try:
        for invoerstuk, suggesties in _in_volgorde(stukken, kolom, modelpad, processen):
            samen = pd.concat([invoerstuk.reset_index(drop=True), suggesties], axis=1)
            rijen += len(samen)
            twijfel += int((samen["te_beoordelen"] == "ja").sum())
            if voortgang:
                voortgang(len(samen))
            if sorteer or soort == ".xlsx":
                bewaard.append(samen)
                continue
            if csv_bestand is None:
                csv_bestand = tijdelijk.open("w", encoding="utf-8-sig", newline="")
                samen.drop(columns=INTERN).to_csv(csv_bestand, index=False)
            else:
                samen.drop(columns=INTERN).to_csv(csv_bestand, index=False, header=False)
    finally:
        if csv_bestand is not None:
            csv_bestand.close()
    if bewaard:
        alles = pd.concat(bewaard, ignore_index=True)
        if sorteer:
            alles = alles.sort_values("zekerheid", kind="stable")
        alles = alles.drop(columns=INTERN)
        if soort == ".xlsx":
            alles.to_excel(tijdelijk, index=False, engine="openpyxl")
        else:
            alles.to_csv(tijdelijk, index=False, encoding="utf-8-sig")
    return rijen, twijfel


def suggestie_items(model: KlachtModel, frame: pd.DataFrame) -> list[dict]:
    """Suggestions for register rows in the form `Register.zet_suggesties` stores."""
    teksten = frame["tekst"].tolist()
    voorbewerkt = model.voorbewerk(teksten)
    per_doel = model.alle_kansen(voorbewerkt)
    zeker = model.zeker(voorbewerkt, per_doel)
    items = []
    for i, nummer in enumerate(frame["klachtnummer"]):
        item = {"klachtnummer": nummer}
        for doel, (klassen, kansen) in per_doel.items():
            volgorde = kansen[i].argsort()[::-1]
            item[doel] = {
                "label": str(klassen[volgorde[0]]), "kans": float(kansen[i][volgorde[0]]),
                "tweede": str(klassen[volgorde[1]]), "kans_tweede": float(kansen[i][volgorde[1]]),
                "zeker": bool(zeker[doel][i]),
                "kansen": {str(k): round(float(p), 4) for k, p in zip(klassen, kansen[i], strict=True)},
            }
        items.append(item)
    return items


def label_register(registerpad: Path, modelpad: Path, *, door: str) -> dict[str, int]:
    """Give every register complaint without confirmed labels a suggestion (never the confirmed)."""
    from klachtclassificatie.register import Register

    model = laad(modelpad)
    with Register.open(registerpad) as register:
        open_ = register.zonder_bevestigde_labels()
        totaal = register.aantal()
        items = suggestie_items(model, open_) if len(open_) else []
        gelabeld = register.zet_suggesties(items, model_versie=model.versie, door=door)
    twijfel = sum(not all(item[d]["zeker"] for d in DOELEN) for item in items)
    return {"gelabeld": gelabeld, "te_beoordelen": twijfel, "bevestigd": totaal - len(open_)}
