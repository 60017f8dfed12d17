"""Records of village A for the URL walk (``jiuye/tests/test_url_walk.py``)."""

from jiuye.performance import services
from jiuye.performance.choices import Honoree, Method, OfficeLevel
from jiuye.performance.models import Commendation, Item, Scheme
from jiuye.staff.models import User


def build(samples):
    """历下区's own scheme for its communities (so a sibling county reads nothing of it), with
    one item, and a commendation of village A's office."""
    approver = User.objects.get(username="approver-370102")
    scheme = services.scheme_create(
        actor=approver, name="甲县样本方案", year=2025, level=OfficeLevel.VILLAGE
    )
    item = services.item_add(actor=approver, scheme=scheme, indicator="posts_developed", weight=10,
                             method=Method.TARGET, target=5)  # fmt: skip
    commendation = services.commendation_create(
        actor=approver, honoree=Honoree.OFFICE, office=samples.org, period="2025",
        reason="甲村样本表彰",
    )  # fmt: skip
    return {
        Scheme: (scheme, scheme.name),
        Item: (item, scheme.name),
        Commendation: (commendation, commendation.reason),
    }, {}
