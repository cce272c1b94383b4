"""The HTML evaluation report."""

from klachtclassificatie.classificatie import evalueer, schrijf_html

from ..conftest import FIXTURES


def test_report_has_a_matrix_per_target_and_leaves_no_temporary_file(klein_model, tmp_path):
    resultaat = evalueer(klein_model, data=FIXTURES / "annotaties-klein.csv")
    pad = tmp_path / "evaluatie.html"
    schrijf_html(resultaat, pad)
    tekst = pad.read_text(encoding="utf-8")
    assert tekst.count("<svg") >= 4  # two confusion matrices, coverage and calibration
    assert "categorie" in tekst and "programmaonderdeel" in tekst
    assert [p.name for p in tmp_path.iterdir()] == ["evaluatie.html"]
