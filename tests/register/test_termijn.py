from datetime import date

from klachtclassificatie.register import feestdagen, is_werkdag, uiterste_datum


def test_six_weeks_after_receipt():
    # Tuesday 5 March 2024 + 6 weeks = Tuesday 16 April 2024
    assert uiterste_datum(date(2024, 3, 5)) == date(2024, 4, 16)


def test_extension_adds_four_weeks():
    assert uiterste_datum(date(2024, 3, 5), verlenging=True) == date(2024, 5, 14)


def test_suspension_adds_its_days():
    assert uiterste_datum(date(2024, 3, 5), opschorting_dagen=10) == date(2024, 4, 26)


def test_term_ending_on_saturday_runs_to_monday():
    # Saturday 2 March 2024 + 6 weeks = Saturday 13 April -> Monday 15 April
    assert uiterste_datum(date(2024, 3, 2)) == date(2024, 4, 15)


def test_term_ending_on_christmas_runs_past_the_holidays():
    # 13 November 2024 + 6 weeks = Wednesday 25 December -> Friday 27 December
    assert uiterste_datum(date(2024, 11, 13)) == date(2024, 12, 27)


def test_year_boundary_received_in_december():
    # 18 December 2024 + 6 weeks = Wednesday 29 January 2025
    assert uiterste_datum(date(2024, 12, 18)) == date(2025, 1, 29)


def test_atw_holidays_2024():
    dagen = feestdagen(2024)
    assert date(2024, 4, 1) in dagen  # tweede paasdag
    assert date(2024, 5, 9) in dagen  # Hemelvaartsdag
    assert date(2024, 5, 20) in dagen  # tweede pinksterdag
    assert date(2024, 4, 27) in dagen  # Koningsdag
    assert date(2024, 3, 29) not in dagen  # Goede Vrijdag is no Atw holiday
    assert not is_werkdag(date(2024, 5, 5)) and is_werkdag(date(2024, 5, 6))


def test_kingsday_on_sunday_moves_to_saturday():
    assert date(2025, 4, 26) in feestdagen(2025)
    assert date(2025, 4, 27) not in feestdagen(2025)
