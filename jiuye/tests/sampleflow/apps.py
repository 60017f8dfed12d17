from django.apps import AppConfig


class SampleFlowConfig(AppConfig):
    name = "jiuye.tests.sampleflow"
    label = "sampleflow"

    def ready(self):
        # A real process declares these in staff/roles.py; the test process adds its own.
        from jiuye.staff.roles import PERMISSIONS, Role

        PERMISSIONS.update(
            {
                "sampleflow.add_samplecase": frozenset({Role.COORDINATOR}),
                "sampleflow.submit_samplecase": frozenset({Role.COORDINATOR}),
                "sampleflow.review_samplecase": frozenset(
                    {Role.COUNTY_APPROVER, Role.CITY_OFFICER}
                ),
            }
        )
