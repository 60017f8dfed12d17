"""The API of complaints (``/api/v1/complaints/``): the complaints about the jurisdiction
(phones masked in the list, whole on a record), recorded by staff (POST, window or telephone);
the office handling one starts (``…/transitions/``, ``handle``), notes (``…/notes/``), answers
(``…/answer/``) and closes it after the call-back (``…/close/``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from jiuye.complaints import services
from jiuye.complaints.choices import Channel, Satisfaction
from jiuye.complaints.filters import ComplaintFilter
from jiuye.complaints.models import Complaint
from jiuye.core.api import EditableScopedViewSet, WorkflowActionsMixin
from jiuye.core.drf import ViewPermission
from jiuye.core.services import access_log
from jiuye.regions.models import Region


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField()


class ComplaintSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.none(),
                                          help_text=_("被投诉地区（街道乡镇或社区村）的区划代码"))  # fmt: skip
    channel = serializers.ChoiceField(choices=Channel.choices)
    state_label = serializers.CharField(read_only=True)
    worker = serializers.CharField(required=False, allow_blank=True, write_only=True,
                                   help_text=_("被投诉工作人员的登录账号（工号），可选"))  # fmt: skip
    worker_id = serializers.IntegerField(read_only=True, allow_null=True)
    notes = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["id", "receipt", "channel", "about", "region", "org", "worker_name", "worker", "worker_id", "case_ref",
                  "name", "phone", "content", "received_on", "handler", "state", "state_label",
                  "due_on", "first_answer_by", "answer_by", "escalations", "answer",
                  "answered_on", "satisfaction", "satisfaction_on", "recorded_by", "notes"]  # fmt: skip
        read_only_fields = ["receipt", "org", "handler", "state", "due_on", "first_answer_by",
                            "answer_by", "escalations", "answer", "answered_on", "satisfaction",
                            "satisfaction_on", "recorded_by"]  # fmt: skip
        extra_kwargs = {"received_on": {"required": False}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["region"].queryset = Region.objects.editable_by(request.user)

    def validate_channel(self, channel):
        if channel == Channel.ONLINE:
            raise serializers.ValidationError(
                _("网上投诉由群众在公开投诉页面提交，工作人员只登记窗口和电话投诉。")
            )
        return channel

    def get_notes(self, complaint) -> list[dict]:
        return [{"at": note.at, "text": note.text} for note in complaint.notes.all()]

    def to_representation(self, complaint):
        data = super().to_representation(complaint)
        view = self.context.get("view")
        if view is not None and getattr(view, "action", "") == "list":
            data["phone"] = complaint.masked_phone
        return data


class AnswerSerializer(serializers.Serializer):
    answer = serializers.CharField()


class CloseSerializer(serializers.Serializer):
    satisfaction = serializers.ChoiceField(choices=Satisfaction.choices, required=False,
                                           allow_blank=True)  # fmt: skip
    note = serializers.CharField(required=False, allow_blank=True,
                                 help_text=_("未记录满意度的，写明原因"))  # fmt: skip


class ComplaintViewSet(mixins.CreateModelMixin, WorkflowActionsMixin, EditableScopedViewSet):
    """Complaints (投诉) about regions of the jurisdiction. Only the office a complaint is
    assigned to acts on it; the levels above read it until it is escalated to them."""

    queryset = Complaint.objects.all()
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilter
    item_name = "complaint"

    def scope(self, queryset):
        return queryset.with_parties().prefetch_related("notes")

    def retrieve(self, request, *args, **kwargs):
        """A record shows the complainant's whole phone number: the opening is logged."""
        response = super().retrieve(request, *args, **kwargs)
        access_log(actor=request.user, objs=[self.get_object()], purpose="API")
        return response

    def perform_create(self, serializer):
        serializer.instance = services.complaint_record(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=NoteSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoteSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def notes(self, request, pk=None):
        return self.act(request, NoteSerializer, services.complaint_note)

    @extend_schema(request=AnswerSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"], serializer_class=AnswerSerializer, url_path="answer",
            url_name="answer", permission_classes=[ViewPermission])  # fmt: skip
    def give_answer(self, request, pk=None):
        return self.act(request, AnswerSerializer, services.complaint_answer)

    @extend_schema(request=CloseSerializer, responses=ComplaintSerializer)
    @action(detail=True, methods=["post"], serializer_class=CloseSerializer,
            permission_classes=[ViewPermission])  # fmt: skip
    def close(self, request, pk=None):
        return self.act(request, CloseSerializer, services.complaint_close)


def routes(router) -> None:
    """Add this app's viewsets to the API router (``jiuye.api_urls``)."""
    router.register("complaints", ComplaintViewSet, basename="complaint")
