"""Recognition of a title (guideline 十二): the community applies with its self-assessment and
evidence, the street or township and the county review, the city recommends, the province
decides. A title stays valid until a re-check revokes it (十三)."""

from django.utils.translation import gettext_lazy as _

from jiuye.core.workflow import State, Transition, Workflow

REVIEWS = ("township_review", "county_review", "city_review", "province_review")


class ApplicationWorkflow(Workflow):
    name = "community_application"
    create_permission = "communities.add_application"
    editable_states = frozenset({"draft", "returned"})
    states = (
        State("draft", _("填报中")),
        State("returned", _("退回补正"), deadline="communities.days_returned"),
        State("township_review", _("待街道（乡镇）审核"), deadline="communities.days_review"),
        State("county_review", _("待县级审核"), deadline="communities.days_review"),
        State("city_review", _("待市级推荐"), deadline="communities.days_review"),
        State("province_review", _("待省级认定"), deadline="communities.days_province"),
        State("recognised", _("已认定命名"), final=True),
        State("rejected", _("未予认定"), final=True),
        State("withdrawn", _("已撤回"), final=True),
    )
    transitions = (
        Transition("submit", _("提交申报"), ("draft", "returned"), "township_review",
                   "communities.add_application", service_only=True),
        Transition("submit_to_county", _("提交申报"), ("draft", "returned"), "county_review",
                   "communities.add_application", service_only=True),  # a street's own application
        Transition("withdraw", _("撤回申报"), ("draft", "returned"), "withdrawn",
                   "communities.add_application", comment_required=True),
        Transition("township_approve", _("审核通过并上报"), ("township_review",), "county_review",
                   "communities.township_review_application"),
        Transition("county_approve", _("审核通过并上报"), ("county_review",), "city_review",
                   "communities.county_review_application"),
        Transition("city_recommend", _("推荐"), ("city_review",), "province_review",
                   "communities.city_recommend_application"),
        Transition("recognise", _("认定命名"), ("province_review",), "recognised",
                   "communities.decide_application"),
        Transition("township_return", _("退回补正"), ("township_review",), "returned",
                   "communities.township_review_application", comment_required=True),
        Transition("county_return", _("退回补正"), ("county_review",), "returned",
                   "communities.county_review_application", comment_required=True),
        Transition("reject", _("不予认定"), REVIEWS, "rejected", "communities.reject_application",
                   comment_required=True),
    )  # fmt: skip

    def may_fire(self, transition, item, user):
        """Each level rejects only at its own step (the township at the township's)."""
        if transition.name != "reject":
            return True
        return user.has_perm(STEP_PERMISSION[item.state])

    def on_enter(self, transition, item, actor, comment):
        from django.utils import timezone

        if transition.name in ("recognise", "reject"):
            item.decided_on = timezone.localdate()

    def on_fired(self, transition, item, actor, event):
        from jiuye.communities.services import title_grant

        if transition.name == "recognise":
            title_grant(application=item, actor=actor)


STEP_PERMISSION = {
    "township_review": "communities.township_review_application",
    "county_review": "communities.county_review_application",
    "city_review": "communities.city_recommend_application",
    "province_review": "communities.decide_application",
}


class TitleWorkflow(Workflow):
    name = "community_title"
    create_permission = "communities.decide_application"
    resting_states = frozenset({"valid"})
    states = (
        State("valid", _("有效")),
        State("revoked", _("已撤销"), final=True),
        State("expired", _("已到期"), final=True),
    )
    transitions = (
        Transition("revoke", _("复查不合格，撤销命名"), ("valid",), "revoked", automatic=True),
        Transition("expire", _("有效期届满"), ("valid",), "expired", automatic=True),
    )
