"""Doubtful annotations: the labels the cross-validated model disputes."""

from klachtclassificatie.classificatie import twijfelachtige_annotaties


def test_a_list_to_check_never_a_change(kleine_annotaties):
    voor = kleine_annotaties.copy()
    twijfel = twijfelachtige_annotaties(kleine_annotaties, folds=3)
    assert list(twijfel.columns) == ["doel", "rang", "bestand", "rij", "id", "label", "kans_label",
                                     "suggestie", "kans_suggestie"]
    assert set(twijfel["id"]) <= set(kleine_annotaties["id"])
    assert (twijfel["suggestie"] != twijfel["label"]).all()
    assert kleine_annotaties.equals(voor)
