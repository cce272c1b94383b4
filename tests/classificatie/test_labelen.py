from pathlib import Path

import pandas as pd
import pytest

from klachtclassificatie.classificatie import _labelen, label_bestand, label_register
from klachtclassificatie.fouten import BestandError
from klachtclassificatie.register import Register, importeer


def _invoer(tmp_path, naam="oud.csv", sep=",", codering="utf-8"):
    frame = pd.DataFrame({
        "nummer": ["H1", "H2", "H3", "H4"],
        "omschrijving": ["De werkcoach schreeuwde tegen mij.", "Mijn stadspas is verkeerd verlengd.",
                         "", "Al tien weken geen besluit op mijn aanvraag bijzondere bijstand."],
    })
    pad = tmp_path / naam
    if naam.endswith(".xlsx"):
        frame.to_excel(pad, index=False)
    else:
        frame.to_csv(pad, index=False, sep=sep, encoding=codering)
    return pad


def test_output_has_input_columns_and_suggestions(klein_modelpad, tmp_path):
    invoer = _invoer(tmp_path, sep=";", codering="cp1252")
    voor = invoer.read_bytes()
    resultaat = label_bestand(klein_modelpad, invoer, tmp_path / "uit.csv", kolom="omschrijving",
                              processen=1, stukgrootte=2)
    assert invoer.read_bytes() == voor
    uit = pd.read_csv(tmp_path / "uit.csv", dtype=str, keep_default_na=False)
    assert list(uit.columns[:2]) == ["nummer", "omschrijving"]
    for doel in ("categorie", "programmaonderdeel"):
        assert {f"{doel}_suggestie", f"{doel}_kans", f"{doel}_tweede"} <= set(uit.columns)
    assert list(uit["nummer"]) == ["H1", "H2", "H3", "H4"]
    assert uit.loc[2, "te_beoordelen"] == "ja"  # the empty text
    assert resultaat.rijen == 4 and resultaat.te_beoordelen >= 1
    assert "zekerheid" not in uit.columns and "bekend" not in uit.columns


def test_sorted_output_puts_the_most_doubtful_first(klein_modelpad, tmp_path):
    label_bestand(klein_modelpad, _invoer(tmp_path), tmp_path / "uit.xlsx", kolom="omschrijving",
                  sorteer=True, processen=1)
    uit = pd.read_excel(tmp_path / "uit.xlsx", dtype=str, keep_default_na=False)
    assert uit.loc[0, "nummer"] == "H3"


def test_wrong_column_is_a_clear_error_and_leaves_no_output(klein_modelpad, tmp_path):
    with pytest.raises(BestandError, match="kolom 'tekst' niet gevonden; aanwezig: nummer, omschrijving"):
        label_bestand(klein_modelpad, _invoer(tmp_path), tmp_path / "uit.csv", processen=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oud.csv"]


def test_two_worker_processes_give_the_same_output(klein_modelpad, tmp_path):
    invoer = _invoer(tmp_path)
    label_bestand(klein_modelpad, invoer, tmp_path / "een.csv", kolom="omschrijving", processen=1,
                  stukgrootte=1)
    label_bestand(klein_modelpad, invoer, tmp_path / "twee.csv", kolom="omschrijving", processen=2,
                  stukgrootte=1)
    assert (tmp_path / "een.csv").read_bytes() == (tmp_path / "twee.csv").read_bytes()


def test_csv_written_by_the_workers_is_byte_for_byte_the_whole_frame_written_at_once(klein_modelpad, tmp_path):
    """Chunks formatted in worker processes and written in order give the file `schrijf_csv`
    writes for the input beside all its suggestions: formulas protected, quotes, line breaks."""
    from klachtclassificatie.bestanden import schrijf_csv
    from klachtclassificatie.classificatie import laad, suggesties_als_frame

    invoer = tmp_path / "lastig.csv"
    invoer.write_text(
        'nummer;tekst;opmerking\n'
        'K1;"De werkcoach zei ""nee"", en hing op.";=1+1\n'
        'K2;"Twee regels:\nmijn uitkering is te laat";-5\n'
        "K3;;@SUM(A1)\n"
        "K4;Mijn stadspas is verkeerd verlengd, zeggen ze;'+31\n"
        "K5;Café zegt: bel 06-12345678 op 12 maart;gewoon\n",
        encoding="cp1252")
    uit = tmp_path / "uit.csv"
    resultaat = label_bestand(klein_modelpad, invoer, uit, processen=2, stukgrootte=2)

    kop, stukken = _labelen._records_in_stukken(invoer, 100)
    frame = pd.DataFrame(next(stukken), columns=kop)
    alles = pd.concat([frame, suggesties_als_frame(laad(klein_modelpad), frame["tekst"].tolist())], axis=1)
    schrijf_csv(alles.drop(columns=["zekerheid"]), tmp_path / "in-een-keer.csv")
    assert uit.read_bytes() == (tmp_path / "in-een-keer.csv").read_bytes()
    assert uit.read_bytes().startswith(b"\xef\xbb\xbfnummer,tekst,opmerking,")
    assert b"'=1+1" in uit.read_bytes() and resultaat.rijen == 5


def test_register_labelling_never_overwrites_confirmed_labels(klein_modelpad, tmp_path, klachten_csv):
    register_pad = tmp_path / "register.sqlite"
    importeer(register_pad, klachten_csv, door="a")  # T-004 has unconfirmed labels
    onbekend = tmp_path / "nieuw.csv"
    onbekend.write_text("klachtnummer,ontvangstdatum,gemeente,tekst\n"
                        "N-1,2024-05-01,Houten,Mijn werkcoach luistert niet naar mij.\n", encoding="utf-8")
    importeer(register_pad, onbekend, door="a")
    resultaat = label_register(register_pad, klein_modelpad, door="model-test")
    assert resultaat["gelabeld"] == 2 and resultaat["bevestigd"] == 3
    with Register.open(register_pad) as register:
        klachten = register.klachten().set_index("klachtnummer")
        audit = register.audit("N-1")
        suggesties = register.suggesties()
    assert klachten.loc["T-001", "categorie"] == "bejegening"  # confirmed, untouched
    assert klachten.loc["N-1", "labels_bevestigd"] == 0
    assert set(suggesties["klachtnummer"]) == {"T-004", "N-1"}
    voorstel = suggesties[(suggesties["klachtnummer"] == "N-1") & (suggesties["doel"] == "programmaonderdeel")]
    assert klachten.loc["N-1", "programmaonderdeel"] == voorstel["label"].item()
    assert audit.iloc[-1]["bron"].startswith("suggestie model ")


def test_output_holds_no_formulas_and_reads_back_as_the_input(klein_modelpad, tmp_path):
    import openpyxl

    from klachtclassificatie.bestanden import lees_tabel

    invoer = tmp_path / "oud.csv"
    invoer.write_text("nummer;omschrijving\n-5;=HYPERLINK(\"http://x\")\n@K2;'+31 6 1234\n"
                      "K3;\"regel\x0bnieuw\x00\"\n", encoding="utf-8")
    for naam in ("uit.csv", "uit.xlsx"):
        label_bestand(klein_modelpad, invoer, tmp_path / naam, kolom="omschrijving", processen=1)
        rijen = [c for _, c in lees_tabel(tmp_path / naam).rijen]
        assert [r["nummer"] for r in rijen] == ["-5", "@K2", "K3"], naam
        assert [r["omschrijving"] for r in rijen] == ['=HYPERLINK("http://x")', "+31 6 1234",
                                                      "regel\nnieuw"], naam
    assert (tmp_path / "uit.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith(
        "'-5,\"'=HYPERLINK")
    boek = openpyxl.load_workbook(tmp_path / "uit.xlsx")
    assert not [c for rij in boek.active.iter_rows() for c in rij if c.data_type == "f"]


def test_label_decides_the_encoding_on_the_whole_file(klein_modelpad, tmp_path):
    # a stray Windows-1252 byte far past the first 64 KB (where label used to look) is refused
    invoer = tmp_path / "oud.csv"
    invoer.write_bytes(b"nummer,omschrijving\n" + "H1,Geen reactie op één brief.\n".encode() * 3000
                       + "H2,financiële hulp\n".encode("cp1252"))
    with pytest.raises(BestandError, match="regel 3002, byte 0xEB"):
        label_bestand(klein_modelpad, invoer, tmp_path / "uit.csv", kolom="omschrijving", processen=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oud.csv"]


def test_label_reads_an_excel_file_renamed_csv_and_refuses_a_header_only_file(klein_modelpad, tmp_path):
    _invoer(tmp_path, naam="echt.xlsx")
    hernoemd = tmp_path / "hernoemd.csv"
    hernoemd.write_bytes((tmp_path / "echt.xlsx").read_bytes())
    resultaat = label_bestand(klein_modelpad, hernoemd, tmp_path / "uit.csv", kolom="omschrijving",
                              processen=1)
    assert resultaat.rijen == 4
    alleen_kop = tmp_path / "kop.csv"
    alleen_kop.write_text("nummer,omschrijving\n", encoding="utf-8")
    with pytest.raises(BestandError, match="kopregel maar geen rijen"):
        label_bestand(klein_modelpad, alleen_kop, tmp_path / "uit2.csv", kolom="omschrijving", processen=1)


def test_workers_inherit_the_loaded_model_instead_of_loading_it(klein_modelpad):
    from klachtclassificatie.classificatie import _labelen, laad

    model = laad(klein_modelpad)
    with _labelen._gedeeld_model(model, klein_modelpad):
        pool = _labelen._pool(klein_modelpad, 1)
        assert pool._mp_context.get_start_method() == "fork" and pool._initializer is None
        gelabeld, _ = pool.submit(_labelen._label_stuk, ["tekst"], [["De werkcoach schreeuwde."]], "tekst",
                                  None).result()
        assert gelabeld.shape[0] == 1
        pool.shutdown()
    assert _labelen._PROCES_MODEL is None
    pool = _labelen._pool(klein_modelpad, 1)  # no model loaded here: each worker loads it
    assert pool._initializer is _labelen._init_proces
    pool.shutdown()


def test_kill_during_label_leaves_no_workers_and_no_temporary_file(klein_modelpad, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    invoer = tmp_path / "veel.csv"
    regels = "\n".join(f"K{i},De werkcoach belde niet terug over traject {i}." for i in range(60_000))
    invoer.write_text("nummer,tekst\n" + regels + "\n", encoding="utf-8")
    klachten = Path(sys.executable).with_name("klachten")
    proces = subprocess.Popen([str(klachten), "label", str(invoer), "--uit", str(tmp_path / "uit.csv"),
                               "--model", str(klein_modelpad)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    begin = time.monotonic()  # wait until the output is being written
    while not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")] and time.monotonic() - begin < 120:
        time.sleep(0.05)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")], "label wrote no temporary file"
    proces.send_signal(signal.SIGTERM)
    proces.wait(timeout=60)
    time.sleep(1)
    assert proces.returncode != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["veel.csv"]  # no output, no temporary file
    over = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            regel = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if str(invoer).encode() in regel:
            over.append(pid)
    assert over == []
