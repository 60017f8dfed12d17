from django.apps import AppConfig


class SampleFlowConfig(AppConfig):
    name = "jiuye.tests.sampleflow"
    label = "sampleflow"

    def ready(self):
        from jiuye.core.registry import register_permissions
        from jiuye.staff.roles import RoleCode

        register_permissions(
            {
                "sampleflow.add_samplecase": {RoleCode.COORDINATOR},
                "sampleflow.submit_samplecase": {RoleCode.COORDINATOR},
                "sampleflow.review_samplecase": {RoleCode.COUNTY_APPROVER, RoleCode.CITY_OFFICER},
            }
        )
