"""The API of vocational and entrepreneurship training: designated institutions, courses,
training needs and enrolments, with the same jurisdiction and role rules as the pages."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin, expected_version
from jiuye.core.drf import ViewPermission
from jiuye.jobs.models import Occupation
from jiuye.ledger.models import Person
from jiuye.regions.models import Region
from jiuye.training import services
from jiuye.training.choices import AppraisalResult, CertificateKind, SkillLevel
from jiuye.training.filters import CourseFilter, EnrolmentFilter, InstitutionFilter, NeedFilter
from jiuye.training.models import Course, Enrolment, Institution, Need


class InstitutionSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Institution
        fields = ["id", "name", "credit_code", "region", "address", "contact_name", "contact_phone",
                  "designated_from", "designated_until", "active", "note", "version"]  # fmt: skip
        extra_kwargs = {"credit_code": {"validators": []}}  # the service says why at the field


class InstitutionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Designated training institutions (定点培训机构) of the jurisdiction; the county keeps them."""

    queryset = Institution.objects.all()
    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter

    def scope(self, queryset):
        return queryset.select_related("region").order_by("name", "id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.institution_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.institution_update(
            actor=self.request.user, institution=serializer.instance, expected_version=expected,
            **data,
        )  # fmt: skip


class CourseSerializer(serializers.ModelSerializer):
    institution = serializers.PrimaryKeyRelatedField(queryset=Institution.objects.none())
    institution_name = serializers.CharField(source="institution.name", read_only=True)
    occupation = serializers.PrimaryKeyRelatedField(
        queryset=Occupation.objects.all(), required=False, allow_null=True
    )
    version = serializers.IntegerField(required=False, help_text=_("修改时必填：读取时的版本号"))

    class Meta:
        model = Course
        fields = ["id", "institution", "institution_name", "kind", "occupation", "title", "starts_on", "ends_on",
                  "hours", "capacity", "place", "published", "note", "region", "version"]  # fmt: skip
        read_only_fields = ["region"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["institution"].queryset = Institution.objects.editable_by(request.user)


class CourseViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, EditableScopedViewSet):
    """Courses (培训班) of the jurisdiction's designated institutions."""

    queryset = Course.objects.all()
    serializer_class = CourseSerializer
    filterset_class = CourseFilter

    def scope(self, queryset):
        return queryset.with_institution().order_by("-starts_on", "-id")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.course_create(actor=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        expected = expected_version(data)
        serializer.instance = services.course_update(
            actor=self.request.user, course=serializer.instance, expected_version=expected, **data
        )


class NeedSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    occupation = serializers.PrimaryKeyRelatedField(
        queryset=Occupation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Need
        fields = ["id", "person", "person_name", "kind", "occupation", "note", "recorded_on", "state",
                  "region"]  # fmt: skip
        read_only_fields = ["recorded_on", "state", "region"]
        validators = []  # one open need per person and kind: the service says so at ``kind``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)


class NeedViewSet(mixins.CreateModelMixin, EditableScopedViewSet):
    """Training needs (培训需求) of the jurisdiction's residents."""

    queryset = Need.objects.all()
    serializer_class = NeedSerializer
    filterset_class = NeedFilter

    def scope(self, queryset):
        return queryset.with_person().order_by("-recorded_on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.need_record(
            actor=self.request.user, **serializer.validated_data
        )


class EnrolmentSerializer(serializers.ModelSerializer):
    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    person_name = serializers.CharField(source="person.name", read_only=True)
    course = serializers.PrimaryKeyRelatedField(queryset=Course.objects.none())
    state_label = serializers.CharField(read_only=True)
    attendance_rate = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Enrolment
        fields = ["id", "person", "person_name", "course", "need", "org", "referred_on", "state", "state_label",
                  "attended_hours", "attendance_rate", "completed_on", "certificate_kind", "certificate_number",
                  "certificate_issued_on", "appraisal_result", "appraisal_level", "region"]  # fmt: skip
        read_only_fields = ["need", "org", "referred_on", "state", "attended_hours", "completed_on",
                            "certificate_kind", "certificate_number", "certificate_issued_on",
                            "appraisal_result", "appraisal_level", "region"]  # fmt: skip
        validators = []  # once per person and course: the service says so at ``course``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["person"].queryset = Person.objects.editable_by(request.user)
            self.fields["course"].queryset = Course.objects.offered_to(request.user)


class EnrolmentAttendanceSerializer(serializers.Serializer):
    attended_hours = serializers.IntegerField(min_value=0, max_value=2000)


class EnrolmentCompleteSerializer(serializers.Serializer):
    completed_on = serializers.DateField()
    attended_hours = serializers.IntegerField(min_value=0, max_value=2000)
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class EnrolmentCertificateSerializer(serializers.Serializer):
    certificate_kind = serializers.ChoiceField(
        choices=CertificateKind.choices, required=False, allow_blank=True
    )
    certificate_number = serializers.CharField(required=False, allow_blank=True, max_length=40)
    certificate_issued_on = serializers.DateField(required=False, allow_null=True)
    appraisal_result = serializers.ChoiceField(
        choices=AppraisalResult.choices, required=False, allow_blank=True
    )
    appraisal_level = serializers.ChoiceField(
        choices=SkillLevel.choices, required=False, allow_blank=True
    )


@extend_schema_view(transitions=extend_schema(responses=EnrolmentSerializer))
class EnrolmentViewSet(WorkflowActionsMixin, mixins.CreateModelMixin, EditableScopedViewSet):
    """Referrals of the jurisdiction's residents to courses (推荐参训); ``…/attendance/``,
    ``…/complete/``, ``…/certificate/`` and ``…/transitions/`` (``attend``, ``drop``)."""

    queryset = Enrolment.objects.all()
    serializer_class = EnrolmentSerializer
    filterset_class = EnrolmentFilter
    item_name = "enrolment"

    def scope(self, queryset):
        return queryset.select_related("person", "course").order_by("-referred_on", "-id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.enrolment_create(
            actor=self.request.user, person=data["person"], course=data["course"]
        )

    @extend_schema(request=EnrolmentAttendanceSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=EnrolmentAttendanceSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def attendance(self, request, pk=None):
        return self.act(request, EnrolmentAttendanceSerializer, services.enrolment_attendance)

    @extend_schema(request=EnrolmentCompleteSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=EnrolmentCompleteSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def complete(self, request, pk=None):
        return self.act(request, EnrolmentCompleteSerializer, services.enrolment_complete)

    @extend_schema(request=EnrolmentCertificateSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"], serializer_class=EnrolmentCertificateSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def certificate(self, request, pk=None):
        return self.act(request, EnrolmentCertificateSerializer, services.enrolment_certify)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("training/institutions", InstitutionViewSet, basename="training-institution")
    router.register("training/courses", CourseViewSet, basename="training-course")
    router.register("training/needs", NeedViewSet, basename="training-need")
    router.register("training/enrolments", EnrolmentViewSet, basename="training-enrolment")
