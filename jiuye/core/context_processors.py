from jiuye.core.navigation import menu_for
from jiuye.regions.models import region_path


def navigation(request):
    """The menu and the user's organisation and region path, for the page frame."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    org = user.org if user.org_id else None
    return {
        "menu": menu_for(user, request.path),
        "user_org": org,
        "user_region_path": region_path(org.region_id) if org else [],
    }
