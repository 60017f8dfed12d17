"""The round without signal: the web app manifest and the service worker, served by the app
at the site's root (their scope is the whole site), the week's round as a bundle the phone
keeps (masked as in lists), and the address a visit queued offline is sent to."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import generic

from jiuye.ledger.models import Person
from jiuye.visits import selectors, services
from jiuye.visits.forms import VisitForm


@method_decorator(login_not_required, name="dispatch")
class ManifestView(generic.View):
    """The web app manifest: installable on the phone's home screen, opening the round."""

    def get(self, request):
        manifest = {
            "name": _("基层公共就业服务平台"),
            "short_name": _("就业服务"),
            "start_url": "/visits/",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#195ea0",
            "icons": [
                {
                    "src": static(f"jiuye/icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                }
                for size in (192, 512)
            ],
        }
        return JsonResponse(manifest, content_type="application/manifest+json",
                            json_dumps_params={"ensure_ascii": False})  # fmt: skip


@method_decorator(login_not_required, name="dispatch")
class ServiceWorkerView(generic.View):
    """The service worker, from the site's root so that its scope is the whole site. It keeps
    no personal data of its own beyond the round page it caches (masked as in lists)."""

    def get(self, request):
        script = render_to_string("visits/sw.js", {"static": static("jiuye/")})
        response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
        response["Cache-Control"] = "no-store"  # a new version is taken at once
        response["Service-Worker-Allowed"] = "/"
        return response


def _stop(stop: selectors.Stop) -> dict:
    person = stop.person
    return {
        "id": person.pk, "name": person.name, "id_number": person.masked_id_number,
        "sex": person.get_sex_display(), "age": person.age_on(), "region": person.region.name,
        "address": stop.address, "seen": stop.seen, "due_on": stop.due_on.isoformat(),
        "items": [{"line": item.source, "reason": item.reason, "due_on": item.due_on.isoformat()}
                  for item in stop.items],
    }  # fmt: skip


class BundleView(PermissionRequiredMixin, generic.View):
    """The coming week's round of the user, as the phone keeps it: identity numbers masked as
    in lists, no phone numbers, only the persons on the round."""

    permission_required = "visits.view_visit"

    def get(self, request):
        today = timezone.localdate()
        until = today + datetime.timedelta(days=selectors.WEEK - 1)
        groups = selectors.round_for(request.user, today, until)
        return JsonResponse({
            "user": request.user.pk, "made": today.isoformat(), "until": until.isoformat(),
            "groups": [{"label": label, "stops": [_stop(stop) for stop in stops]} for label, stops in groups],
        }, json_dumps_params={"ensure_ascii": False})  # fmt: skip


class SyncView(PermissionRequiredMixin, generic.View):
    """A visit sent from the phone's queue: 201 recorded (or already recorded under its key),
    409 what it waited on changed meanwhile (nothing recorded), 400 what is wrong with it."""

    permission_required = "visits.add_visit"
    http_method_names = ["post"]

    def post(self, request, person):
        person = get_object_or_404(Person.objects.visible_to(request.user), pk=person)
        form = VisitForm(request.POST, request.FILES)
        if not form.is_valid():
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        data = form.cleaned_data
        key = request.POST.get("key", "")[:40]
        try:
            visit = services.visit_record(
                actor=request.user, person=person, on=data["on"], kind=data["kind"],
                result=data["result"], notes=data["notes"], next_step=data["next_step"],
                photo=data.get("photo"), seen=data["seen"], key=key or None,
            )  # fmt: skip
        except services.VisitConflict as conflict:
            return JsonResponse(
                {"conflict": conflict.messages[0], "changes": conflict.changes}, status=409
            )
        except services.ValidationError as error:
            return JsonResponse({"errors": {"__all__": error.messages}}, status=400)
        return JsonResponse({"visit": visit.pk, "served": visit.served}, status=201)
