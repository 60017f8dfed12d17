from django.apps import AppConfig


class SampleFlowConfig(AppConfig):
    name = "jiuye.tests.sampleflow"
    label = "sampleflow"

    def ready(self):
        from jiuye.core.registry import register_permissions
        from jiuye.staff.roles import Role

        register_permissions(
            {
                "sampleflow.add_samplecase": {Role.COORDINATOR},
                "sampleflow.submit_samplecase": {Role.COORDINATOR},
                "sampleflow.review_samplecase": {Role.COUNTY_APPROVER, Role.CITY_OFFICER},
            }
        )
