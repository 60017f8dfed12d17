from django.apps import AppConfig


class SampleFlowConfig(AppConfig):
    name = "jiuye.tests.sampleflow"
    label = "sampleflow"
