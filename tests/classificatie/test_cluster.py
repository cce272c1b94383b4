"""`klachten label --dask`: the same labelling on a (local, in-process) Dask cluster."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from klachtclassificatie.classificatie import _cluster
from klachtclassificatie.classificatie._labelen import label_bestand
from klachtclassificatie.cli import app
from klachtclassificatie.fouten import ClusterError

TEKSTEN = [
    "Mijn werkcoach schreeuwde tegen mij en luisterde niet.",
    "De energietoeslag is nog steeds niet uitbetaald, ik wacht al tien weken.",
    "Niemand belt terug over mijn aanvraag bijzondere bijstand.",
    "De stadspas is verkeerd verlengd.",
    "",
    "My benefit payment is late and nobody answers the phone",
    "Mijn klacht ligt al maanden stil, bel mij op 06-12345678.",
]


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, processes=False, threads_per_worker=1, dashboard_address=None) as lokaal:
        yield lokaal


@pytest.fixture
def invoer(tmp_path):
    pad = tmp_path / "klachten.csv"
    pd.DataFrame({"nummer": range(len(TEKSTEN)), "tekst": TEKSTEN}).to_csv(pad, index=False)
    return pad


def test_the_cluster_writes_exactly_what_local_labelling_writes(klein_modelpad, invoer, tmp_path, cluster):
    lokaal = label_bestand(klein_modelpad, invoer, tmp_path / "lokaal.csv", stukgrootte=2, processen=1)
    # chunks of two rows, windows of two chunks: four windows, the last one short
    op_cluster = label_bestand(klein_modelpad, invoer, tmp_path / "dask.csv", stukgrootte=2,
                               dask=cluster.scheduler_address)
    assert (op_cluster.rijen, op_cluster.te_beoordelen) == (lokaal.rijen, lokaal.te_beoordelen) == (7, lokaal.te_beoordelen)
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "lokaal.csv").read_bytes()
    uit = pd.read_csv(tmp_path / "dask.csv", dtype=str, keep_default_na=False)
    assert uit["nummer"].tolist() == [str(i) for i in range(7)]  # input order kept
    assert uit.loc[5, "reden"] == "geen Nederlandse tekst (Engels)"


def test_an_unreachable_scheduler_is_a_dutch_error_and_writes_nothing(klein_modelpad, invoer, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(_cluster, "VERBINDINGSTIJD", 0.5)
    with pytest.raises(ClusterError, match="Dask-cluster op 'tcp://127.0.0.1:1' niet bereikbaar binnen 0.5 s"):
        label_bestand(klein_modelpad, invoer, tmp_path / "uit.csv", dask="tcp://127.0.0.1:1")
    assert list(tmp_path.iterdir()) == [invoer]


def test_the_cli_reports_an_unreachable_cluster_in_one_line(klein_modelpad, invoer, tmp_path, monkeypatch):
    monkeypatch.setattr(_cluster, "VERBINDINGSTIJD", 0.5)
    uitvoer = CliRunner().invoke(app, ["label", str(invoer), "--uit", str(tmp_path / "uit.csv"), "--model",
                                       str(klein_modelpad), "--dask", "tcp://127.0.0.1:1"])
    assert uitvoer.exit_code == 1
    assert "niet bereikbaar" in uitvoer.output and "Traceback" not in uitvoer.output
    assert not (tmp_path / "uit.csv").exists()


def test_dask_with_a_register_is_refused(klein_modelpad, tmp_path):
    uitvoer = CliRunner().invoke(app, ["label", "--register", str(tmp_path / "r.sqlite"), "--model",
                                       str(klein_modelpad), "--dask", "tcp://127.0.0.1:1"])
    assert uitvoer.exit_code != 0
    assert "--dask werkt met een invoerbestand" in uitvoer.output


def _werker_zonder_pakket(model, teksten):
    from klachtclassificatie.classificatie._labelen import suggesties_als_frame

    if teksten != ["voorbeeld"]:  # the sample for the column layout is made here, not on a worker
        raise ModuleNotFoundError("No module named 'klachtclassificatie'")
    return suggesties_als_frame(model, teksten)


def test_a_worker_without_the_package_is_a_dutch_error(klein_model, cluster):
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:
        paren = _cluster.op_cluster(client, klein_model, iter([pd.DataFrame({"tekst": TEKSTEN})]), "tekst",
                                    labelen=_werker_zonder_pakket, stukgrootte=4)
        with pytest.raises(ClusterError, match="een werker van het Dask-cluster mist een pakket"):
            list(paren)
