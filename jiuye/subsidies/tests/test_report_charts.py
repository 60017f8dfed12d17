"""The charts of the programmes report: the month's subsidies by sub-region and by kind as the
table has them, and the last twelve months ending with the month shown."""

from django.urls import reverse


def test_the_report_draws_its_subsidies_by_region_and_its_last_twelve_months(city_officer, login):
    page = login(city_officer).get(reverse("subsidies:report"))
    report, (bars, ring, trend) = page.context["report"], page.context["charts"]
    columns = {str(column.label): column.code for column in report.columns}
    assert bars["xAxis"]["data"] == [row.region.name for row in report.rows]
    assert bars["series"]
    for series in bars["series"]:
        code = columns[series["name"]]
        assert code.endswith(":amount") and report.total.values[code]  # kinds paid this month
        assert series["data"] == [float(row.values[code]) for row in report.rows]
    paid = {
        series["name"]: float(report.total.values[columns[series["name"]]])
        for series in bars["series"]
    }
    assert {part["name"]: part["value"] for part in ring["series"][0]["data"]} == paid  # by kind
    assert (
        len(trend["xAxis"]["data"]) == 12 and trend["xAxis"]["data"][-1] == f"{report.month:%Y-%m}"
    )
    for series in trend["series"]:  # the month shown is the last point
        assert series["data"][-1] == float(report.total.values[columns[series["name"]]])
    export = login(city_officer).get(reverse("subsidies:report-export"))
    assert export.status_code == 200  # the export builds no charts
