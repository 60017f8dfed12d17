from jiuye.registration.services import _luhn, certificate_number

FORMAT = "{county}{hukou}{check}{year2}{sequence:06d}"


def test_the_number_has_sixteen_digits_in_the_reported_layout():
    number = certificate_number(county="370102", hukou="1", year=2026, sequence=42, pattern=FORMAT)
    assert len(number) == 16 and number.startswith("3701021") and number.endswith("26000042")
    assert number[7] == _luhn("3701021" + "26000042")


def test_the_check_digit_changes_when_a_digit_changes():
    first = certificate_number(county="370102", hukou="1", year=2026, sequence=42, pattern=FORMAT)
    second = certificate_number(county="370102", hukou="1", year=2026, sequence=43, pattern=FORMAT)
    assert first[7] != second[7]


def test_another_format_can_be_set_as_a_parameter():
    number = certificate_number(
        county="370102", hukou="2", year=2026, sequence=7, pattern="JY{year}{county}{sequence:05d}"
    )
    assert number == "JY202637010200007"
